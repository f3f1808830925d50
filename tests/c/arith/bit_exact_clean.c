// Bit-exact propagation: results whose bits do not depend on the
// uninitialized bits are initialized.
//   (u & 0) == 0, (u | ~0), x & mask with only masked-out bits
//   uninitialized, shifting the uninitialized bits out, and equality compares
//   where initialized bits already differ.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdint.h>

int main(void) {
    uint32_t *u = uninit_heap(sizeof *u);
    uint32_t z = *u & (uint32_t)OPAQUE_INT(0);
    if (z == 0)
        puts("and-zero is zero");
    uint32_t ones = *u | (uint32_t)opaque_long(0xffffffffL);
    if (ones == 0xffffffffu)
        puts("or-ones is ones");

    /* Low byte initialized, upper bytes not. */
    uint8_t *bytes = uninit_heap(4);
    bytes[0] = (uint8_t)OPAQUE_INT(0x5a);
    uint32_t word;
    memcpy(&word, bytes, 4);
    uint32_t low = word & 0xffu;
    if (low == 0x5a)
        puts("masked low byte");
    if ((uint8_t)word == 0x5a)
        puts("truncated low byte");
    if ((word << 24) == 0x5a000000u)
        puts("shifted out");

    /* Equality where known bits already differ: bit 0 is 1 vs 0. */
    uint32_t odd = (*u << 1) | 1u; /* bit 0 defined (1), the rest not */
    if (odd != 2u)
        puts("odd != 2");
    if (odd == 0u)
        puts("impossible");

    free(u);
    free(bytes);
    return 0;
}
