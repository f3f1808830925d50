// Variadic arguments carry no shadow: they count as initialized, whether
// the caller is instrumented or not (here a function umsan does not
// instrument, standing in for an uninstrumented file), and va_list passed
// on to another instrumented function stays clean.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdarg.h>

static long vsum(int n, va_list ap) {
    long s = 0;
    for (int i = 0; i < n; i++) {
        long v = va_arg(ap, long);
        if (v > 100) /* decides on every variadic argument */
            s += 1000;
        s += v;
    }
    return s;
}

__attribute__((noinline)) static long sum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long s = vsum(n, ap);
    va_end(ap);
    return s;
}

__attribute__((noinline)) static double avg(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double t = 0;
    for (int i = 0; i < n; i++) {
        double d = va_arg(ap, double);
        if (d < 0)
            t -= d;
        else
            t += d;
    }
    va_end(ap);
    return n ? t / n : 0;
}

/* Not instrumented: like a caller in a file umsan did not compile. */
__attribute__((noinline, disable_sanitizer_instrumentation)) static long from_uninstrumented(long a, long b) {
    return sum(3, a, b, 7L) + (long)avg(2, 1.5, -2.5);
}

int main(void) {
    long r = sum(4, 1L, 200L, opaque_long(3), 4L);
    long u = from_uninstrumented(opaque_long(150), 2);
    printf("%ld %ld %.2f\n", r, u, avg(3, 1.0, 2.0, -3.0));
    return 0;
}
