// GMP's mpn functions (the system's libgmp: assembly, uninstrumented)
// write their result limbs into a buffer whose first limb is already
// initialized, so the generic "poisoned run at a pointer argument" rule sees
// nothing to clean; configs/gmp.toml marks exactly the limbs each writes.
// gmp.h's inline mpn_cmp then reads them (what gmp's own mpz code does).
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the limbs the uninstrumented libgmp wrote: what the models fix)
// CFLAGS: -lgmp
#include "../common/gmp_limbs.h"

enum { N = 4 };

int main(void) {
    mp_limb_t *u = uninit_heap(N * sizeof(mp_limb_t)), *v = uninit_heap(N * sizeof(mp_limb_t));
    for (int i = 0; i < N; i++) {
        u[i] = (mp_limb_t)opaque_long(0x123456789abcdefL * (i + 3));
        v[i] = (mp_limb_t)opaque_long(0x0fedcba98765432L * (i + 7));
    }
    int k = 0;
    mp_limb_t *r = result(N);
    mpn_add_n(r, u, v, N);
    k += all_odd(r, N) + (mpn_cmp(r, u, N) > 0);
    r = result(N);
    mpn_sub_n(r, u, v, N);
    k += all_odd(r, N);
    r = result(2 * N);
    mpn_mul(r, u, N, v, N);
    k += all_odd(r, 2 * N);
    r = result(2 * N);
    mpn_sqr(r, u, N);
    k += all_odd(r, 2 * N);
    r = result(N);
    mpn_lshift(r, u, N, 7);
    k += all_odd(r, N);
    r = result(N);
    mpn_mul_1(r, u, N, 12345);
    k += all_odd(r, N);
    r = result(N);
    mpn_copyi(r, u, N);
    k += all_odd(r, N) + (mpn_cmp(r, u, N) == 0);
    mp_limb_t *q = result(N), *rem = result(2);
    mpn_tdiv_qr(q, rem, 0, u, N, v, 2);
    k += all_odd(q, N - 1) + all_odd(rem, 2);
    unsigned char *digits = uninit_heap(200);
    mp_limb_t *scratch = result(N + 1);
    mpn_copyi(scratch, u, N);
    size_t nd = mpn_get_str(digits, 10, scratch, N);
    for (size_t i = 0; i < nd; i++)
        if (digits[i] > 9)
            return 1;
    printf("%d %zu\n", k, nd);
    return 0;
}
