/* Acceptance driver for zlib: compress and decompress a few MB of generated
 * data at several levels, with the one-shot API (compress2/uncompress) and
 * the streaming API (deflate/inflate with small buffers), plus gzip-wrapped
 * streams, and print checksums. Built natively and with umsan-cc; the
 * outputs must be identical and umsan must report nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zlib.h"

static unsigned long long rng_state = 0x9e3779b97f4a7c15ull;

static unsigned rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state >> 16);
}

/* Text-like runs, repeated phrases and random noise. */
static void generate(unsigned char *buf, size_t n) {
    static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ",
                                  "lazy ", "dog ", "umsan ", "shadow ", "origin ", "\n"};
    size_t i = 0;
    while (i < n) {
        unsigned kind = rng() % 10;
        if (kind < 6) {
            const char *w = words[rng() % 12];
            size_t len = strlen(w);
            for (size_t k = 0; k < len && i < n; k++)
                buf[i++] = (unsigned char)w[k];
        } else if (kind < 8 && i > 64) {
            size_t dist = 1 + rng() % 64, len = 3 + rng() % 40;
            for (size_t k = 0; k < len && i < n; k++, i++)
                buf[i] = buf[i - dist];
        } else {
            size_t len = 1 + rng() % 16;
            for (size_t k = 0; k < len && i < n; k++)
                buf[i++] = (unsigned char)rng();
        }
    }
}

static int oneshot(const unsigned char *data, size_t n, int level) {
    uLongf clen = compressBound(n);
    unsigned char *c = malloc(clen);
    if (compress2(c, &clen, data, n, level) != Z_OK) {
        printf("compress2 failed\n");
        return 1;
    }
    uLongf dlen = n;
    unsigned char *d = malloc(n);
    if (uncompress(d, &dlen, c, clen) != Z_OK || dlen != n || memcmp(d, data, n) != 0) {
        printf("uncompress mismatch\n");
        return 1;
    }
    printf("oneshot level=%d in=%zu out=%lu crc=%08lx adler=%08lx\n", level, n,
           (unsigned long)clen, crc32(0, c, (uInt)clen), adler32(1, d, (uInt)dlen));
    free(c);
    free(d);
    return 0;
}

/* windowBits 15: zlib, 31: gzip. Small in/out chunks exercise the state machine. */
static int streaming(const unsigned char *data, size_t n, int level, int windowBits, int strategy) {
    size_t cap = compressBound(n) + 1024, clen = 0;
    unsigned char *c = malloc(cap);
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit2(&s, level, Z_DEFLATED, windowBits, 8, strategy) != Z_OK)
        return 1;
    size_t pos = 0;
    int ret;
    do {
        size_t chunk = 1 + rng() % 7000;
        if (chunk > n - pos)
            chunk = n - pos;
        s.next_in = (Bytef *)data + pos;
        s.avail_in = (uInt)chunk;
        pos += chunk;
        int flush = pos == n ? Z_FINISH : (rng() % 50 == 0 ? Z_SYNC_FLUSH : Z_NO_FLUSH);
        do {
            unsigned char out[3001];
            s.next_out = out;
            s.avail_out = sizeof out;
            ret = deflate(&s, flush);
            size_t got = sizeof out - s.avail_out;
            memcpy(c + clen, out, got);
            clen += got;
        } while (s.avail_out == 0);
    } while (ret != Z_STREAM_END);
    deflateEnd(&s);

    unsigned char *d = malloc(n + 1);
    size_t dlen = 0;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, windowBits) != Z_OK)
        return 1;
    s.next_in = c;
    s.avail_in = (uInt)clen;
    do {
        unsigned char out[4093];
        s.next_out = out;
        s.avail_out = sizeof out;
        ret = inflate(&s, Z_NO_FLUSH);
        if (ret != Z_OK && ret != Z_STREAM_END) {
            printf("inflate error %d\n", ret);
            return 1;
        }
        size_t got = sizeof out - s.avail_out;
        if (dlen + got > n) {
            printf("inflate overflow\n");
            return 1;
        }
        memcpy(d + dlen, out, got);
        dlen += got;
    } while (ret != Z_STREAM_END);
    inflateEnd(&s);
    if (dlen != n || memcmp(d, data, n) != 0) {
        printf("stream mismatch\n");
        return 1;
    }
    printf("stream level=%d wbits=%d strategy=%d out=%zu crc=%08lx\n", level, windowBits,
           strategy, clen, crc32(0, c, (uInt)clen));
    free(c);
    free(d);
    return 0;
}

int main(void) {
    size_t n = 3u << 20; /* 3 MiB */
    unsigned char *data = malloc(n);
    generate(data, n);
    printf("zlib %s data crc=%08lx\n", zlibVersion(), crc32(0, data, (uInt)n));
    int bad = 0;
    for (int level = 0; level <= 9; level += 3)
        bad |= oneshot(data, n, level);
    bad |= oneshot(data, 1000, 9);
    bad |= streaming(data, n, 1, 15, Z_DEFAULT_STRATEGY);
    bad |= streaming(data, n, 6, 31, Z_DEFAULT_STRATEGY);
    bad |= streaming(data, n / 4, 9, 15, Z_FILTERED);
    bad |= streaming(data, n / 4, 6, 15, Z_HUFFMAN_ONLY);
    bad |= streaming(data, n / 4, 6, 15, Z_RLE);
    free(data);
    printf("%s\n", bad ? "FAILED" : "ok");
    return bad;
}
