// Uninitialized bits propagate through shifts, xor and or into a branch.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    unsigned *h = uninit_heap(2 * sizeof(unsigned));
    h[0] = 0x12345678u; /* h[1] never set */
    unsigned x = h[0] ^ (h[1] >> 3);
    unsigned y = (x << 5) | 1u;
    if ((y & 0xff00u) == 0x1200u) // REPORT
        puts("match");
    puts("done");
    return 0;
}
