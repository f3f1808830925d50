// strtol examines the bytes up to its end pointer: an uninitialized digit
// there is reported at the call; without an end pointer (strtol(s, NULL,
// 10), which is also what glibc's inline atoi is at -O2) at least the first
// byte is examined. The same holds for strtod and strtoul; the end
// pointer strtod writes is initialized. (atoi is not asserted here: at -O2
// glibc's inline atoi is reported in the frame of atoi in <stdlib.h>.)
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan reports at the call of the library function)
#include "../common/opaque.h"
#include <umsan.h>

static volatile long sink;

int main(void) {
    char *s = uninit_heap(8);
    memcpy(s, "12345", 6);
    umsan_poison(s + 2, 1); /* "12?45" */
    char *end;
    sink = strtol(s, &end, 10); // REPORT
    sink = end - s;                  /* the end pointer itself is initialized */
    sink = strtol(s + 4, &end, 10);  /* "5": clean */
    sink = strtol(s + 2, NULL, 10); // REPORT
    char *d = uninit_heap(16);
    memcpy(d, "2.5e3 x", 8);
    umsan_poison(d + 2, 1); /* "2.?e3 x" */
    char *dend;
    double dv = strtod(d, &dend); // REPORT
    sink = dend - d;                  /* the end pointer is initialized */
    dv += strtod(d + 3, &dend);       /* "e3 x": nothing parsed, examined bytes clean */
    sink = (long)dv + (dend - d);
    sink = (long)strtoul(d + 1, &end, 10); /* ".": stops at once, clean */
    sink = (long)strtoul(s + 1, &end, 10); // REPORT
    free(d);
    return 0;
}
