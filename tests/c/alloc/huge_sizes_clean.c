// Impossible allocation requests fail the libc way — NULL and errno ENOMEM
// (posix_memalign: ENOMEM returned, *out untouched) — with no crash and no
// report, both through the poisoning wrappers instrumented code calls
// (direct calls) and through the process-wide interposed functions
// (calls through function pointers). A failed realloc leaves the block, its
// contents and their initializedness as they were. Sizes come from a
// volatile so that the compiler cannot fold the calls; errno is accessed
// through a volatile lvalue (LLVM assumes malloc leaves errno alone and
// would otherwise forward the `errno = 0` to the check).
// EXPECT: clean
// ORACLE: skip (MemorySanitizer aborts on impossible sizes unless allocator_may_return_null=1)
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile size_t v_max = SIZE_MAX;
static volatile size_t v_half = SIZE_MAX / 2;
static volatile size_t v_huge = (size_t)1 << 62; /* no overflow, just too big */

#define ERRNO (*(volatile int *)&errno)

static void *volatile escaped;

static void show(const char *what, void *p) {
    /* Let the result escape: an allocation that only flows into `free` may
     * be deleted by the optimizer, success assumed. */
    escaped = p;
    p = escaped;
    printf("%-28s %s %s\n", what, p ? "non-NULL" : "NULL", ERRNO == ENOMEM ? "ENOMEM" : "other-errno");
    free(p);
}

#define TRY(call)          \
    do {                   \
        ERRNO = 0;         \
        show(#call, call); \
    } while (0)

static void *(*volatile p_malloc)(size_t) = malloc;
static void *(*volatile p_calloc)(size_t, size_t) = calloc;
static void *(*volatile p_realloc)(void *, size_t) = realloc;
static void *(*volatile p_reallocarray)(void *, size_t, size_t) = reallocarray;
static void *(*volatile p_aligned_alloc)(size_t, size_t) = aligned_alloc;
static void *(*volatile p_memalign)(size_t, size_t) = memalign;
static int (*volatile p_posix_memalign)(void **, size_t, size_t) = posix_memalign;
static void *(*volatile p_valloc)(size_t) = valloc;
static void *(*volatile p_pvalloc)(size_t) = pvalloc;

static void check_block(const char *what, const unsigned char *p) {
    int ok = 1;
    for (int i = 0; i < 32; i++)
        if (p[i] != (unsigned char)(i * 5)) /* initialized: no report */
            ok = 0;
    printf("%-28s block %s\n", what, ok ? "intact" : "CHANGED");
}

int main(void) {
    /* Direct calls: umsan's poisoning wrappers. */
    TRY(malloc(v_max));
    TRY(malloc(v_huge));
    TRY(calloc(v_half, 4));
    TRY(calloc(v_max, v_max));
    TRY(aligned_alloc(64, v_max));
    TRY(aligned_alloc(4096, v_huge));
    TRY(memalign(64, v_max));
    TRY(valloc(v_max));
    TRY(pvalloc(v_max));
    unsigned char *b = malloc(32);
    for (int i = 0; i < 32; i++)
        b[i] = (unsigned char)(i * 5);
    TRY(realloc(b, v_max));
    TRY(realloc(b, v_huge));
    TRY(reallocarray(b, v_half, 4));
    check_block("after failed realloc", b);
    void *out = &out;
    int r = posix_memalign(&out, 64, v_max);
    printf("%-28s %s %s\n", "posix_memalign(max)", r == ENOMEM ? "ENOMEM" : "other", out == &out ? "out-untouched" : "out-CHANGED");
    r = posix_memalign(&out, 64, v_huge);
    printf("%-28s %s %s\n", "posix_memalign(huge)", r == ENOMEM ? "ENOMEM" : "other", out == &out ? "out-untouched" : "out-CHANGED");

    /* Through pointers: the interposed libc functions. */
    TRY(p_malloc(v_max));
    TRY(p_calloc(v_half, 4));
    TRY(p_aligned_alloc(64, v_max));
    TRY(p_memalign(64, v_max));
    TRY(p_valloc(v_max));
    TRY(p_pvalloc(v_max));
    TRY(p_realloc(b, v_max));
    TRY(p_reallocarray(b, v_half, 4));
    check_block("after failed p_realloc", b);
    r = p_posix_memalign(&out, 64, v_max);
    printf("%-28s %s %s\n", "p_posix_memalign(max)", r == ENOMEM ? "ENOMEM" : "other", out == &out ? "out-untouched" : "out-CHANGED");
    free(b);

    /* The allocator still works. */
    int *ok = malloc(100 * sizeof(int));
    for (int i = 0; i < 100; i++)
        ok[i] = i;
    long s = 0;
    for (int i = 0; i < 100; i++)
        if (ok[i] & 1)
            s += ok[i];
    printf("still works: %ld\n", s);
    free(ok);
    return 0;
}
// STDOUT: malloc(v_max) NULL ENOMEM
// STDOUT-NEXT: malloc(v_huge) NULL ENOMEM
// STDOUT-NEXT: calloc(v_half, 4) NULL ENOMEM
// STDOUT-NEXT: calloc(v_max, v_max) NULL ENOMEM
// STDOUT-NEXT: aligned_alloc(64, v_max) NULL ENOMEM
// STDOUT-NEXT: aligned_alloc(4096, v_huge) NULL ENOMEM
// STDOUT-NEXT: memalign(64, v_max) NULL ENOMEM
// STDOUT-NEXT: valloc(v_max) NULL ENOMEM
// STDOUT-NEXT: pvalloc(v_max) NULL ENOMEM
// STDOUT-NEXT: realloc(b, v_max) NULL ENOMEM
// STDOUT-NEXT: realloc(b, v_huge) NULL ENOMEM
// STDOUT-NEXT: reallocarray(b, v_half, 4) NULL ENOMEM
// STDOUT-NEXT: after failed realloc block intact
// STDOUT-NEXT: posix_memalign(max) ENOMEM out-untouched
// STDOUT-NEXT: posix_memalign(huge) ENOMEM out-untouched
// STDOUT-NEXT: p_malloc(v_max) NULL ENOMEM
// STDOUT-NEXT: p_calloc(v_half, 4) NULL ENOMEM
// STDOUT-NEXT: p_aligned_alloc(64, v_max) NULL ENOMEM
// STDOUT-NEXT: p_memalign(64, v_max) NULL ENOMEM
// STDOUT-NEXT: p_valloc(v_max) NULL ENOMEM
// STDOUT-NEXT: p_pvalloc(v_max) NULL ENOMEM
// STDOUT-NEXT: p_realloc(b, v_max) NULL ENOMEM
// STDOUT-NEXT: p_reallocarray(b, v_half, 4) NULL ENOMEM
// STDOUT-NEXT: after failed p_realloc block intact
// STDOUT-NEXT: p_posix_memalign(max) ENOMEM out-untouched
// STDOUT-NEXT: still works: 2500
