// pshufb: a result lane computed from uninitialized input lanes is
// uninitialized where the program uses it.
// EXPECT: report
// ORACLE: skip (MemorySanitizer ORs the shadows of data and index lane by lane for pshufb and vpermd, so it misses a selected uninitialized lane)
// CFLAGS: -msse4.2 -maes
#include "../common/simd.h"
#include <nmmintrin.h>
#include <wmmintrin.h>

int main(void) {
    __m128i lo8 = partly(8, 1), full = partly(16, 5);
    __m128i r = _mm_shuffle_epi8(lo8, _mm_setr_epi8(7, 6, 5, 4, 3, 2, 1, 8, -1, -1, -1, -1, -1, -1, -1, -1));
    int v[4];
    _mm_storeu_si128((__m128i *)v, r);
    if (v[1] & 0x10101010) // REPORT
        puts("set");
    puts("done");
    return 0;
}
