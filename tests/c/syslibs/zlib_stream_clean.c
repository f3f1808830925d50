// The system's zlib (uninstrumented) writes its output through
// z_stream.next_out, a pointer inside the struct the caller passes: the
// bytes deflate and inflate produce, and the stream's own fields (msg,
// total_out, adler), count as written (configs/compression.toml). This is
// libpng over the system zlib.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the bytes the uninstrumented system library wrote: what these models fix)
// CFLAGS: -lz
#include "../common/opaque.h"
#include <zlib.h>

int main(void) {
    enum { N = 4000 };
    unsigned char *src = uninit_heap(N), *packed = uninit_heap(N + 64), *out = uninit_heap(N);
    for (int i = 0; i < N; i++)
        src[i] = (unsigned char)OPAQUE_INT(i % 251 ^ (i >> 4));
    z_stream *zs = uninit_heap(sizeof *zs);
    zs->zalloc = Z_NULL;
    zs->zfree = Z_NULL;
    zs->opaque = Z_NULL;
    if (deflateInit(zs, 6) != Z_OK)
        return 1;
    zs->next_in = src;
    zs->avail_in = N;
    /* Output in small pieces: each call writes where the previous stopped. */
    zs->next_out = packed;
    int rc;
    do {
        zs->avail_out = 97;
        rc = deflate(zs, Z_FINISH);
    } while (rc == Z_OK);
    if (rc != Z_STREAM_END)
        return 2;
    unsigned long packed_len = zs->total_out;
    if (zs->msg != NULL) /* a field only zlib wrote */
        return 3;
    deflateEnd(zs);
    unsigned sum = 0;
    for (unsigned long i = 0; i < packed_len; i++)
        if (packed[i] & 1) /* every compressed byte is initialized */
            sum++;

    z_stream *is = uninit_heap(sizeof *is);
    is->zalloc = Z_NULL;
    is->zfree = Z_NULL;
    is->opaque = Z_NULL;
    is->next_in = packed;
    is->avail_in = 0;
    if (inflateInit(is) != Z_OK)
        return 4;
    is->avail_in = (unsigned)packed_len;
    is->next_out = out;
    do {
        is->avail_out = 333;
        rc = inflate(is, Z_NO_FLUSH);
    } while (rc == Z_OK);
    if (rc != Z_STREAM_END || is->total_out != N)
        return 5;
    if (is->adler == 0)
        puts("adler zero");
    inflateEnd(is);
    for (int i = 0; i < N; i++)
        if (out[i] != src[i]) /* every inflated byte is initialized */
            return 6;
    printf("%lu %u ok\n", packed_len, sum);
    return 0;
}
