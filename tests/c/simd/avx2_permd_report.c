// vpermd moves an uninitialized lane to where it is used.
// EXPECT: report
// ORACLE: skip (MemorySanitizer ORs the shadows of data and index lane by lane for pshufb and vpermd, so it misses a selected uninitialized lane)
// CFLAGS: -mavx2
#include "../common/opaque.h"
#include <immintrin.h>

int main(void) {
    int *mem = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 7; i++)
        mem[i] = OPAQUE_INT(i); /* mem[7] uninitialized */
    __m256i v = _mm256_loadu_si256((const __m256i *)mem);
    __m256i p = _mm256_permutevar8x32_epi32(v, _mm256_setr_epi32(7, 0, 1, 2, 3, 4, 5, 6));
    if (_mm256_extract_epi32(p, 0) & 1) // REPORT
        puts("odd");
    puts("done");
    return 0;
}
