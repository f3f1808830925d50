// Division and remainder of an uninitialized dividend by a defined divisor,
// result unused: the dividend is not a use.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    unsigned *junk = uninit_heap(4 * sizeof(unsigned));
    unsigned d = (unsigned)OPAQUE_INT(7);
    unsigned q = junk[0] / d;
    unsigned r = junk[1] % d;
    long sq = (long)(int)junk[2] / (long)OPAQUE_INT(3);
    junk[3] = q + r + (unsigned)sq; /* stored back, never looked at */
    opaque(junk);
    printf("%u\n", 1000u / d);
    free(junk);
    return 0;
}
