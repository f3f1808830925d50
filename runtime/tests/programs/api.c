/* Runtime API and allocation hooks, exercised without the pass: checks
 * shadow state through umsan_test_initialized. Prints "OK" and exits 0. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/mman.h>

void *__umsan_malloc(size_t n);
void *__umsan_calloc(size_t a, size_t b);
void *__umsan_realloc(void *p, size_t n);
void *__umsan_reallocarray(void *p, size_t a, size_t b);
void __umsan_free(void *p);
int __umsan_posix_memalign(void **out, size_t align, size_t n);
void *__umsan_aligned_alloc(size_t align, size_t n);
void *__umsan_memalign(size_t align, size_t n);
void *__umsan_valloc(size_t n);
void *__umsan_pvalloc(size_t n);
void __umsan_poison(void *p, size_t n);
void __umsan_unpoison(void *p, size_t n);
void __umsan_poison_stack(void *p, size_t n, uint32_t *id_slot, const char *d);
void __umsan_set_origin(void *p, size_t n, uint32_t origin);
void __umsan_move_shadow(void *d, const void *s, size_t n);
void *__umsan_memcpy(void *d, const void *s, size_t n);
void *__umsan_memmove(void *d, const void *s, size_t n);
void *__umsan_memset(void *d, int c, size_t n);
void umsan_memmove_metadata(void *dst, const void *src, size_t n);
void umsan_poison(const volatile void *p, size_t n);
void umsan_unpoison(const volatile void *p, size_t n);
long umsan_test_initialized(const volatile void *p, size_t n);

static int failures;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "FAIL line %d: %s\n", __LINE__, #c); failures++; } } while (0)
#define T(p, n) umsan_test_initialized((p), (n))

static void *thread_main(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        char *p = __umsan_malloc(100);
        CHECK(T(p, 100) == 0);
        __umsan_free(p);
    }
    return 0;
}

int main(void) {
    /* Plain (interposed) allocations are clean. */
    char *a = malloc(100);
    CHECK(T(a, 100) == -1);
    __umsan_poison(a, 100);
    CHECK(T(a, 100) == 0);
    free(a); /* uninstrumented free cleans */
    CHECK(T(a, 100) == -1);

    /* Wrappers poison the requested bytes. */
    char *m = __umsan_malloc(40);
    CHECK(T(m, 40) == 0);
    {
        char *s1 = __umsan_malloc(1); /* the slack is poisoned too */
        CHECK(malloc_usable_size(s1) > 1 && T(s1 + 1, malloc_usable_size(s1) - 1) == 0);
        __umsan_free(s1);
    }
    memset(m, 0, 40); __umsan_unpoison(m, 40);
    CHECK(T(m, 40) == -1);
    __umsan_poison(m + 30, 2);
    char *blocker = malloc(16); /* keep realloc from growing in place */
    char *old = m;
    size_t old_usable = malloc_usable_size(m);
    m = __umsan_realloc(m, 4000); /* moves, growth poisoned */
    if (m != old)
        CHECK(T(old, old_usable) == -1); /* released block is clean */
    CHECK(T(m, 30) == -1);
    CHECK(T(m, 4000) == 30);
    CHECK(T(m + 32, 8) == -1);
    CHECK(T(m + 40, 3960) == 0);
    free(blocker);
    m = __umsan_realloc(m, 10); /* in-place shrink: kept bytes keep shadow */
    CHECK(T(m, 10) == -1);
    __umsan_free(m);
    /* Plain realloc (uninstrumented callers): growth is clean, kept bytes
     * keep their shadow. */
    char *u = malloc(16);
    __umsan_poison(u + 2, 1);
    u = realloc(u, 5000);
    CHECK(T(u, 5000) == 2 && T(u + 3, 4997) == -1);
    free(u);
    CHECK(T(u, 16) == -1);
    CHECK(__umsan_realloc(0, 0) != 0 || 1);
    char *r0 = __umsan_realloc(0, 16);
    CHECK(T(r0, 16) == 0);
    __umsan_free(r0);

    errno = 0;
    CHECK(__umsan_reallocarray(0, SIZE_MAX, 2) == 0 && errno == ENOMEM);
    char *ra = __umsan_reallocarray(0, 4, 4);
    CHECK(T(ra, 16) == 0);
    __umsan_free(ra);

    errno = 0;
    CHECK(__umsan_malloc(SIZE_MAX) == 0 && errno == ENOMEM);
    errno = 0;
    CHECK(malloc(SIZE_MAX) == 0 && errno == ENOMEM);

    char *c = __umsan_calloc(10, 10);
    CHECK(T(c, 100) == -1);
    __umsan_free(c);

    void *pm = 0;
    CHECK(__umsan_posix_memalign(&pm, 3, 10) == EINVAL && pm == 0);
    CHECK(__umsan_posix_memalign(&pm, 64, 10) == 0 && ((uintptr_t)pm & 63) == 0);
    CHECK(T(pm, 10) == 0);
    __umsan_free(pm);
    CHECK(posix_memalign(&pm, 128, 10) == 0 && T(pm, 10) == -1);
    free(pm);
    char *al = __umsan_aligned_alloc(32, 64);
    CHECK(al && T(al, 64) == 0);
    __umsan_free(al);
    al = __umsan_memalign(256, 64);
    CHECK(al && ((uintptr_t)al & 255) == 0 && T(al, 64) == 0);
    __umsan_free(al);
    al = __umsan_valloc(10);
    CHECK(al && ((uintptr_t)al & 4095) == 0 && T(al, 10) == 0);
    __umsan_free(al);
    al = __umsan_pvalloc(10);
    CHECK(al && T(al + 4000, 10) == 0);
    __umsan_free(al);
    al = aligned_alloc(64, 64);
    CHECK(al && T(al, 64) == -1);
    free(al);

    /* Shadow ops. */
    char src[64], dst[64];
    memset(src, 7, 64); memset(dst, 7, 64);
    __umsan_unpoison(src, 64); __umsan_unpoison(dst, 64);
    __umsan_poison(src + 5, 3);
    __umsan_move_shadow(dst, src, 64);
    CHECK(T(dst, 64) == 5 && T(dst + 8, 56) == -1);
    CHECK(dst[5] == 7); /* no data copy */
    __umsan_move_shadow(src + 1, src, 32); /* overlap */
    CHECK(T(src, 64) == 6 && T(src + 9, 55) == -1);
    __umsan_unpoison(src, 64);
    static uint32_t src_slot;
    __umsan_poison_stack(src, 2, &src_slot, "src@main");
    CHECK(src_slot == 0); /* no origin tracking in this program */
    __umsan_set_origin(src, 2, 5);
    __umsan_memcpy(dst, src, 64);
    CHECK(T(dst, 64) == 0 && T(dst + 2, 62) == -1);
    __umsan_memmove(dst + 1, dst, 10);
    CHECK(T(dst, 64) == 0 && T(dst + 1, 2) == 0 && T(dst + 3, 61) == -1);
    CHECK(__umsan_memset(dst, 0, 64) == dst && T(dst, 64) == -1 && dst[0] == 0);
    umsan_poison(src, 64);
    umsan_memmove_metadata(dst, src, 16);
    CHECK(T(dst, 64) == 0 && T(dst + 16, 48) == -1);
    umsan_unpoison(dst, 64);
    CHECK(T(dst, 64) == -1);

    /* Outside application memory / n == 0: ignored. */
    __umsan_poison((void *)0x500000001000ULL, 16);
    __umsan_poison(0, 16);
    __umsan_move_shadow((void *)0x500000001000ULL, src, 16);
    CHECK(T((void *)0x500000001000ULL, 16) == -1);
    CHECK(T(src, 0) == -1);
    __umsan_poison(src, 0);
    CHECK(T(0, 0) == -1);

    /* mmap / munmap clean, big ranges too. */
    size_t big = 1 << 20;
    char *mp = mmap(0, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(mp != MAP_FAILED);
    __umsan_poison(mp, big);
    CHECK(T(mp + big - 1, 1) == 0);
    CHECK(munmap(mp, big) == 0);
    CHECK(T(mp, big) == -1);
    errno = 0;
    CHECK(mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
    char *big1 = __umsan_malloc(big + 3);
    CHECK(T(big1 + big, 3) == 0);
    __umsan_free(big1);
    CHECK(T(big1 + 17, big - 17) == -1);

    /* Threads. */
    pthread_t th[4];
    for (int i = 0; i < 4; i++) pthread_create(&th[i], 0, thread_main, 0);
    for (int i = 0; i < 4; i++) pthread_join(th[i], 0);

    if (failures) return 1;
    printf("OK\n");
    return 0;
}
