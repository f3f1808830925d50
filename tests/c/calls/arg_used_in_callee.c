// An uninitialized argument is only a use where the callee uses it: the
// report points into the callee.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) void print_level(int level) {
    if (level > 2) // REPORT
        puts("loud");
}

int main(void) {
    int *cfg = uninit_heap(2 * sizeof(int));
    cfg[0] = 1; /* cfg[1] is the level, never set */
    print_level(cfg[1]);
    return 0;
}
