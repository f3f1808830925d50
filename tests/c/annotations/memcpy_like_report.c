// UMSAN_MEMCPY_LIKE: a hand-written copy loop that is not instrumented moves
// the metadata of exactly the copied bytes; using a copied uninitialized
// byte is a report.
// EXPECT: report
// ORACLE: skip (umsan annotation)
#include "../common/opaque.h"
#include <umsan.h>

/* Copies like Linux's copy_mc_to_kernel: returns the bytes NOT copied. */
__attribute__((noinline)) size_t copy_mc(void *dst, const void *src, size_t len) {
    volatile unsigned char *d = dst;
    const volatile unsigned char *s = src;
    for (size_t i = 0; i < len; i++)
        d[i] = s[i];
    return 0;
}
UMSAN_MEMCPY_LIKE(copy_mc, 0, 1, 2, remaining);

int main(void) {
    unsigned char *src = uninit_heap(16);
    memset(src, 7, 8); /* bytes [8, 16) uninitialized */
    unsigned char dst[16];
    memset(dst, 0, sizeof dst);
    copy_mc(dst, src, 16);
    unsigned char *d = opaque(dst);
    if (d[3] == 7)
        puts("byte 3 copied");
    if (d[12] == 7) // REPORT
        puts("byte 12?");
    return 0;
}
