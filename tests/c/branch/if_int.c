// Conditional branch on an uninitialized int read from fresh heap memory.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *p = uninit_heap(sizeof *p);
    int v = *p;
    if (v > 10) // REPORT
        puts("big");
    puts("done");
    return 0;
}
