// Functions whose result comes from their arguments alone (the ctype
// functions, libm, abs) are modelled `pure`: an uninitialized argument is a
// use at the call, the result is initialized. (`(isspace)` calls the
// function rather than the macro; glibc's inline toupper would be reported
// at its table index in <ctype.h>. The uninitialized arguments are masked
// into the functions' domain: their bytes are whatever the heap held.)
// CFLAGS: -lm
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (without param-retval MemorySanitizer does not check the arguments of uninstrumented calls)
#include "../common/opaque.h"
#include <ctype.h>
#include <math.h>

static volatile double dsink;
static volatile int isink;

int main(void) {
    int *ints = uninit_heap(4 * sizeof(int));
    double *ds = uninit_heap(4 * sizeof(double));
    ints[1] = 'q';
    ds[1] = 2.0;
    isink = (isalpha)(ints[1]);       /* clean */
    isink = (isspace)(ints[0] & 0x7f); // REPORT
    isink = (isalpha)(ints[2] & 0x7f); // REPORT
    dsink = pow(ds[1], 0.37);         /* clean */
    dsink = pow(ds[0], 0.37); // REPORT
    dsink = fmod(10.0, ds[2]); // REPORT
    isink = (int)ints[3]; /* copying is not a use */
    double r = floor(ds[1] + 0.5);    /* the result of a pure call is initialized */
    if (r > 1.0)
        puts("big");
    return 0;
}
// STDOUT: big
