// Modelled calls in loops: a routine that copies at most 3 bytes per call
// (returning the bytes NOT copied) is called until the whole buffer is
// copied; each call moves the metadata of exactly what it copied. Also a
// loop over many buffers with a different k each time (RET copied).
// EXPECT: clean
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

/* A use umsan checks whatever the optimizer does: x becomes an index. */
static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

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

long copy_some(void *dst, const void *src, size_t len, long want);
UMSAN_MEMCPY_LIKE(copy_some, 0, 1, 2, copied);

/* Copies min(want, len) bytes (nothing if want < 0); returns want. */
__attribute__((noinline)) long copy_some(void *dst, const void *src, size_t len, long want) {
    volatile unsigned char *d = dst;
    const volatile unsigned char *s = src;
    for (long i = 0; i < want && (size_t)i < len; i++)
        d[i] = s[i];
    return want;
}

#define N 20

int main(void) {
    unsigned char *src = uninit_heap(N);
    for (int i = 0; i < 14; i++)
        src[i] = (unsigned char)(i + 1); /* src[14..20) uninitialized */
    unsigned char *dst = uninit_heap(N);

    /* Copy the initialized prefix in chunks of at most 3. */
    size_t off = 0, calls = 0;
    while (off < 14) {
        size_t left = copy_upto3(dst + off, src + off, 14 - off);
        off = 14 - left;
        calls++;
    }
    unsigned char *d = opaque(dst);
    unsigned sum = 0;
    for (size_t i = 0; i < off; i++)
        sum += TOUCH(d[i]) + d[i];
    printf("%zu calls, %zu bytes, sum %u\n", calls, off, sum);

    /* Many buffers, k = i each time: dst[k..N) keeps its initialized state. */
    unsigned char *buf = opaque(malloc(N));
    for (long i = -2; i <= N + 2; i++) {
        memset(buf, 0x20, N);
        long got = copy_some(buf, src, N, opaque_long(i));
        unsigned char *b = opaque(buf);
        long k = got < 0 ? 0 : got > 14 ? 14 : got;
        /* bytes < k come from src's initialized prefix, bytes >= i are 0x20 */
        for (long j = 0; j < N; j++)
            if (j < k || j >= (got < 0 ? 0 : got))
                sum += TOUCH(b[j]);
    }
    printf("sum %u\n", sum);
    free(src);
    free(dst);
    free(buf);
    return 0;
}
