// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// MODES: O0 O1 O2
// A loop reading through two pointer parameters whose own bits are
// uninitialized: from -O1 on both checks leave the loop (the second one
// follows the first read, and with origins the cold block that reads that
// read's origin: nothing observable). Each still reports once, at its
// read's line, in program order, and the loop still runs.
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

__attribute__((noinline)) long mix(const int *p, const int *q, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
        int a = p[i]; // REPORT
        int b = q[i]; // REPORT
        s += 3 * a + b;
    }
    return s;
}

int main(void) {
    static int x[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    static int y[8] = {8, 7, 6, 5, 4, 3, 2, 1};
    const int *p = opaque(x);
    const int *q = opaque(y);
    __msan_poison(&p, sizeof p);
    __msan_poison(&q, sizeof q);
    printf("%ld\n", mix(p, q, OPAQUE_INT(8)));
    return 0;
}
