// Storing through an uninitialized pointer: the address is the use.
// EXPECT: report
#include "../common/opaque.h"

struct out {
    int *dst;
    int len;
};

int main(void) {
    struct out *o = uninit_heap(sizeof *o);
    o->len = 4; /* dst is left uninitialized */
    int *dst = o->dst;
    *dst = 42; // REPORT
    puts("stored");
    return 0;
}
