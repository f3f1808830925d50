// One path leaves `x` uninitialized, the other assigns it. From -O1 on,
// SROA makes `x` a phi of undef and 5 and InstCombine folds it to 5: the
// uninitialized path is gone before instrumentation. umsan marks the
// declaration before any optimization, so the path stays visible.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int x;
    if (OPAQUE_INT(0))
        x = 5;
    if (x > 3) // REPORT
        puts("big");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'x' in main
