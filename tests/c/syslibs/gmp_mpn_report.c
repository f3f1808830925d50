// mpn_copyi copies the limbs' metadata: an uninitialized source limb stays
// uninitialized in the copy (and the assembly does not hide it).
// EXPECT: report
// ORACLE: skip (MemorySanitizer reports the limbs the uninstrumented libgmp wrote first)
// CFLAGS: -lgmp
#include "../common/opaque.h"
#include <gmp.h>

int main(void) {
    mp_limb_t *u = uninit_heap(4 * sizeof(mp_limb_t)), *r = uninit_heap(4 * sizeof(mp_limb_t));
    u[0] = (mp_limb_t)opaque_long(5);
    u[1] = (mp_limb_t)opaque_long(6);
    u[3] = (mp_limb_t)opaque_long(8); /* u[2] uninitialized */
    r[0] = 0;
    mpn_copyi(r, u, 4);
    if (r[1] == 6)
        puts("copied");
    if (r[2] & 1) // REPORT
        puts("odd");
    puts("done");
    return 0;
}
