// ptr -> int -> ptr round trip of an uninitialized pointer, then a load.
// EXPECT: report
#include "../common/opaque.h"
#include <stdint.h>

int main(void) {
    int **slots = uninit_heap(2 * sizeof(int *));
    static int x = 5;
    slots[0] = &x;
    uintptr_t bits = (uintptr_t)slots[1];
    bits &= ~(uintptr_t)3;
    int *q = (int *)bits;
    int v = *q; // REPORT
    printf("%d\n", v);
    return 0;
}
