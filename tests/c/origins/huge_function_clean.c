// A function above the call threshold (out-of-line checks and origin
// stores) that only uses initialized values: no report, and the same
// output as the native build.
// CFLAGS: -fumsan-track-origins
// EXPECT: clean
#include "../common/opaque.h"
#include "../common/many_checks.h"

static __attribute__((noinline)) void huge(volatile int *p, long **slot) {
    CHECKS_4096(p)
    **slot = hits;         /* an initialized value stored */
    if (**slot > 0)
        hit(1);
}

int main(void) {
    int *p = checks_input();
    long cell = 0;
    long *pc = opaque(&cell);
    huge(p, &pc);
    printf("%ld %ld\n", (long)hits, cell);
    return 0;
}
