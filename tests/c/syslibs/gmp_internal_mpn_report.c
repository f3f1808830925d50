// The models of GMP's internal mpn routines (configs/gmp.toml) mark the
// limbs each writes and nothing more: the limb just past mul_2's n + 1
// result limbs, the quotient limb div_qr_2n_pi1 leaves unwritten and the
// limb past preinv_divrem_1's xsize + size quotient limbs stay uninitialized
// and are reported.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer reports the limbs the uninstrumented libgmp wrote first)
// CFLAGS: -lgmp
#include "../common/opaque.h"
#include <gmp.h>

mp_limb_t __gmpn_mul_2(mp_ptr, mp_srcptr, mp_size_t, mp_srcptr);
mp_limb_t __gmpn_div_qr_2n_pi1(mp_ptr, mp_ptr, mp_srcptr, mp_size_t, mp_limb_t, mp_limb_t, mp_limb_t);
mp_limb_t __gmpn_invert_limb(mp_limb_t);
mp_limb_t __gmpn_preinv_divrem_1(mp_ptr, mp_size_t, mp_srcptr, mp_size_t, mp_limb_t, mp_limb_t, int);

int main(void) {
    mp_limb_t u[4], v[2];
    for (int i = 0; i < 4; i++)
        u[i] = (mp_limb_t)opaque_long(0x123456789abcdefL * (i + 3));
    v[0] = (mp_limb_t)opaque_long(77);
    v[1] = (mp_limb_t)opaque_long(99);
    mp_limb_t *r = uninit_heap(6 * sizeof(mp_limb_t));
    r[0] = 1;
    __gmpn_mul_2(r, u, 4, v); /* writes r[0..4] */
    if (r[4] & 1)
        puts("odd top limb");
    if (r[5] & 1) // REPORT
        puts("past the result");
    mp_limb_t np[4], rem[2];
    for (int i = 0; i < 4; i++)
        np[i] = u[i] >> 1;
    mp_limb_t *q = uninit_heap(3 * sizeof(mp_limb_t));
    q[0] = 1;
    __gmpn_div_qr_2n_pi1(q, rem, np, 4, (mp_limb_t)1 << 63, 5, 0); /* writes q[0..1] */
    if (q[1] & 1)
        puts("odd quotient limb");
    if (q[2] & 1) // REPORT
        puts("past the quotient");
    mp_limb_t *pq = uninit_heap(6 * sizeof(mp_limb_t));
    pq[0] = 1;
    __gmpn_preinv_divrem_1(pq, 1, u, 4, 77, __gmpn_invert_limb((mp_limb_t)77 << 57), 57); /* writes pq[0..4] */
    if (pq[4] & 1)
        puts("odd quotient limb");
    if (pq[5] & 1) // REPORT
        puts("past the preinv quotient");
    return 0;
}
