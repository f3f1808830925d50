// pext gathers an uninitialized bit into the result.
// EXPECT: report
// CFLAGS: -mbmi2
#include "../common/opaque.h"
#include <immintrin.h>
#include <stdint.h>

int main(void) {
    uint64_t *w = uninit_heap(8);
    ((uint32_t *)w)[0] = (uint32_t)OPAQUE_INT(0x5a5a5a5a); /* high 32 bits uninitialized */
    uint64_t g = _pext_u64(*w, 0x0000000100000100ull); /* bit 8 and bit 32 */
    if (g & 2) // REPORT
        puts("bit");
    puts("done");
    return 0;
}
