// A call whose arguments are all known to be initialized (constants here)
// passes no argument shadow and no tag: the callee, finding no tag naming
// it, takes them as initialized. It must not find the shadow an earlier
// call left behind for an uninitialized argument (the callee cleared the
// tag on entry), so only the first call reports.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
#include "../common/opaque.h"

__attribute__((noinline)) void show(int a, int which) {
    if (which == 0) {
        if (a > 0) // REPORT
            puts("first: positive");
    } else if (a == 5) {
        puts("later: five");
    }
}

int main(void) {
    int *p = uninit_heap(sizeof(int));
    show(*p, 0); /* uninitialized argument: reported in show */
    show(5, 1);  /* constant arguments: untagged, nothing stale */
    show(-1, 2);
    return 0;
}
// STDOUT: later: five
