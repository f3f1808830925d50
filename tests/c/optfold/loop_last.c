// The loop variant: `last` is assigned only by iterations that find a
// positive element; none does, and the loop-header phi's undef entry
// value is folded away from -O1 on.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int a[8];
    for (int i = 0; i < 8; i++)
        a[i] = -OPAQUE_INT(i);
    int last;
    for (int i = 0; i < 8; i++)
        if (a[i] > 0)
            last = i;
    if (last > 4) // REPORT
        puts("late");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'last' in main
// CHECK-NEXT: #0 {{.*}} in main {{.*}}loop_last.c:
