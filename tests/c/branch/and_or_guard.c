// Conditions joined with && and || (at -O1 and above one branch on a
// `select` or `and` of the comparisons): umsan tests the comparisons'
// operand shadows on the hot path and works out the exact answer only
// when one is uninitialized (FunctionInstrumenter::combine_guards). A
// condition is reported exactly when its outcome depends on uninitialized
// bits, whatever the other comparison says. (Without origins: with them
// the exact comparisons stay on the hot path.)
// CFLAGS: -fno-umsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
#include "../common/opaque.h"

static int count;

static __attribute__((noinline)) void hit(int k) { count += k; }

static __attribute__((noinline)) void probe(const int *x, const int *y, int n) {
    for (int i = 0; i < n; i++) {
        /* low byte of *x initialized, the rest not */
        if ((x[i] & 0xff) == 5 && y[i] > 0) /* decided by initialized bits */
            hit(1);
        if ((x[i] & 0xff) == 6 && x[i] > 0) /* first part false: decided */
            hit(2);
        if ((x[i] & 0xff) == 7 || y[i] < 100) /* second part true: decided */
            hit(4);
    }
}

static __attribute__((noinline)) void probe_bad(const int *x, const int *y) {
    if ((x[0] & 0xff) == 5 && x[0] > 0) // REPORT
        hit(8);
    if (y[0] > 0 || x[0] < 0) // REPORT
        hit(16);
}

int main(void) {
    int *x = uninit_heap(4 * sizeof(int));
    int *y = uninit_heap(4 * sizeof(int));
    for (int i = 0; i < 4; i++) {
        ((unsigned char *)&x[i])[0] = 5;
        y[i] = i + 1;
    }
    probe(opaque(x), opaque(y), OPAQUE_INT(4));
    y[0] = -1;
    probe_bad(opaque(x), opaque(y));
    printf("%d\n", count > 0);
    return 0;
}
// STDOUT: 1
