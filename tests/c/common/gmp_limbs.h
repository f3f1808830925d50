/* Helpers of the tests over the system's libgmp (tests/c/syslibs/gmp_*). */
#ifndef UMSAN_TEST_GMP_LIMBS_H
#define UMSAN_TEST_GMP_LIMBS_H

#include "opaque.h"
#include <gmp.h>

/* A result buffer of n limbs, the first one initialized: the generic
 * "poisoned run at a pointer argument" rule sees nothing to clean there. */
static mp_limb_t *result(int n) {
    mp_limb_t *r = uninit_heap(n * sizeof(mp_limb_t));
    r[0] = (mp_limb_t)opaque_long(1);
    return r;
}

/* How many of the n limbs are odd: a branch on every limb. */
static int all_odd(const mp_limb_t *p, int n) {
    int k = 0;
    for (int i = 0; i < n; i++)
        if (p[i] & 1)
            k++;
    return k;
}

#endif
