// A small struct assigned on one path only: SROA splits it into its
// members, each a phi of undef and the value, folded from -O1 on.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

struct point {
    int x, y;
};

int main(void) {
    struct point p;
    if (OPAQUE_INT(0)) {
        p.x = 1;
        p.y = 2;
    }
    if (p.y > 1) // REPORT
        puts("up");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'p' in main
