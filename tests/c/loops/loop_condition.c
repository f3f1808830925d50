// A loop bound read from uninitialized memory: the loop test is the use.
// EXPECT: report
#include "../common/opaque.h"

struct buf {
    int len;
    int cap;
    char data[32];
};

int main(void) {
    struct buf *b = uninit_heap(sizeof *b);
    b->cap = 32; /* len never set */
    for (int i = 0; i < b->len; i++) // REPORT
        putchar('.');
    puts("done");
    return 0;
}
