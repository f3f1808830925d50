// A block freed after being initialized and then handed out again by malloc
// is uninitialized again.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *a = uninit_heap(16 * sizeof(int));
    for (int i = 0; i < 16; i++)
        a[i] = i;
    free(a);
    int *b = uninit_heap(16 * sizeof(int)); /* very likely the same chunk */
    b[0] = 1;
    if (b[5] == 5) // REPORT
        puts("stale data");
    puts("done");
    return 0;
}
