// One call of every x86 intrinsic family visit_x86.rs has a rule for, on
// initialized data: the instrumented module must verify and compile at -O0
// (where the llvm.x86.* calls stay calls) and -O2, nothing is reported, and
// the output is the native build's.
// EXPECT: clean
// CFLAGS: -mavx2 -mbmi -mbmi2 -maes -mpclmul -msse4.2 -mrdrnd
#include "../common/opaque.h"
#include <immintrin.h>
#include <stdint.h>

static unsigned long long h = 1469598103934665603ull;
__attribute__((noinline)) static void mix(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
}
#define MIX(v) do { __typeof__(v) t_ = (v); mix(&t_, sizeof t_); } while (0)

int main(void) {
    int *src = malloc(64 * sizeof(int));
    for (int i = 0; i < 64; i++)
        src[i] = OPAQUE_INT(i * 2654435761u + 17);
    __m128i a = _mm_loadu_si128((const __m128i *)src), b = _mm_loadu_si128((const __m128i *)(src + 4));
    __m256i A = _mm256_loadu_si256((const __m256i *)(src + 8)), B = _mm256_loadu_si256((const __m256i *)(src + 16));
    __m128 fa = _mm_cvtepi32_ps(a), fb = _mm_cvtepi32_ps(_mm_srli_epi32(b, 4));
    __m128d da = _mm_cvtepi32_pd(a), db = _mm_cvtepi32_pd(b);
    __m256 FA = _mm256_cvtepi32_ps(A), FB = _mm256_cvtepi32_ps(B);
    __m256d DA = _mm256_cvtepi32_pd(a);

    MIX(_mm_shuffle_epi8(a, b));
    MIX(_mm256_shuffle_epi8(A, B));
    MIX(_mm256_permutevar8x32_epi32(A, B));
    MIX(_mm256_permutevar8x32_ps(FA, B));
    MIX(_mm_permutevar_ps(fa, b));
    MIX(_mm256_permutevar_pd(_mm256_cvtepi32_pd(b), A));
    MIX(_mm256_permute2f128_ps(FA, FB, 0x21));
    MIX(_mm256_permute2x128_si256(A, B, 0x13));
    MIX(_mm_blendv_epi8(a, b, _mm_xor_si128(a, b)));
    MIX(_mm_blendv_ps(fa, fb, fa));
    MIX(_mm_blendv_pd(da, db, da));
    MIX(_mm256_blendv_ps(FA, FB, FA));
    MIX(_mm256_blendv_epi8(A, B, A));
    MIX(_mm_movemask_epi8(a) + _mm256_movemask_epi8(A) + _mm_movemask_ps(fa) + _mm_movemask_pd(da));
    MIX(_mm256_movemask_ps(FA) + _mm256_movemask_pd(DA));
    MIX(_mm_slli_epi16(a, 3)); MIX(_mm_srli_epi32(a, 5)); MIX(_mm_srai_epi32(a, 7)); MIX(_mm_slli_epi64(a, 9));
    MIX(_mm256_slli_epi32(A, 3)); MIX(_mm256_srai_epi16(A, 2)); MIX(_mm256_srli_epi64(A, 11));
    __m128i cnt = _mm_cvtsi32_si128(OPAQUE_INT(5));
    MIX(_mm_sll_epi32(a, cnt)); MIX(_mm_srl_epi64(a, cnt)); MIX(_mm_sra_epi16(a, cnt));
    MIX(_mm256_sll_epi16(A, cnt)); MIX(_mm256_srl_epi32(A, cnt)); MIX(_mm256_sra_epi32(A, cnt));
    __m256i vc = _mm256_and_si256(B, _mm256_set1_epi32(31));
    MIX(_mm256_sllv_epi32(A, vc)); MIX(_mm256_srlv_epi64(A, vc)); MIX(_mm256_srav_epi32(A, vc));
    MIX(_mm_sllv_epi32(a, _mm_and_si128(b, _mm_set1_epi32(31))));
    unsigned long long w = (unsigned long long)opaque_long(0x0123456789abcdefL);
    MIX(_bextr_u64(w, 4, 20)); MIX(_bzhi_u64(w, 37)); MIX(_pdep_u64(w, 0xf0f0f0f0f0f0ull)); MIX(_pext_u64(w, 0x3333ull));
    MIX(_bextr_u32((unsigned)w, 3, 9)); MIX(_pdep_u32((unsigned)w, 0xff00ff)); MIX(_pext_u32((unsigned)w, 0xf0f0));
    MIX(_mm_packs_epi16(a, b)); MIX(_mm_packus_epi16(a, b)); MIX(_mm_packs_epi32(a, b)); MIX(_mm_packus_epi32(a, b));
    MIX(_mm256_packs_epi16(A, B)); MIX(_mm256_packus_epi16(A, B)); MIX(_mm256_packs_epi32(A, B));
    MIX(_mm256_packus_epi32(A, B));
    MIX(_mm_min_ss(fa, fb)); MIX(_mm_max_ss(fa, fb)); MIX(_mm_min_sd(da, db)); MIX(_mm_max_sd(da, db));
    MIX(_mm_cmp_ss(fa, fb, _CMP_LT_OQ)); MIX(_mm_cmp_sd(da, db, _CMP_LE_OQ)); MIX(_mm_rcp_ss(fa));
    MIX(_mm_rsqrt_ss(_mm_set1_ps(4.0f)));
    MIX(_mm_round_ss(fa, fb, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    MIX(_mm_round_sd(da, db, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC)); MIX(_mm_cvtsd_ss(fa, db));
    MIX(_mm_comilt_ss(fa, fb) + _mm_ucomige_sd(da, db) + _mm_comieq_sd(da, db) + _mm_ucomineq_ss(fa, fb));
    MIX(_mm_cvtss_si32(fa) + _mm_cvttss_si32(fb) + _mm_cvtsd_si32(da) + _mm_cvttsd_si32(db));
    MIX(_mm_cvtss_si64(fa) + _mm_cvtsd_si64(da) + _mm_cvttsd_si64(db));
    MIX(_mm_hadd_ps(fa, fb)); MIX(_mm_hsub_pd(da, db)); MIX(_mm_hadd_epi16(a, b)); MIX(_mm_hsub_epi32(a, b));
    MIX(_mm_hadds_epi16(a, b)); MIX(_mm256_hadd_epi32(A, B)); MIX(_mm256_hsub_ps(FA, FB)); MIX(_mm256_hadd_pd(DA, DA));
    MIX(_mm_min_ps(fa, fb)); MIX(_mm_max_pd(da, db)); MIX(_mm256_min_ps(FA, FB)); MIX(_mm256_max_pd(DA, DA));
    MIX(_mm_cmp_ps(fa, fb, _CMP_NEQ_UQ)); MIX(_mm_cmp_pd(da, db, _CMP_GT_OQ)); MIX(_mm256_cmp_ps(FA, FB, _CMP_GE_OQ));
    MIX(_mm_rcp_ps(_mm_set1_ps(2.0f))); MIX(_mm256_rsqrt_ps(_mm256_set1_ps(9.0f)));
    MIX(_mm_round_ps(fa, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)); MIX(_mm256_round_pd(DA, _MM_FROUND_CEIL));
    MIX(_mm_cvtps_epi32(fa)); MIX(_mm_cvttps_epi32(fb)); MIX(_mm256_cvtps_epi32(FA)); MIX(_mm256_cvttps_epi32(FB));
    MIX(_mm256_cvtpd_ps(DA)); MIX(_mm256_cvtpd_epi32(DA)); MIX(_mm256_cvttpd_epi32(DA));
    MIX(_mm_cvtpd_epi32(da)); MIX(_mm_cvttpd_epi32(db)); MIX(_mm_cvtpd_ps(da));
    MIX(_mm_addsub_ps(fa, fb)); MIX(_mm_addsub_pd(da, db)); MIX(_mm256_addsub_ps(FA, FB));
    MIX(_mm_mulhi_epi16(a, b)); MIX(_mm_mulhi_epu16(a, b)); MIX(_mm_mulhrs_epi16(a, b)); MIX(_mm256_mulhi_epi16(A, B));
    MIX(_mm256_mulhrs_epi16(A, B)); MIX(_mm_sign_epi8(a, b)); MIX(_mm_sign_epi32(a, b)); MIX(_mm256_sign_epi16(A, B));
    MIX(_mm_madd_epi16(a, b)); MIX(_mm256_madd_epi16(A, B)); MIX(_mm_maddubs_epi16(a, b));
    MIX(_mm256_maddubs_epi16(A, B)); MIX(_mm_sad_epu8(a, b)); MIX(_mm256_sad_epu8(A, B));
    MIX(_mm_clmulepi64_si128(a, b, 0x11)); MIX(_mm_aesenc_si128(a, b)); MIX(_mm_aesenclast_si128(a, b));
    MIX(_mm_aesdec_si128(a, b)); MIX(_mm_aesdeclast_si128(a, b)); MIX(_mm_aesimc_si128(a));
    MIX(_mm_aeskeygenassist_si128(a, 0x1b));
    MIX(_mm_crc32_u8(1, (unsigned char)w) + _mm_crc32_u16(2, (unsigned short)w) + _mm_crc32_u32(3, (unsigned)w));
    MIX(_mm_crc32_u64(4, w));
    MIX(_mm_dp_ps(fa, fb, 0xf1)); MIX(_mm_dp_pd(da, db, 0x31)); MIX(_mm256_dp_ps(FA, FB, 0xff));
    MIX(_mm_mpsadbw_epu8(a, b, 5)); MIX(_mm256_mpsadbw_epu8(A, B, 0x2d)); MIX(_mm_minpos_epu16(a));
    MIX(_mm_cmpistri(a, b, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY));
    MIX(_mm_cmpestri(a, 9, b, 12, _SIDD_UWORD_OPS | _SIDD_CMP_RANGES));
    MIX(_mm_cmpistrm(a, b, _SIDD_SBYTE_OPS | _SIDD_CMP_EQUAL_EACH | _SIDD_UNIT_MASK));
    MIX(_mm_testz_si128(a, b) + _mm_testc_si128(a, b) + _mm_testnzc_si128(a, b));
    MIX(_mm256_testz_si256(A, B) + _mm256_testc_si256(A, B) + _mm256_testnzc_si256(A, B));
    MIX(_mm_testz_ps(fa, fb) + _mm_testc_pd(da, db) + _mm256_testnzc_ps(FA, FB) + _mm256_testz_pd(DA, DA));
    int *dst = malloc(8 * sizeof(int));
    memset(dst, 0, 8 * sizeof(int));
    __m256i m = _mm256_setr_epi32(-1, 0, -1, 0, -1, -1, 0, 0);
    MIX(_mm256_maskload_epi32(src, m)); MIX(_mm_maskload_ps((const float *)src, _mm256_castsi256_si128(m)));
    _mm256_maskstore_epi32(dst, m, A);
    _mm_maskstore_pd((double *)dst, _mm_set_epi64x(0, -1), da);
    _mm_maskmoveu_si128(a, _mm_setr_epi8(-1, 0, -1, 0, -1, 0, -1, 0, 0, 0, 0, 0, -1, -1, -1, -1), (char *)(dst + 4));
    mix(dst, 8 * sizeof(int));
    unsigned csr = _mm_getcsr();
    _mm_setcsr(csr);
    MIX(csr);
    unsigned r32;
    MIX(_rdrand32_step(&r32) >= 0);
    MIX(__rdtsc() != 1);
    _mm_lfence(); _mm_mfence(); _mm_sfence(); _mm_pause(); _mm256_zeroupper();
    printf("%016llx\n", h);
    return 0;
}
