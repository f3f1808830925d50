// Pointer arithmetic with an uninitialized offset, then a load: the
// computed address is uninitialized.
// EXPECT: report
#include "../common/opaque.h"

struct rec {
    long key;
    long val;
};

int main(void) {
    struct rec *table = uninit_heap(16 * sizeof *table);
    for (int i = 0; i < 16; i++) {
        table[i].key = i;
        table[i].val = i * 10;
    }
    long *off = uninit_heap(sizeof *off);
    struct rec *r = table + (*off & 15);
    long v = r->val; // REPORT
    printf("%ld\n", v);
    return 0;
}
