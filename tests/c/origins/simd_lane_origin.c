// x86 SIMD intrinsics keep the origin of the uninitialized lane they pass
// on: a byte shuffle (pshufb), a sign-bit mask (pmovmskb), a horizontal
// add, a sum of absolute differences, a pack, a blend, and a lane moved to
// a general-purpose register.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer ORs data and index shadows of pshufb lane by lane)
// CFLAGS: -msse4.2
#include "../common/simd.h"
#include <nmmintrin.h>

static int lane1(__m128i v) {
    int out[4];
    _mm_storeu_si128((__m128i *)out, v);
    return out[OPAQUE_INT(1)];
}

static __attribute__((noinline)) void shuffled(void) {
    __m128i r = _mm_shuffle_epi8(partly(8, 1), _mm_setr_epi8(0, 1, 2, 3, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0));
    if (lane1(r) & 0x10) // REPORT
        puts("pshufb");
}

static __attribute__((noinline)) void masked(void) {
    if (_mm_movemask_epi8(partly(12, 2)) & 0x8000) // REPORT
        puts("movemask");
}

static __attribute__((noinline)) void hadded(void) {
    __m128i r = _mm_hadd_epi32(partly(16, 3), partly(8, 4));
    if (_mm_extract_epi32(r, 3) > 5) // REPORT
        puts("hadd");
}

static __attribute__((noinline)) void sad(void) {
    __m128i r = _mm_sad_epu8(partly(12, 5), _mm_setzero_si128());
    if (_mm_extract_epi16(r, 4) > 5) // REPORT
        puts("sad");
}

static __attribute__((noinline)) void packed(void) {
    __m128i r = _mm_packs_epi32(partly(16, 6), partly(4, 7));
    if (_mm_extract_epi16(r, 6) > 5) // REPORT
        puts("packs");
}

static __attribute__((noinline)) void blended(void) {
    __m128i mask = _mm_setr_epi8(0, 0, 0, 0, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0);
    __m128i r = _mm_blendv_epi8(partly(16, 8), partly(4, 9), mask);
    if (lane1(r) > 5) // REPORT
        puts("blendv");
}

static __attribute__((noinline)) void moved(void) {
    __m128i v = _mm_srli_si128(partly(4, 10), 4);
    if (_mm_cvtsi128_si32(v) > 5) // REPORT
        puts("cvtsi128");
}

int main(void) {
    shuffled();
    masked();
    hadded();
    sad();
    packed();
    blended();
    moved();
    return 0;
}
// CHECK: #0 {{.*}} in shuffled {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in masked {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in hadded {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in sad {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in packed {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in blended {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in moved {{.*}}simd_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
