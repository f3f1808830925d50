// strtol examines the bytes up to its end pointer: an uninitialized digit
// there is reported at the call; without an end pointer (strtol(s, NULL,
// 10), which is also what glibc's inline atoi is at -O2) at least the first
// byte is examined.
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
    return 0;
}
