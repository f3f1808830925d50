// Branch on one uninitialized char of a buffer whose other chars are set.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    char *buf = uninit_heap(8);
    memcpy(buf, "abc", 3); /* buf[3..8) stay uninitialized */
    int n = 0;
    for (int i = 0; i < 3; i++)
        if (buf[i] == 'b')
            n++;
    if (buf[5] == 'x') // REPORT
        puts("x");
    printf("%d\n", n);
    return 0;
}
