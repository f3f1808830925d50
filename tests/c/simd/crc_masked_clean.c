// xz's CRC64 with CLMUL (crc64_fast.c) reads whole aligned 16-byte blocks
// around the buffer and masks the bytes outside it with blendv and pshufb
// before folding them with pclmulqdq. The masked-away bytes are
// uninitialized here; they are never used.
// EXPECT: clean
// CFLAGS: -mpclmul -msse4.1 -mssse3
#include "../common/opaque.h"
#include <stdint.h>
#include <smmintrin.h>
#include <wmmintrin.h>

static const int8_t ones_then_zeros[32] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                           0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0};

static uint64_t fold(const unsigned char *buf, size_t skip, size_t len) {
    /* The aligned block holding buf: bytes [skip, skip + len) are the data. */
    __m128i v = _mm_load_si128((const __m128i *)(buf - skip));
    __m128i keep_lo = _mm_loadu_si128((const __m128i *)(ones_then_zeros + 16 - (skip + len)));
    __m128i drop_hi = _mm_loadu_si128((const __m128i *)(ones_then_zeros + 16 - skip));
    __m128i in = _mm_blendv_epi8(_mm_setzero_si128(), v, _mm_andnot_si128(drop_hi, keep_lo));
    /* Shift the data to the start of the register: pshufb with -1 indices
       writes zeros. */
    int8_t idx[16];
    for (int i = 0; i < 16; i++)
        idx[i] = (i + skip < 16) ? (int8_t)(i + skip) : -1;
    in = _mm_shuffle_epi8(in, _mm_loadu_si128((const __m128i *)idx));
    const __m128i k = _mm_set_epi64x(0x3be653a30fe1af51ll, 0x5f5c3c7eb52fab6ll);
    __m128i r = _mm_xor_si128(_mm_clmulepi64_si128(in, k, 0x00), _mm_clmulepi64_si128(in, k, 0x11));
    return (uint64_t)_mm_cvtsi128_si64(r) ^ (uint64_t)_mm_extract_epi64(r, 1);
}

int main(void) {
    unsigned char *block = opaque(aligned_alloc(16, 64)); /* uninitialized */
    for (size_t skip = 0; skip < 12; skip++) {
        for (size_t len = 1; skip + len <= 16; len++) {
            for (size_t i = 0; i < len; i++)
                block[skip + i] = (unsigned char)OPAQUE_INT((int)(i * 37 + skip));
            uint64_t c = fold(block + skip, skip, len);
            if (c & 1) /* a use of the result: clean */
                printf("%zu %zu odd\n", skip, len);
            for (size_t i = 0; i < 16; i++)
                block[i] = block[32 + i]; /* uninitialized again */
        }
    }
    puts("done");
    return 0;
}
