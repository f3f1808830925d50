// Overlapping memmove: the uninitialized bytes move with the data.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    char *buf = uninit_heap(32);
    memset(buf, 'x', 8); /* bytes 8..31 uninitialized */
    memmove(buf + 4, buf, 16); /* buf[12..20) now holds uninitialized bytes */
    int n = 0;
    for (int i = 0; i < 12; i++)
        n += buf[i] == 'x';
    printf("%d\n", n);
    if (buf[14] == 'x') // REPORT
        puts("14 is x");
    return 0;
}
