// aligned_alloc memory is uninitialized.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    unsigned char *p = opaque(aligned_alloc(32, 128));
    memset(p, 0, 64);
    int zeros = 0;
    for (int i = 0; i < 64; i++)
        zeros += p[i] == 0;
    printf("%d\n", zeros);
    if (p[100] != 0) // REPORT
        puts("nonzero");
    return 0;
}
