// With FP exceptions unmasked, instrumentation must leave nothing in a
// register lane the program's own code can observe. libpng's png_muldiv
// (pngvalid --strict) shape: `double r = a` (cvtsi2sd writes the low lane
// only), and the two compares of `&&` evaluated as packed compares over
// both lanes. The caller's stack slot is poisoned right before the call, an
// all-ones (NaN) vector; had it stayed in the upper lane, the compare would
// raise FE_INVALID and the program die of SIGFPE (it did, at -O1..-O3
// without origins).
// EXPECT: clean
// MODES: O0 O1 O2 O3
// CFLAGS: -fno-umsan-track-origins -lm
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <stdio.h>

__attribute__((noinline)) int muldiv(int *res, int a, int times, int divisor, int *scratch) {
    scratch[0] = a;
    if (divisor != 0) {
        if (a == 0 || times == 0) {
            *res = 0;
            return 1;
        }
        double r = a;
        r *= times;
        r /= divisor;
        r = floor(r + .5);
        if (r <= 2147483647. && r >= -2147483648.) {
            *res = (int)r;
            return 1;
        }
    }
    return 0;
}

__attribute__((noinline)) double root_mean(const int *v, int n) {
    double s = 0; /* sqrtsd and cvtsi2sd keep the upper lane too */
    for (int i = 0; i < n; i++)
        s += (double)v[i] * v[i];
    double m = sqrt(s / n);
    return (m >= 0. && m <= 1e300) ? m : -1.;
}

int main(int argc, char **argv) {
    feenableexcept(FE_DIVBYZERO | FE_INVALID | FE_OVERFLOW);
    long sum = 0;
    for (int k = 0; k < 100; k++) {
        int scratch[12]; /* poisoned (all-ones shadow) right before the call */
        int res = 0;
        sum += muldiv(&res, 1000 * (k + 1), 100000 + argc, 64436, scratch);
        sum += res + scratch[0];
        int vals[16];
        for (int i = 0; i < 16; i++)
            vals[i] = k * i + argc;
        sum += (long)root_mean(vals, 16);
    }
    printf("%ld\n", sum);
    return 0;
}
