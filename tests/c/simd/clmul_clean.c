// A carry-less multiply of fully initialized data is clean. The optimizer
// replaces the operand halves pclmulqdq does not read with `poison`; those
// are not uses (the strict fallback reported them).
// EXPECT: clean
// CFLAGS: -mpclmul -msse4.1
#include <stdint.h>
#include <stdio.h>
#include <wmmintrin.h>

static const uint64_t data[4] = {0x123456789abcdef0ull, 0x0fedcba987654321ull, 3, 4};

int main(void) {
    __m128i a = _mm_loadu_si128((const __m128i *)data);
    __m128i b = _mm_loadu_si128((const __m128i *)(data + 2));
    __m128i r = _mm_clmulepi64_si128(a, b, 0x01);
    uint64_t out[2];
    _mm_storeu_si128((__m128i *)out, r);
    if (out[0] & 1)
        puts("odd");
    else
        puts("even");
    printf("%llx %llx\n", (unsigned long long)out[0], (unsigned long long)out[1]);
    return 0;
}
