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
void __umsan_warning(uint32_t origin);
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

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "heap";
    if (!strcmp(mode, "heap")) {
        char *p = make_buffer(64);
        __umsan_unpoison(p, 10);
        umsan_check_initialized(p, 64); /* LINE_HEAP_USE */
    } else if (!strcmp(mode, "warning")) {
        char *p = make_buffer(8);
        __umsan_warning(origin_of(p));
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
