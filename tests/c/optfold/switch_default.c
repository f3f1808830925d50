// A switch whose default assigns nothing: at -O1 and above the phi of
// undef, 10 and 20 becomes a select of 10 and 20.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) int weight(int kind) {
    int w;
    switch (kind) {
    case 1:
        w = 10;
        break;
    case 2:
        w = 20;
        break;
    }
    return w;
}

int main(void) {
    if (weight(OPAQUE_INT(3)) > 15) // REPORT
        puts("heavy");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'w' in weight
