// pclmulqdq reads the halves its immediate selects: an uninitialized byte
// there spoils the product, the unselected half does not.
// EXPECT: report
// CFLAGS: -mpclmul -msse4.1
#include "../common/opaque.h"
#include <stdint.h>
#include <smmintrin.h>
#include <wmmintrin.h>

int main(void) {
    uint64_t *a = uninit_heap(16), *b = uninit_heap(16);
    a[0] = (uint64_t)opaque_long(0x1234); /* a[1] uninitialized, not read */
    b[0] = (uint64_t)opaque_long(77);
    b[1] = (uint64_t)opaque_long(99);
    __m128i va = _mm_loadu_si128((const __m128i *)a), vb = _mm_loadu_si128((const __m128i *)b);
    __m128i ok = _mm_clmulepi64_si128(va, vb, 0x10); /* a[0] x b[1] */
    if (_mm_cvtsi128_si64(ok) & 1)
        puts("odd");
    ((unsigned char *)b)[3] = 0; /* still b[0] partly initialized */
    b[0] ^= (uint64_t)OPAQUE_INT(1);
    ((unsigned char *)a)[5] = ((unsigned char *)a)[9]; /* a[0] byte 5 from a[1]: uninitialized */
    va = _mm_loadu_si128((const __m128i *)a);
    __m128i bad = _mm_clmulepi64_si128(va, vb, 0x00); /* a[0] x b[0] */
    /* Bit 42 of the product takes bit 40 of a[0] (b[0] = 76 has bit 2 set). */
    if (_mm_cvtsi128_si64(bad) & (1ll << 42)) // REPORT
        puts("bit");
    puts("done");
    return 0;
}
