// The vprintf family reads the arguments its format consumes from a
// va_list: an uninitialized integer (in a register or on the stack), double
// or `*` width, or uninitialized bytes a `%s` prints, passed through a
// `my_log(fmt, ...)` wrapper, is reported at the v*printf call. Arguments
// the format does not consume are not. (vprintf itself is not called here:
// at -O2 glibc's inline vprintf, in bits/stdio.h, would be the first frame.)
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan reports inside its vfprintf interceptor, at another frame)
#include "../common/opaque.h"
#include <stdarg.h>
#include <umsan.h>

static void my_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap); // REPORT
    va_end(ap);
}

static void my_stack_log(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap); // REPORT
    va_end(ap);
}

static void my_str_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap); // REPORT
    va_end(ap);
}

static void my_double_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap); // REPORT
    va_end(ap);
}

static void my_width_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vdprintf(1, fmt, ap); // REPORT
    va_end(ap);
}

static void my_quiet_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap); /* never given an uninitialized consumed argument */
    va_end(ap);
}

int main(void) {
    int *u = uninit_heap(4 * sizeof(int));
    long *ul = uninit_heap(sizeof(long));
    double *ud = uninit_heap(sizeof(double));
    char *s = uninit_heap(8);
    memcpy(s, "abcdefg", 8);
    umsan_poison(s + 4, 2); /* "abcd??g" */
    char buf[64];
    my_log("%d\n", OPAQUE_INT(1));
    my_log("%d %d\n", OPAQUE_INT(2), u[0]);
    my_stack_log(buf, sizeof buf, "%d %d %d %d %ld\n", 1, 2, 3, 4, *ul);
    my_str_log("%.4s|\n", s); /* only "abcd": clean */
    my_str_log("[%s]\n", s);
    my_double_log("%f %f\n", 1.5, *ud);
    my_width_log("%*d\n", u[1], 5);
    my_quiet_log("%d\n", OPAQUE_INT(3), u[2]); /* not consumed: clean */
    return 0;
}
