// Variadic functions reading int, double, pointer and struct arguments (in
// registers and on the stack) that are all initialized: no report.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdarg.h>

struct pt {
    long x, y;
};

static __attribute__((noinline)) long sum_mixed(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long total = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: total += va_arg(ap, int); break;
        case 1: total += (long)(va_arg(ap, double) * 2); break;
        case 2: { const char *s = va_arg(ap, const char *); if (s != NULL) total += (long)strlen(s); break; }
        case 3: { struct pt p = va_arg(ap, struct pt); if (p.x > p.y) total += p.x - p.y; break; }
        }
    }
    va_end(ap);
    return total;
}

static __attribute__((noinline)) int fmt(char *out, size_t n, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    int r = vsnprintf(out, n, f, ap);
    va_end(ap);
    return r;
}

int main(void) {
    struct pt p = {OPAQUE_INT(9), 2};
    /* 16 arguments: more than fit in registers. */
    long r = sum_mixed(16, 1, 1.5, "abc", p, 2, 2.5, "de", p, 3, 3.5, "f", p, 4, 4.5, "", p);
    char buf[64];
    int n = fmt(buf, sizeof buf, "%ld-%s-%d", r, "x", OPAQUE_INT(7));
    if (n > 0 && buf[0] != '-')
        printf("%s\n", buf);
    return 0;
}
