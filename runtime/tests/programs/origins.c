/* Origin tracking: run as `origins MODE`; see runtime/tests/smoke.rs.
 * Calls the runtime entry points the way instrumented code does. Built with
 * the origin switch defined, and with -DNO_ORIGINS without it (then no
 * origin may be printed). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>

void *__umsan_malloc(size_t n);
void *__umsan_realloc(void *p, size_t n);
int __umsan_posix_memalign(void **out, size_t align, size_t n);
void __umsan_free(void *p);
void __umsan_unpoison(void *p, size_t n);
void __umsan_poison_stack(void *p, size_t n, uint32_t *id_slot, const char *descr);
void __umsan_set_origin(void *p, size_t n, uint32_t origin);
void *__umsan_memcpy(void *d, const void *s, size_t n);
void __umsan_move_shadow(void *d, const void *s, size_t n);
void __umsan_copy_out_check(const void *p, size_t n);
/* The report call of instrumented code, with its calling convention: the
 * origin is the sixth argument (r9), the first five are unused. */
__attribute__((preserve_most)) void __umsan_warning(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t origin);
void umsan_check_initialized(const volatile void *p, size_t n);

#ifndef NO_ORIGINS
__attribute__((weak)) int __umsan_track_origins = 1; /* what the pass emits */
static const int tracked = 1;
#else
static const int tracked = 0;
#endif

/* umsan_abi::origin_of */
static uint32_t origin_of(const void *p) {
    uintptr_t a = (((uintptr_t)p ^ 0x500000000000ULL) + 0x100000000000ULL) & ~(uintptr_t)3;
    return *(volatile uint32_t *)a;
}

static char *__attribute__((noinline)) make_buffer(size_t n) {
    return __umsan_malloc(n); /* LINE_MALLOC */
}

static void __attribute__((noinline)) parse_header(int mode_copy) {
    static uint32_t buf_slot; /* the pass's per-alloca-site id slot */
    char buf[32];
    __umsan_poison_stack(buf, sizeof buf, &buf_slot, "buf@parse_header"); /* LINE_STACK */
    __umsan_unpoison(buf, 8);
    if (mode_copy)
        __umsan_copy_out_check(buf, sizeof buf); /* LINE_STACK_USE */
    else
        umsan_check_initialized(buf, sizeof buf);
}

static void *thread_main(void *arg) {
    static uint32_t slot;
    for (int i = 0; i < 2000; i++) {
        char tmp[16];
        __umsan_poison_stack(tmp, sizeof tmp, &slot, "tmp@thread_main");
        uint32_t o = origin_of(tmp);
        if ((o == 0) == tracked || o != slot) { fprintf(stderr, "bad stack origin %u %u\n", o, slot); exit(2); }
        char *p = make_buffer(24);
        if (i > 0 && origin_of(p) != *(uint32_t *)arg) { fprintf(stderr, "heap origin not deduplicated\n"); exit(2); }
        *(uint32_t *)arg = origin_of(p);
        __umsan_free(p);
    }
    return 0;
}


/* ---- move-random: shadow and origin moves against a byte-level model ---- */

void umsan_poison(const volatile void *p, size_t n);

enum { MR_N = 192 << 10 };
static unsigned char mr_shadow[MR_N]; /* model: 1 = uninitialized */
static uint32_t mr_origin[MR_N];      /* model: origin of the byte's data */
static uint64_t mr_seed = 0x9e3779b97f4a7c15ULL;

static uint64_t mr_rand(void) {
    mr_seed ^= mr_seed << 13;
    mr_seed ^= mr_seed >> 7;
    mr_seed ^= mr_seed << 17;
    return mr_seed;
}

static size_t mr_len(void) {
    switch (mr_rand() % 4) {
    case 0: return 1 + mr_rand() % 64;
    case 1: return 1 + mr_rand() % 5000;
    case 2: return 8192 + mr_rand() % 30000;
    default: return 1 + mr_rand() % 70000;
    }
}

/* Real shadow must equal the model; the origin of every uninitialized
 * byte's granule must be the origin of some uninitialized byte of that
 * granule (one slot serves four bytes). The model then takes the real
 * origins: once granules mix bytes of several origins, which one a slot
 * keeps is the runtime's choice, and each move is checked against the
 * state before it. */
static int mr_verify(unsigned char *buf, int step) {
    for (size_t i = 0; i < MR_N; i++) {
        unsigned char sh = *(volatile unsigned char *)((uintptr_t)(buf + i) ^ 0x500000000000ULL);
        if ((sh != 0) != mr_shadow[i]) {
            fprintf(stderr, "step %d: shadow of byte %zu is %u, model %u\n", step, i, sh, mr_shadow[i]);
            return 0;
        }
    }
    for (size_t g = 0; g < MR_N; g += 4) {
        int any = 0, ok = 0;
        uint32_t o = origin_of(buf + g);
        for (size_t i = g; i < g + 4; i++)
            if (mr_shadow[i]) {
                any = 1;
                ok |= mr_origin[i] == o;
            }
        if (any && !ok) {
            fprintf(stderr, "step %d: granule %zu has origin %u, model %u %u %u %u\n", step, g, o,
                    mr_origin[g], mr_origin[g + 1], mr_origin[g + 2], mr_origin[g + 3]);
            return 0;
        }
        for (size_t i = g; i < g + 4; i++)
            if (mr_shadow[i]) mr_origin[i] = o;
    }
    return 1;
}

