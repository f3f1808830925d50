// Integer division by an uninitialized divisor: the divisor is a use.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *parts = uninit_heap(2 * sizeof(int));
    parts[0] = 100; /* parts[1], the divisor, is never set */
    int total = OPAQUE_INT(1000);
    int each = total / parts[1]; // REPORT
    printf("%d\n", each);
    return 0;
}
