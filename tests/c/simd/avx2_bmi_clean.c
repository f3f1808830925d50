// AVX2 and BMI/BMI2 intrinsics on data whose unused parts are
// uninitialized: the lanes and bits the program uses are initialized.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer approximates pshufb, vpermd and the scalar/horizontal forms lane by lane: it reports lanes the program drops)
// CFLAGS: -mavx2 -mbmi -mbmi2
#include "../common/opaque.h"
#include <immintrin.h>
#include <stdint.h>

static __m256i partly(int init, int seed) {
    unsigned char *p = uninit_heap(32);
    for (int i = 0; i < init; i++)
        p[i] = (unsigned char)OPAQUE_INT(seed + 5 * i);
    return _mm256_loadu_si256((const __m256i *)p);
}

int main(void) {
    int acc = 0;
    __m256i lo16 = partly(16, 1), full = partly(32, 7);
    /* vpshufb works within 128-bit halves: the low half's indices pick
       initialized bytes, the high half's zero the lane. */
    __m256i idx = _mm256_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1, -1, -1, -1, -1, -1,
                                   -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    __m256i sh = _mm256_shuffle_epi8(lo16, idx);
    if (_mm256_movemask_epi8(sh) & 0x5555)
        acc += 1;
    /* vpermd: lanes 0..3 only. */
    __m256i pd = _mm256_permutevar8x32_epi32(lo16, _mm256_setr_epi32(3, 2, 1, 0, 0, 1, 2, 3));
    if (_mm256_extract_epi32(pd, 6) & 1)
        acc += 2;
    /* blendv takes the initialized vector in the high half. */
    __m256i m = _mm256_setr_epi32(0, 0, 0, 0, -1, -1, -1, -1);
    __m256i bl = _mm256_blendv_epi8(lo16, full, m);
    if (_mm256_movemask_epi8(bl) != 0x12345678)
        acc += 3;
    /* Per-lane variable shift: the shifted-in bits are zeros. */
    __m256i sv = _mm256_srlv_epi32(full, _mm256_set1_epi32(OPAQUE_INT(4)));
    if (_mm256_extract_epi32(sv, 7) < 0)
        acc += 4;
    /* Masked load of the initialized lanes only. */
    int *mem = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 4; i++)
        mem[i] = OPAQUE_INT(i + 1);
    __m256i ml = _mm256_maskload_epi32(mem, _mm256_setr_epi32(-1, -1, -1, -1, 0, 0, 0, 0));
    if (_mm256_extract_epi32(ml, 5) == 0 && _mm256_extract_epi32(ml, 2) == 3)
        acc += 5;
    /* Horizontal add within halves: lane 0 from a's lanes 0 and 1. */
    __m256i h = _mm256_hadd_epi32(lo16, partly(0, 0));
    if (_mm256_extract_epi32(h, 0) & 1)
        acc += 6;
    /* BMI2: gather and scatter initialized bits only. */
    uint64_t *w = uninit_heap(8);
    ((uint32_t *)w)[0] = (uint32_t)OPAQUE_INT(0x5a5a5a5a); /* high 32 bits uninitialized */
    if (_pext_u64(*w, 0x00000000ff00ff00ull) == 0x5a5a)
        acc += 7;
    if (_pdep_u64(*w & 0xffff, 0x0f0f0f0f) & 0x0a)
        acc += 8;
    if (_bzhi_u64(*w, 32) == 0x5a5a5a5a)
        acc += 9;
    if (_bextr_u64(*w, 8, 16) == 0x5a5a)
        acc += 10;
    printf("%d\n", acc);
    return 0;
}
