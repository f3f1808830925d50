// Deep recursion over initialized data, with uninitialized locals in each
// frame that are never read.
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) long fib(int n, char *scratch_unused) {
    char local[32]; /* never read: each frame's own garbage */
    opaque(local);
    (void)scratch_unused;
    if (n < 2)
        return n;
    return fib(n - 1, local) + fib(n - 2, local);
}

static __attribute__((noinline)) int depth(int n) {
    return n == 0 ? 0 : 1 + depth(n - 1);
}

int main(void) {
    printf("%ld %d\n", fib(OPAQUE_INT(20), NULL), depth(OPAQUE_INT(1000)));
    return 0;
}
