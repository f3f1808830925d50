// select / ?: with an uninitialized condition picking different values.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *cfg = uninit_heap(2 * sizeof(int));
    cfg[0] = OPAQUE_INT(8);
    int fast = cfg[1];
    /* One line: at -O0 the ?: is itself a branch, at -O2 a select feeding
       the compare. */
    if ((fast ? 64 : cfg[0]) > 16) // REPORT
        puts("large chunks");
    puts("done");
    return 0;
}
