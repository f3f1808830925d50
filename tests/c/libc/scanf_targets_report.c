// The scanf family initializes exactly the targets its conversions
// assigned: after a matching failure, the targets of the conversions that
// did not happen keep their uninitialized state, through sscanf and
// through a `my_scan(in, fmt, ...)` wrapper calling vsscanf; the targets
// that were assigned are clean.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan's sscanf interceptor reports elsewhere)
#include "../common/opaque.h"
#include <stdarg.h>

static int my_scan(const char *in, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsscanf(in, fmt, ap);
    va_end(ap);
    return r;
}

int main(void) {
    int *t = uninit_heap(4 * sizeof(int));
    char *word = uninit_heap(16);
    /* "x" does not match %d: only t[0] is assigned; %n is not reached. */
    int r = sscanf("12 x 5", "%d %d%n", &t[0], &t[1], &t[2]);
    if (t[0] == 12)
        printf("r=%d t0=%d\n", r, t[0]);
    if (t[1] == 5) // REPORT
        printf("t1\n");
    if (t[2] == 5) // REPORT
        printf("t2\n");
    /* Through a va_list: the word is assigned, the number is not. */
    r = my_scan("abc def", "%15s %d", word, &t[3]);
    if (word[0] == 'a' && word[3] == 0)
        printf("r=%d word=%s\n", r, word);
    if (t[3] > 0) // REPORT
        printf("t3\n");
    return 0;
}
