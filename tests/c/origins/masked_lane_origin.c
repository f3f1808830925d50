// AVX2 masked loads and stores keep origins: a lane loaded with
// maskload from a heap buffer, and an uninitialized lane stored with
// maskstore into a stack array, then read back.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer words stack origins differently)
// CFLAGS: -mavx2
#include "../common/opaque.h"
#include <immintrin.h>

static __attribute__((noinline)) void loaded(const int *h) {
    __m256i mask = _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, -1, 0);
    __m256i v = _mm256_maskload_epi32(h, mask);
    int out[8];
    _mm256_storeu_si256((__m256i *)out, v);
    if (out[OPAQUE_INT(5)] > 3) // REPORT
        puts("maskload");
}

static __attribute__((noinline)) void stored(const int *h) {
    int out[8] = {0};
    __m256i v = _mm256_loadu_si256((const __m256i *)h);
    __m256i mask = _mm256_setr_epi32(0, 0, 0, 0, -1, -1, 0, 0);
    _mm256_maskstore_epi32(out, mask, v);
    if (out[OPAQUE_INT(5)] > 3) // REPORT
        puts("maskstore");
}

int main(void) {
    int *h = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 8; i++)
        if (i != 5)
            h[i] = i;
    loaded(h);
    stored(h);
    return 0;
}
// CHECK: #0 {{.*}} in loaded {{.*}}masked_lane_origin.c:17
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in stored {{.*}}masked_lane_origin.c:26
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
