// Relational compare with a partly uninitialized operand.
// EXPECT: report
#include "../common/opaque.h"
#include <stdint.h>

int main(void) {
    uint16_t *w = uninit_heap(2 * sizeof(uint16_t));
    w[0] = 40; /* w[1] never set */
    uint32_t both = ((uint32_t)w[1] << 16) | w[0];
    if (both >= 1000u) // REPORT
        puts("at least 1000");
    puts("done");
    return 0;
}
