// bzip2, liblzma and libzstd from the system (uninstrumented) write their
// output through pointers held in bz_stream, lzma_stream and
// ZSTD_outBuffer: the produced bytes count as written.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the bytes the uninstrumented system library wrote: what these models fix)
// CFLAGS: -lbz2 -llzma -lzstd
#include "../common/opaque.h"
#include <bzlib.h>
#include <lzma.h>
#include <zstd.h>

enum { N = 3000 };

static int same(const unsigned char *a, const unsigned char *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

int main(void) {
    unsigned char *src = uninit_heap(N), *packed = uninit_heap(2 * N + 600), *out = uninit_heap(N);
    for (int i = 0; i < N; i++)
        src[i] = (unsigned char)OPAQUE_INT((i * 7) % 13 + (i >> 6));

    /* bzip2 */
    bz_stream *bz = uninit_heap(sizeof *bz);
    bz->bzalloc = NULL;
    bz->bzfree = NULL;
    bz->opaque = NULL;
    if (BZ2_bzCompressInit(bz, 9, 0, 0) != BZ_OK)
        return 1;
    bz->next_in = (char *)src;
    bz->avail_in = N;
    bz->next_out = (char *)packed;
    bz->avail_out = 2 * N + 600;
    if (BZ2_bzCompress(bz, BZ_FINISH) != BZ_STREAM_END)
        return 2;
    unsigned blen = bz->total_out_lo32;
    BZ2_bzCompressEnd(bz);
    if (BZ2_bzDecompressInit(bz, 0, 0) != BZ_OK)
        return 3;
    bz->next_in = (char *)packed;
    bz->avail_in = blen;
    bz->next_out = (char *)out;
    bz->avail_out = N;
    if (BZ2_bzDecompress(bz) != BZ_STREAM_END)
        return 4;
    BZ2_bzDecompressEnd(bz);
    if (!same(src, out, N))
        return 5;

    /* liblzma */
    lzma_stream xs = LZMA_STREAM_INIT;
    if (lzma_easy_encoder(&xs, 6, LZMA_CHECK_CRC64) != LZMA_OK)
        return 6;
    xs.next_in = src;
    xs.avail_in = N;
    xs.next_out = packed;
    xs.avail_out = 2 * N + 600;
    if (lzma_code(&xs, LZMA_FINISH) != LZMA_STREAM_END)
        return 7;
    size_t xlen = (size_t)xs.total_out;
    lzma_end(&xs);
    lzma_stream ds = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&ds, UINT64_MAX, 0) != LZMA_OK)
        return 8;
    ds.next_in = packed;
    ds.avail_in = xlen;
    ds.next_out = out;
    ds.avail_out = N;
    lzma_ret r = lzma_code(&ds, LZMA_FINISH);
    if (r != LZMA_STREAM_END && r != LZMA_OK)
        return 9;
    lzma_end(&ds);
    if (!same(src, out, N))
        return 10;

    /* libzstd, streaming */
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_outBuffer ob = {packed, 2 * N + 600, 0};
    ZSTD_inBuffer ib = {src, N, 0};
    if (ZSTD_isError(ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_end)))
        return 11;
    ZSTD_freeCCtx(cc);
    ZSTD_DCtx *dc = ZSTD_createDCtx();
    ZSTD_outBuffer ob2 = {out, N, 0};
    ZSTD_inBuffer ib2 = {packed, ob.pos, 0};
    while (ib2.pos < ib2.size)
        if (ZSTD_isError(ZSTD_decompressStream(dc, &ob2, &ib2)))
            return 12;
    ZSTD_freeDCtx(dc);
    if (ob2.pos != N || !same(src, out, N))
        return 13;
    printf("%u %zu %zu\n", blen, xlen, ob.pos);
    return 0;
}