static int move_random(void) {
    unsigned char *buf = aligned_alloc(4096, MR_N);
    __umsan_unpoison(buf, MR_N);
    uint32_t next_id = 1;
    for (int step = 0; step < 400; step++) {
        if (step % 3 == 0) {
            /* New uninitialized data: granule-aligned, so that the slots set
             * describe exactly the bytes poisoned. */
            size_t n = (mr_len() + 3) & ~(size_t)3;
            if (n > MR_N / 4) n = MR_N / 4;
            size_t at = (mr_rand() % (MR_N - n)) & ~(size_t)3;
            umsan_poison(buf + at, n);
            __umsan_set_origin(buf + at, n, next_id);
            memset(mr_shadow + at, 1, n);
            for (size_t i = at; i < at + n; i++) mr_origin[i] = next_id;
            next_id++;
        } else if (step % 7 == 1) {
            size_t n = mr_len() % (MR_N / 4) + 1;
            size_t at = mr_rand() % (MR_N - n);
            __umsan_unpoison(buf + at, n);
            memset(mr_shadow + at, 0, n);
        }
        size_t n = mr_len();
        if (n > MR_N / 2) n = MR_N / 2;
        size_t s = mr_rand() % (MR_N - n), d;
        if (mr_rand() % 3 == 0) {
            /* Overlapping, either direction, sometimes same alignment. */
            size_t delta = 1 + mr_rand() % (n < 9000 ? n : 9000);
            if (mr_rand() % 2) delta &= ~(size_t)3;
            if (delta == 0) delta = 4;
            d = mr_rand() % 2 ? s + delta : s - delta;
            if (d > MR_N - n) d = s > delta ? s - delta : s + delta;
            if (d > MR_N - n) d = 0;
        } else {
            d = mr_rand() % (MR_N - n);
            if (mr_rand() % 2) d = (d & ~(size_t)3) | (s & 3); /* same alignment */
        }
        __umsan_move_shadow(buf + d, buf + s, n);
        memmove(mr_shadow + d, mr_shadow + s, n);
        memmove(mr_origin + d, mr_origin + s, n * sizeof *mr_origin);
        if (!mr_verify(buf, step)) return 2;
    }
    printf("moves ok\n");
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "heap";
    if (!strcmp(mode, "heap")) {
        char *p = make_buffer(64);
        __umsan_unpoison(p, 10);
        umsan_check_initialized(p, 64); /* LINE_HEAP_USE */
    } else if (!strcmp(mode, "warning")) {
        char *p = make_buffer(8);
        __umsan_warning(0, 0, 0, 0, 0, origin_of(p));
    } else if (!strcmp(mode, "stack")) {
        parse_header(0);
    } else if (!strcmp(mode, "stack-copyout")) {
        parse_header(1);
    } else if (!strcmp(mode, "move")) {
        /* Heap origin moved to a misaligned stack destination. */
        char *p = make_buffer(40);
        char dst[64];
        memset(dst, 0, sizeof dst);
        __umsan_unpoison(dst, sizeof dst);
        __umsan_memcpy(dst + 3, p + 1, 30);
        umsan_check_initialized(dst, sizeof dst);
    } else if (!strcmp(mode, "realloc")) {
        char *p = make_buffer(8);
        __umsan_unpoison(p, malloc_usable_size(p));
        p = __umsan_realloc(p, 4000); /* LINE_REALLOC */
        umsan_check_initialized(p, 4000);
    } else if (!strcmp(mode, "memalign")) {
        void *p = 0;
        __umsan_posix_memalign(&p, 64, 32); /* LINE_MEMALIGN */
        umsan_check_initialized(p, 32);
    } else if (!strcmp(mode, "set")) {
        /* __umsan_set_origin gives a poisoned store the heap origin. */
        char *p = make_buffer(4);
        uint32_t o = origin_of(p);
        char local[12];
        __umsan_move_shadow(local + 5, p, 3); /* shadow, and origin */
        memset(local, 0, 5);
        __umsan_unpoison(local, 5);
        __umsan_set_origin(local + 9, 3, 0); /* no-op */
        __umsan_set_origin(local, 12, o);
        if (origin_of(local + 8) != o) { fprintf(stderr, "set_origin failed\n"); return 2; }
        umsan_check_initialized(local, 12);
    } else if (!strcmp(mode, "move-random")) {
        if (argc > 2) mr_seed = strtoull(argv[2], 0, 0) | 1;
        return move_random();
    } else if (!strcmp(mode, "threads")) {
        pthread_t th[4];
        uint32_t last[4] = {0};
        for (int i = 0; i < 4; i++) pthread_create(&th[i], 0, thread_main, &last[i]);
        for (int i = 0; i < 4; i++) pthread_join(th[i], 0);
        for (int i = 1; i < 4; i++)
            if (last[i] != last[0]) { fprintf(stderr, "threads got different heap origins\n"); return 2; }
        printf("%s\n", last[0] ? "origins" : "no origins");
        return 0;
    }
    printf("end of main\n");
    return 3;
}
