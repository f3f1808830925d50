// -fumsan-eager-checks: passing an uninitialized argument is reported at the
// call, even though the callee only copies it.
// CFLAGS: -fumsan-eager-checks
// EXPECT: report
#include "../common/opaque.h"

static volatile int sink;

/* Stores its first argument (a copy, not a use) and never looks at it. */
static __attribute__((noinline)) int ignore(int unused, int v) {
    sink = unused;
    return v + 1;
}

int main(void) {
    int *junk = uninit_heap(sizeof *junk);
    int r = ignore(*junk, OPAQUE_INT(1)); // REPORT
    printf("%d\n", r);
    return 0;
}
