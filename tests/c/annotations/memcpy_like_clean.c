// UMSAN_MEMCPY_LIKE with RET copied: only the transferred prefix takes the
// source's (uninitialized) metadata; the rest of the destination keeps its
// own initialized state. UMSAN_COPY_IN marks bytes arriving from outside as
// initialized.
// EXPECT: clean
// ORACLE: skip (umsan annotation)
#include "../common/opaque.h"
#include <umsan.h>

/* Copies at most 4 bytes; returns how many it copied. */
__attribute__((noinline)) long copy_some(void *dst, const void *src, size_t len) {
    size_t n = len < 4 ? len : 4;
    volatile unsigned char *d = dst;
    const volatile unsigned char *s = src;
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
    return (long)n;
}
UMSAN_MEMCPY_LIKE(copy_some, 0, 1, 2, copied);

/* Fills dst "from a device"; returns the number of bytes filled. */
__attribute__((noinline)) long dev_read(void *dst, size_t len) {
    volatile unsigned char *d = dst;
    for (size_t i = 0; i < len; i++)
        d[i] = (unsigned char)(i * 3);
    return (long)len;
}
UMSAN_COPY_IN(dev_read, 0, 1, copied);

int main(void) {
    unsigned char *src = uninit_heap(16); /* all uninitialized */
    unsigned char dst[16];
    memset(dst, 9, sizeof dst);
    long n = copy_some(dst, src, 16); /* only dst[0..4) become uninitialized */
    unsigned char *d = opaque(dst);
    int nines = 0;
    for (int i = 4; i < 16; i++)
        nines += d[i] == 9;
    unsigned char *in = uninit_heap(32);
    long got = dev_read(in, 32);
    long sum = 0;
    for (long i = 0; i < got; i++)
        sum += in[i];
    printf("%ld %d %ld\n", n, nines, sum);
    free(src);
    free(in);
    return 0;
}
