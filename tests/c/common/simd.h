/* Shared by the SIMD file tests (included as "../common/simd.h"). */
#ifndef UMSAN_TEST_SIMD_H
#define UMSAN_TEST_SIMD_H

#include "opaque.h"
#include <emmintrin.h>

/* 16 bytes of fresh heap memory: [0, init) initialized (from seed), the
 * rest uninitialized. */
static inline __m128i partly(int init, int seed) {
    unsigned char *p = uninit_heap(16);
    for (int i = 0; i < init; i++)
        p[i] = (unsigned char)OPAQUE_INT(seed + 3 * i);
    return _mm_loadu_si128((const __m128i *)p);
}

#endif
