// memcpy carries the uninitialized state of each byte to the destination.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    char *src = uninit_heap(64);
    memset(src, 'a', 32); /* bytes 32..63 uninitialized */
    char dst[64];
    memcpy(opaque(dst), src, 64);
    int n = 0;
    for (int i = 0; i < 30; i++)
        n += dst[i] == 'a';
    if (dst[40] == 'a') // REPORT
        puts("40 is a");
    printf("%d\n", n);
    return 0;
}
