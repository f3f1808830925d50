// The scanf family initializes exactly the targets its conversions
// assigned: every kind of conversion here succeeds (or is a %n the scan
// reached), so using every target is clean, through sscanf and through a
// `my_scan(in, fmt, ...)` wrapper calling vsscanf with its va_list; a
// suppressed `%*d` takes no target; the output is the native build's.
// EXPECT: clean
// ORACLE: skip (umsan's scanf model)
#include "../common/opaque.h"
#include <stdarg.h>

static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

static int my_scan(const char *in, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsscanf(in, fmt, ap);
    va_end(ap);
    return r;
}

struct targets {
    int i;
    unsigned char hh;
    short h;
    long l;
    double d;
    float f;
    long double ld;
    char c3[3];
    char word[16];
    char set[16];
    int n;
    void *p;
    char *alloc;
};

static unsigned sum_of(const struct targets *t) {
    unsigned s = TOUCH(t->i) + TOUCH(t->hh) + TOUCH(t->h) + TOUCH(t->l) + TOUCH((int)t->d) + TOUCH((int)t->f) +
                 TOUCH((int)t->ld) + TOUCH(t->n) + TOUCH(t->p != 0);
    for (int k = 0; k < 3; k++)
        s += TOUCH(t->c3[k]);
    for (const char *q = t->word; *q; q++)
        s += TOUCH(*q);
    for (const char *q = t->set; *q; q++)
        s += TOUCH(*q);
    for (const char *q = t->alloc; *q; q++)
        s += TOUCH(*q);
    return s;
}

int main(void) {
    const char *in = "42 7 -3 99 123456789 2.5 0.25 1.75 abc word12 aaab 0x10 heap";
    const char *fmt = "%d %*d %hhu %hd %ld %lf %f %Lf %3c %15s %15[ab]%n %p %ms";
    struct targets *a = uninit_heap(sizeof *a), *b = uninit_heap(sizeof *b);
    int r1 = sscanf(in, fmt, &a->i, &a->hh, &a->h, &a->l, &a->d, &a->f, &a->ld, a->c3, a->word, a->set, &a->n,
                    &a->p, &a->alloc);
    int r2 = my_scan(in, fmt, &b->i, &b->hh, &b->h, &b->l, &b->d, &b->f, &b->ld, b->c3, b->word, b->set, &b->n,
                     &b->p, &b->alloc);
    printf("%d %d: %d %u %d %ld %g %g %Lg %.3s %s %s %d %p %s\n", r1, r2, a->i, a->hh, a->h, a->l, a->d, a->f, a->ld,
           a->c3, a->word, a->set, a->n, a->p, a->alloc);
    printf("sums %u %u\n", sum_of(a), sum_of(b));
    /* Positional conversions are not followed: their targets count as
     * written, as for any uninstrumented call. */
    int *pos = uninit_heap(4 * sizeof(int));
    int r3 = sscanf("5 6", "%2$d %1$d", &pos[0], &pos[1]);
    int r4 = my_scan("7 8", "%2$d %1$d", &pos[2], &pos[3]);
    printf("%d %d: %u\n", r3, r4, TOUCH(pos[0]) + TOUCH(pos[1]) + TOUCH(pos[2]) + TOUCH(pos[3]) + pos[0] + pos[3]);
    free(pos);
    free(a->alloc);
    free(b->alloc);
    free(a);
    free(b);
    return 0;
}
