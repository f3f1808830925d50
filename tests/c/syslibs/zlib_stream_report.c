// Only the bytes inflate really produced count as written: the rest of the
// output buffer stays uninitialized.
// EXPECT: report
// ORACLE: skip (MemorySanitizer reports the bytes the uninstrumented system library wrote: what these models fix)
// CFLAGS: -lz
#include "../common/opaque.h"
#include <zlib.h>

int main(void) {
    unsigned char text[64];
    for (int i = 0; i < 64; i++)
        text[i] = (unsigned char)OPAQUE_INT('a' + i % 26);
    unsigned char packed[256];
    unsigned long packed_len = sizeof packed;
    if (compress(packed, &packed_len, text, sizeof text) != Z_OK)
        return 1;
    unsigned char *out = uninit_heap(128);
    z_stream zs = {0};
    if (inflateInit(&zs) != Z_OK)
        return 2;
    zs.next_in = packed;
    zs.avail_in = (unsigned)packed_len;
    zs.next_out = out;
    zs.avail_out = 128;
    if (inflate(&zs, Z_FINISH) != Z_STREAM_END)
        return 3;
    inflateEnd(&zs);
    if (out[10] == 'k')
        puts("produced byte ok");
    if (out[64 + OPAQUE_INT(3)] == 'x') // REPORT
        puts("past the end");
    puts("done");
    return 0;
}
