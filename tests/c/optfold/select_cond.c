// A conditional expression whose other arm is an uninitialized local:
// select(c, 7, undef) folds to 7 from -O1 on.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int unset;
    int v = OPAQUE_INT(0) ? 7 : unset;
    if (v == 7) // REPORT
        puts("seven");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'unset' in main
