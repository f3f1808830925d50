// printf-family calls with initialized arguments of every common kind —
// integers of all widths, doubles, strings with and without precision,
// `*` widths, pointers, %n, %% and %m — are clean.
// EXPECT: clean
#define _GNU_SOURCE
#include "../common/opaque.h"
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

int main(void) {
    char buf[128], *as = NULL;
    int n1 = 0;
    long long big = 1LL << 40;
    short sh = -3;
    char str[8];
    memcpy(str, "hello", 6); /* bytes 6..7 stay uninitialized: never printed */
    printf("%d %i %u %x %X %o %c %hd %hhu %ld %lld %zu %td %jd|%%|%n\n", 1, -2, 3u, 255, 255, 8, 'z', sh,
           (unsigned char)200, 1L << 33, big, sizeof buf, (ptrdiff_t)-1, (intmax_t)7, &n1);
    printf("%f %e %g %a %.3Lf %10.4f|%-8s|%.2s|%*d|%-*.*f|%p\n", 1.5, 2.5e10, 0.1, 1.0, (long double)3.25, -2.0,
           str, str, 6, 42, 9, 2, 3.14159, (void *)0);
    snprintf(buf, sizeof buf, "%s-%05d-%c", str, 42, 'q');
    sprintf(buf + 20, "[%.*s]", 3, str);
    errno = 0;
    fprintf(stdout, "%s %s %m\n", buf, buf + 20);
    if (asprintf(&as, "%s/%lu", str, 99UL) < 0)
        return 1;
    printf("%s %d\n", as, n1);
    free(as);
    return 0;
}
