// The vprintf family reads the arguments its format consumes from a
// va_list: when all of them are initialized (in registers and on the stack,
// integers, doubles, long doubles, strings, `*` widths, a va_list partly
// consumed with va_arg or copied with va_copy), nothing is reported and the
// output is the native build's.
// EXPECT: clean
// ORACLE: skip (umsan's va_list format check)
#include "../common/opaque.h"
#include <stdarg.h>

static void my_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
}

static int my_snlog(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

/* Skips its first variadic argument (a tag), then prints the rest twice. */
static void my_tagged(const char *fmt, ...) {
    va_list ap, again;
    va_start(ap, fmt);
    int tag = va_arg(ap, int);
    va_copy(again, ap);
    printf("tag %d: ", tag);
    vprintf(fmt, ap);
    vprintf(fmt, again);
    va_end(again);
    va_end(ap);
}

int main(void) {
    int *v = uninit_heap(4 * sizeof(int));
    for (int i = 0; i < 4; i++)
        v[i] = OPAQUE_INT(10 * i + 1);
    char *s = uninit_heap(8);
    memcpy(s, "hello", 6); /* s[6], s[7] stay uninitialized: never printed */
    double d = (double)opaque_long(3) / 4;
    long double ld = (long double)opaque_long(7) / 8;
    my_log("%d %s %ld %c|%5.2f %Lf %p\n", v[0], s, (long)v[1], 'x', d, ld, (void *)0);
    /* More than six integer arguments: the last ones are on the stack. */
    my_log("%d %d %d %d %d %d %d %d %s\n", v[0], v[1], v[2], v[3], 5, 6, 7, 8, s);
    /* More than eight doubles: the last ones are on the stack too. */
    my_log("%g %g %g %g %g %g %g %g %g %g\n", d, d, d, d, d, d, d, d, d + 1, d + 2);
    my_log("%*d|%-*.*s|%%|%.3s\n", 6, v[2], 8, 3, s, s);
    char buf[64];
    int r = my_snlog(buf, sizeof buf, "%s-%d-%lu", s, v[3], (unsigned long)sizeof buf);
    printf("%d [%s]\n", r, buf);
    my_tagged("%d %s\n", OPAQUE_INT(99), v[1], s);
    free(s);
    free(v);
    return 0;
}
