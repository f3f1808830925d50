// posix_memalign memory is uninitialized.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    void *mem = NULL;
    if (posix_memalign(&mem, 64, 256) != 0)
        return 1;
    long *p = opaque(mem);
    p[0] = 42;
    if (((unsigned long)p & 63) != 0)
        puts("misaligned");
    if (p[1] == 42) // REPORT
        puts("same");
    return 0;
}
