// __sanitizer_unaligned_load32/store64 (a project prepared for the
// sanitizers, as brotli) carry shadow like the accesses they stand for: an
// uninitialized byte loaded through one, or stored through one and read
// back, is reported where the value decides a branch.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan agrees on every report, but ends with exit status 77 under halt_on_error=0)
#include "../common/opaque.h"
#include <stdint.h>
#include <sanitizer/common_interface_defs.h>

static volatile int sink;

int main(void) {
    unsigned char *in = uninit_heap(32);
    memset(in, 7, 32);
    in[13] = ((unsigned char *)uninit_heap(1))[0]; /* one uninitialized byte */
    uint32_t a = __sanitizer_unaligned_load32(in + 11); /* bytes 11..14 */
    if (a & 0x00ff0000u) /* byte 13 */ // REPORT
        sink = 1;
    uint32_t b = __sanitizer_unaligned_load32(in + 1); /* bytes 1..4: initialized */
    if (b & 0x00ff0000u)
        sink = 2;
    unsigned char *out = uninit_heap(32);
    memset(out, 0, 32);
    uint64_t *src = uninit_heap(8);
    __sanitizer_unaligned_store64(out + 3, *src); /* uninitialized: 3..10 */
    if (out[9] == 1) // REPORT
        sink = 3;
    if (out[2] == 1) /* not stored to */
        sink = 4;
    return 0;
}
