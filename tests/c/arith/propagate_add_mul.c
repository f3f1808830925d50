// Uninitialized bits propagate through add, sub and mul into a branch.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *v = uninit_heap(3 * sizeof(int));
    v[0] = 5;
    v[1] = 7; /* v[2] never set */
    int a = v[0] + v[2];
    int b = a - v[1];
    int c = b * 3;
    if (c > 0) // REPORT
        puts("positive");
    puts("done");
    return 0;
}
