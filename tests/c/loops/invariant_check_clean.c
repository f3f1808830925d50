// EXPECT: clean
// Loops over pointer parameters whose checks move out of the loop from
// -O1 on: a pointer with uninitialized bits that a zero-trip loop never
// reads through gives no report, and initialized ones read normally.
#include "../common/opaque.h"

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define POISON(p, n) __msan_poison((p), (n))
#endif
#endif
#ifndef POISON
#define POISON(p, n) ((void)0)
#endif

__attribute__((noinline)) long sum(const int *p, int n) {
    long s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

__attribute__((noinline)) void scale(int *dst, const int *src, int n, int k) {
    for (int i = 0; i < n; i++)
        dst[i] = src[i] * k;
}

int main(void) {
    static int a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    int b[8];
    const int *p = opaque(a);
    POISON(&p, sizeof p);
    printf("%ld\n", sum(p, OPAQUE_INT(0))); /* never dereferenced */
    scale(b, a, 8, OPAQUE_INT(3));
    printf("%ld %ld\n", sum(a, OPAQUE_INT(8)), sum(b, OPAQUE_INT(8)));
    return 0;
}
