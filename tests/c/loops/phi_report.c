// A loop-carried value (phi) becomes uninitialized when one element is.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int n = OPAQUE_INT(16);
    int *a = uninit_heap(n * sizeof(int));
    for (int i = 0; i < n; i++)
        if (i != 11)
            a[i] = i * i;
    unsigned h = 0;
    for (int i = 0; i < n; i++)
        h = h * 31 + (unsigned)a[i];
    if (h % 3 == 0) // REPORT
        puts("divisible");
    puts("done");
    return 0;
}
