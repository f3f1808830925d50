// A memmove-like function called on overlapping buffers, in both
// directions: the metadata move is overlap-safe (byte i of the destination
// takes the OLD state of byte i of the source), never smeared like a naive
// forward copy would.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

void *my_memmove(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(my_memmove, 0, 1, 2, none);

__attribute__((noinline)) void *my_memmove(void *dst, const void *src, size_t len) {
    volatile unsigned char *d = dst;
    const volatile unsigned char *s = src;
    if (d < s)
        for (size_t i = 0; i < len; i++)
            d[i] = s[i];
    else
        for (size_t i = len; i-- > 0;)
            d[i] = s[i];
    return dst;
}

#define USE(p, i) if ((p)[i] == 0x77) puts("x")

int main(void) {
    /* Even bytes of [0, 8) initialized, odd ones not; [8, 16) initialized. */
    unsigned char *a = uninit_heap(16);
    for (int i = 0; i < 8; i += 2)
        a[i] = 1;
    memset(a + 8, 1, 8);
    my_memmove(a + 1, a, 8); /* forward overlap: a[1..9) = old a[0..8) */
    unsigned char *p = opaque(a);
    USE(p, 0);
    USE(p, 1); /* old a[0]: initialized */
    USE(p, 2); // REPORT
    USE(p, 3);
    USE(p, 7);
    USE(p, 8); // REPORT
    USE(p, 9);

    /* Backward overlap: c[0..8) = old c[2..10). */
    unsigned char *c = uninit_heap(16);
    memset(c, 1, 3);
    memset(c + 4, 1, 12); /* only c[3] uninitialized */
    my_memmove(c, c + 2, 8); /* c[1] = old c[3] */
    unsigned char *q = opaque(c);
    USE(q, 0);
    USE(q, 1); // REPORT
    USE(q, 2);
    USE(q, 3); /* c[3] = old c[5]: initialized */
    USE(q, 9);
    puts("done");
    return 0;
}
