// GMP's internal mpn routines (gmp-impl.h; assembly in the system's libgmp
// and in a libgmp built from source, which its own C code calls): each
// writes its result limbs into a buffer whose first limb is already
// initialized, where the generic "poisoned run at a pointer argument" rule
// sees nothing to clean; configs/gmp.toml marks exactly the limbs each
// writes, so reading every one of them is clean.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the limbs the uninstrumented libgmp wrote: what the models fix)
// CFLAGS: -lgmp
#include "../common/gmp_limbs.h"

/* gmp-impl.h's prototypes (the symbols are exported by libgmp). */
mp_limb_t __gmpn_add_nc(mp_ptr, mp_srcptr, mp_srcptr, mp_size_t, mp_limb_t);
mp_limb_t __gmpn_addlsh1_n(mp_ptr, mp_srcptr, mp_srcptr, mp_size_t);
mp_limb_t __gmpn_rsh1add_n(mp_ptr, mp_srcptr, mp_srcptr, mp_size_t);
mp_limb_t __gmpn_lshiftc(mp_ptr, mp_srcptr, mp_size_t, unsigned int);
void __gmpn_mullo_basecase(mp_ptr, mp_srcptr, mp_srcptr, mp_size_t);
mp_limb_t __gmpn_mul_2(mp_ptr, mp_srcptr, mp_size_t, mp_srcptr);
void __gmpn_sqr_diag_addlsh1(mp_ptr, mp_srcptr, mp_srcptr, mp_size_t);
mp_limb_t __gmpn_add_err1_n(mp_ptr, mp_srcptr, mp_srcptr, mp_ptr, mp_srcptr, mp_size_t, mp_limb_t);
mp_limb_t __gmpn_bdiv_q_1(mp_ptr, mp_srcptr, mp_size_t, mp_limb_t);
mp_limb_t __gmpn_div_qr_2n_pi1(mp_ptr, mp_ptr, mp_srcptr, mp_size_t, mp_limb_t, mp_limb_t, mp_limb_t);
mp_limb_t __gmpn_divrem_2(mp_ptr, mp_size_t, mp_ptr, mp_size_t, mp_srcptr);
void __gmpn_mod_1_1p_cps(mp_limb_t[4], mp_limb_t);
mp_limb_t __gmpn_addaddmul_1msb0(mp_ptr, mp_srcptr, mp_srcptr, mp_size_t, mp_limb_t, mp_limb_t);
mp_limb_t __gmpn_invert_limb(mp_limb_t);
mp_limb_t __gmpn_preinv_divrem_1(mp_ptr, mp_size_t, mp_srcptr, mp_size_t, mp_limb_t, mp_limb_t, int);

enum { N = 4 };

int main(void) {
    mp_limb_t *u = uninit_heap(2 * N * sizeof(mp_limb_t)), *v = uninit_heap(2 * N * sizeof(mp_limb_t));
    for (int i = 0; i < 2 * N; i++) {
        u[i] = (mp_limb_t)opaque_long(0x123456789abcdefL * (i + 3));
        v[i] = (mp_limb_t)opaque_long(0x0fedcba98765432L * (i + 7));
    }
    int k = 0;
    mp_limb_t *r = result(N);
    __gmpn_add_nc(r, u, v, N, 1);
    k += all_odd(r, N);
    r = result(N);
    __gmpn_addlsh1_n(r, u, v, N);
    k += all_odd(r, N);
    r = result(N);
    __gmpn_rsh1add_n(r, u, v, N);
    k += all_odd(r, N);
    r = result(N);
    __gmpn_lshiftc(r, u, N, 5);
    k += all_odd(r, N);
    r = result(N);
    __gmpn_mullo_basecase(r, u, v, N);
    k += all_odd(r, N);
    r = result(N + 1);
    __gmpn_mul_2(r, u, N, v);
    k += all_odd(r, N + 1);
    r = result(2 * N);
    mp_limb_t *tp = result(2 * N);
    mpn_sqr(tp, u, N); /* sqr_diag_addlsh1's input: the products' cross terms */
    __gmpn_sqr_diag_addlsh1(r, tp + 1, u, N);
    k += all_odd(r, 2 * N);
    r = result(N);
    mp_limb_t *ep = result(2);
    __gmpn_add_err1_n(r, u, v, ep, v + N, N, 0);
    k += all_odd(r, N) + all_odd(ep, 2);
    r = result(N);
    __gmpn_bdiv_q_1(r, u, N, 0x12345679); /* odd divisor */
    k += all_odd(r, N);
    mp_limb_t d1 = (mp_limb_t)1 << 63 | 0x1234, d0 = 0x5678;
    mp_limb_t dinv = 0; /* any value: the quotient limbs are written whatever they are */
    mp_limb_t *np = uninit_heap(N * sizeof(mp_limb_t));
    for (int i = 0; i < N; i++)
        np[i] = u[i] >> 1; /* below the divisor's top limb */
    r = result(N - 2);
    mp_limb_t *rem = result(2);
    __gmpn_div_qr_2n_pi1(r, rem, np, N, d1, d0, dinv);
    k += all_odd(r, N - 2) + all_odd(rem, 2);
    mp_limb_t dp[2] = {d0, d1};
    for (int i = 0; i < N; i++)
        np[i] = u[i] >> 1;
    r = result(N - 2 + 1);
    __gmpn_divrem_2(r, 1, np, N, dp);
    k += all_odd(r, N - 1) + all_odd(np, 2);
    mp_limb_t *cps = result(4);
    __gmpn_mod_1_1p_cps(cps, 0x1234567);
    k += all_odd(cps, 4);
    r = result(N);
    __gmpn_addaddmul_1msb0(r, u, v, N, 3, 5);
    k += all_odd(r, N);
    /* preinv_divrem_1: one fraction limb (xsize 1) plus N quotient limbs;
     * the divisor 0x1234567 normalized by a shift of 39 bits. */
    mp_limb_t dn = (mp_limb_t)0x1234567 << 39;
    r = result(N + 1);
    __gmpn_preinv_divrem_1(r, 1, u, N, 0x1234567, __gmpn_invert_limb(dn), 39);
    k += all_odd(r, N + 1);
    printf("%d\n", k);
    return 0;
}
