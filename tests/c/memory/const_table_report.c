// A value read from a `static const` table is initialized, but what it is
// combined with need not be: the uninitialized operand is reported where
// the sum decides a branch, with its heap origin.
// CFLAGS: -fumsan-track-origins
// EXPECT: report
// ORACLE: skip (MemorySanitizer words heap origins differently)
#include "../common/opaque.h"

static const int weights[8] = {3, 1, 4, 1, 5, 9, 2, 6};

int main(void) {
    int *v = uninit_heap(8 * sizeof(int));
    v[0] = 1;
    int i = OPAQUE_INT(5);
    int sum = weights[i] + v[i];
    if (sum > 10) // REPORT
        puts("heavy");
    return 0;
}
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in main {{.*}}const_table_report.c:[[@LINE-9]]
