// A helper that returns its local uninitialized on one path, inlined into
// its caller: the origin still names the helper's variable.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

static inline double scale(int unit) {
    double f;
    if (unit == 1)
        f = 2.5;
    else if (unit == 2)
        f = 4.0;
    return f;
}

int main(void) {
    double d = scale(OPAQUE_INT(7)) * 3.0;
    if (d > 10.0) // REPORT
        puts("large");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'f' in scale
// CHECK-NEXT: #0 {{.*}} in scale {{.*}}inlined_return.c:
