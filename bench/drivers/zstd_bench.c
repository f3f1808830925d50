/* zstd round trip: ZSTD_compress (level 3) and ZSTD_decompress of MiB
 * megabytes of generated text-like data.  Usage: zstd_bench [MiB] */
#include "common.h"
#include "zstd.h"

int main(int argc, char **argv) {
    size_t n = (size_t)arg_long(argc, argv, 1, 64) << 20;
    unsigned char *in = xmalloc(n);
    gen_data(in, n, 0x2575);
    uint64_t h_in = fnv1a(FNV_INIT, in, n);

    size_t cap = ZSTD_compressBound(n);
    unsigned char *comp = xmalloc(cap);
    size_t clen = ZSTD_compress(comp, cap, in, n, 3);
    if (ZSTD_isError(clen)) {
        fprintf(stderr, "compress: %s\n", ZSTD_getErrorName(clen));
        return 10;
    }
    uint64_t h_comp = fnv1a(FNV_INIT, comp, clen);

    unsigned char *out = xmalloc(n);
    size_t got = ZSTD_decompress(out, n, comp, clen);
    if (ZSTD_isError(got)) {
        fprintf(stderr, "decompress: %s\n", ZSTD_getErrorName(got));
        return 11;
    }
    uint64_t h_out = fnv1a(FNV_INIT, out, got);
    printf("zstd: %zu bytes in, %zu compressed (fnv %016llx)\n", n, clen,
           (unsigned long long)h_comp);
    printf("fnv in %016llx out %016llx, %s\n", (unsigned long long)h_in,
           (unsigned long long)h_out,
           got == n && memcmp(in, out, n) == 0 ? "round trip ok" : "ROUND TRIP FAILED");
    free(in);
    free(comp);
    free(out);
    return 0;
}
