// minss: a result lane computed from uninitialized input lanes is
// uninitialized where the program uses it.
// EXPECT: report
// CFLAGS: -msse4.2 -maes
#include "../common/simd.h"
#include <nmmintrin.h>
#include <wmmintrin.h>

int main(void) {
    __m128i lo8 = partly(8, 1), full = partly(16, 5);
    __m128i r = _mm_castps_si128(_mm_min_ss(_mm_castsi128_ps(lo8), _mm_castsi128_ps(_mm_srli_si128(lo8, 8))));
    int v[4];
    _mm_storeu_si128((__m128i *)v, r);
    if (v[0] & 0x10101010) // REPORT
        puts("set");
    puts("done");
    return 0;
}
