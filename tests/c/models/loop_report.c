// A modelled routine called in a loop (at most 3 bytes per call, RET
// remaining) over a source whose tail is uninitialized: the copied
// uninitialized bytes are reported where they are used, after the loop.
// EXPECT: report
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

size_t copy_upto3(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(copy_upto3, 0, 1, 2, remaining);

__attribute__((noinline)) size_t copy_upto3(void *dst, const void *src, size_t len) {
    size_t n = len < 3 ? len : 3;
    volatile unsigned char *d = dst;
    const volatile unsigned char *s = src;
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
    return len - n;
}

#define N 20

int main(void) {
    unsigned char *src = uninit_heap(N);
    memset(src, 1, 14); /* src[14..20) uninitialized */
    unsigned char dst[N];
    memset(dst, 0, sizeof dst);
    size_t off = 0;
    while (off < N) {
        size_t left = copy_upto3(dst + off, src + off, N - off);
        off = N - left;
    }
    unsigned char *d = opaque(dst);
    int ones = 0;
    for (int i = 0; i < 14; i++)
        ones += d[i] == 1;
    printf("%d ones\n", ones);
    if (d[16] == 1) // REPORT
        puts("d[16]?");
    return 0;
}
