/* Code-base test driver for zstd: one-shot and streaming round trips of
 * generated data at several levels. Built natively and with umsan-cc; the
 * outputs must be identical and umsan must report nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zstd.h"

static unsigned long checksum(const unsigned char *p, size_t n) {
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + p[i];
    return h;
}

static void fill(unsigned char *p, size_t n) {
    static const char *words[] = {"umsan ", "shadow ", "origin ", "zstd ", "frame ", "block ", "literal ", "\n"};
    unsigned x = 12345;
    size_t i = 0;
    while (i < n) {
        x = x * 1103515245u + 12345u;
        if ((x >> 16) % 13 == 0) {
            p[i++] = (unsigned char)(x >> 8);
            continue;
        }
        const char *w = words[(x >> 20) % 8];
        for (size_t k = 0; w[k] && i < n; k++)
            p[i++] = (unsigned char)w[k];
    }
}

static int one_shot(const unsigned char *src, size_t n, int level) {
    size_t bound = ZSTD_compressBound(n);
    unsigned char *c = malloc(bound), *d = malloc(n);
    size_t cs = ZSTD_compress(c, bound, src, n, level);
    if (ZSTD_isError(cs)) {
        printf("compress error: %s\n", ZSTD_getErrorName(cs));
        return 1;
    }
    unsigned long long fs = ZSTD_getFrameContentSize(c, cs);
    size_t ds = ZSTD_decompress(d, n, c, cs);
    if (ZSTD_isError(ds) || ds != n || memcmp(src, d, n) != 0) {
        printf("level %d: round trip failed\n", level);
        return 1;
    }
    printf("level %d: %zu -> %zu bytes (frame says %llu), checksum %lu\n", level, n, cs, fs, checksum(c, cs));
    free(c);
    free(d);
    return 0;
}

static int streaming(const unsigned char *src, size_t n, int level) {
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
    size_t cap = ZSTD_compressBound(n) + 1024, used = 0;
    unsigned char *c = malloc(cap);
    size_t chunk = 7777;
    for (size_t off = 0; off < n; off += chunk) {
        size_t len = n - off < chunk ? n - off : chunk;
        ZSTD_inBuffer in = {src + off, len, 0};
        ZSTD_EndDirective mode = off + len == n ? ZSTD_e_end : ZSTD_e_continue;
        size_t left;
        do {
            ZSTD_outBuffer out = {c + used, cap - used, 0};
            left = ZSTD_compressStream2(cc, &out, &in, mode);
            if (ZSTD_isError(left)) {
                printf("stream error: %s\n", ZSTD_getErrorName(left));
                return 1;
            }
            used += out.pos;
        } while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
    }
    ZSTD_freeCCtx(cc);
    ZSTD_DCtx *dc = ZSTD_createDCtx();
    unsigned char *d = malloc(n);
    size_t got = 0;
    for (size_t off = 0; off < used; off += 1000) {
        ZSTD_inBuffer in = {c + off, used - off < 1000 ? used - off : 1000, 0};
        while (in.pos < in.size) {
            ZSTD_outBuffer out = {d + got, n - got, 0};
            size_t r = ZSTD_decompressStream(dc, &out, &in);
            if (ZSTD_isError(r)) {
                printf("dstream error: %s\n", ZSTD_getErrorName(r));
                return 1;
            }
            got += out.pos;
        }
    }
    ZSTD_freeDCtx(dc);
    if (got != n || memcmp(d, src, n) != 0) {
        printf("stream level %d: round trip failed\n", level);
        return 1;
    }
    printf("stream level %d: %zu -> %zu bytes, checksum %lu\n", level, n, used, checksum(c, used));
    free(c);
    free(d);
    return 0;
}

int main(void) {
    size_t n = 300000;
    unsigned char *src = malloc(n);
    fill(src, n);
    int bad = 0;
    int levels[] = {-5, 1, 3, 9, 19};
    for (int i = 0; i < 5; i++)
        bad |= one_shot(src, n, levels[i]);
    bad |= one_shot(src, 1, 3);
    bad |= streaming(src, n, 3);
    bad |= streaming(src, n, 12);
    free(src);
    printf("%s\n", bad ? "FAILED" : "ok");
    return bad;
}
