// x & mask where the mask keeps an uninitialized bit: a report.
// EXPECT: report
#include "../common/opaque.h"
#include <stdint.h>

int main(void) {
    uint8_t *bytes = uninit_heap(4);
    bytes[0] = (uint8_t)OPAQUE_INT(0x5a); /* bytes 1..3 uninitialized */
    uint32_t word;
    memcpy(&word, bytes, 4);
    uint32_t sel = word & 0x1ffu; /* bit 8 is uninitialized */
    if (sel == 0x5a) // REPORT
        puts("match");
    puts("done");
    return 0;
}
