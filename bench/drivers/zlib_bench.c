/* zlib round trip: deflate (level 1, streaming in 256 KiB chunks) and inflate
 * of MiB megabytes of generated text-like data.  Usage: zlib_bench [MiB] */
#include "common.h"
#include "zlib.h"

#define CHUNK (256 * 1024)

int main(int argc, char **argv) {
    size_t n = (size_t)arg_long(argc, argv, 1, 64) << 20;
    unsigned char *in = xmalloc(n);
    gen_data(in, n, 0x5eed);
    uLong crc_in = crc32(0L, Z_NULL, 0);
    crc_in = crc32(crc_in, in, (uInt)n);

    size_t cap = deflateBound(NULL, (uLong)n) + 1024;
    unsigned char *comp = xmalloc(cap);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit(&zs, 1) != Z_OK) return 10;
    size_t off = 0;
    zs.next_out = comp;
    zs.avail_out = (uInt)cap;
    int ret;
    do {
        size_t take = n - off < CHUNK ? n - off : CHUNK;
        zs.next_in = in + off;
        zs.avail_in = (uInt)take;
        off += take;
        int flush = off == n ? Z_FINISH : Z_NO_FLUSH;
        ret = deflate(&zs, flush);
        if (ret == Z_STREAM_ERROR) return 11;
    } while (off < n || ret != Z_STREAM_END);
    size_t clen = zs.total_out;
    deflateEnd(&zs);
    uLong adler_comp = adler32(adler32(0L, Z_NULL, 0), comp, (uInt)clen);

    unsigned char *out = xmalloc(n);
    memset(&zs, 0, sizeof zs);
    if (inflateInit(&zs) != Z_OK) return 12;
    zs.next_in = comp;
    zs.avail_in = (uInt)clen;
    size_t got = 0;
    do {
        size_t room = n - got < CHUNK ? n - got : CHUNK;
        zs.next_out = out + got;
        zs.avail_out = (uInt)room;
        ret = inflate(&zs, Z_NO_FLUSH);
        if (ret != Z_OK && ret != Z_STREAM_END) {
            fprintf(stderr, "inflate error %d\n", ret);
            return 13;
        }
        got = zs.total_out;
    } while (ret != Z_STREAM_END);
    inflateEnd(&zs);

    uLong crc_out = crc32(crc32(0L, Z_NULL, 0), out, (uInt)got);
    printf("zlib: %zu bytes in, %zu compressed (adler32 %08lx)\n", n, clen, adler_comp);
    printf("crc32 in %08lx out %08lx, %s\n", crc_in, crc_out,
           got == n && memcmp(in, out, n) == 0 ? "round trip ok" : "ROUND TRIP FAILED");
    free(in);
    free(comp);
    free(out);
    return 0;
}
