// Only what BrotliDecoderDecompressStream advanced its output pointer over
// counts as written: the rest of the buffer stays uninitialized.
// EXPECT: report
// ORACLE: skip (MemorySanitizer reports the bytes the uninstrumented system library wrote: what these models fix)
// CFLAGS: -lbrotlienc -lbrotlidec
#include "../common/opaque.h"
#include <brotli/decode.h>
#include <brotli/encode.h>

int main(void) {
    unsigned char text[64];
    for (int i = 0; i < 64; i++)
        text[i] = (unsigned char)OPAQUE_INT('a' + i % 26);
    unsigned char packed[256];
    size_t packed_len = sizeof packed;
    if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, sizeof text, text,
                               &packed_len, packed))
        return 1;
    unsigned char *out = uninit_heap(128);
    BrotliDecoderState *dec = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    size_t avail_in = packed_len, avail_out = 128;
    const uint8_t *next_in = packed;
    uint8_t *next_out = out;
    if (BrotliDecoderDecompressStream(dec, &avail_in, &next_in, &avail_out, &next_out, NULL) !=
        BROTLI_DECODER_RESULT_SUCCESS)
        return 2;
    BrotliDecoderDestroyInstance(dec);
    if (out[10] == 'k')
        puts("produced byte ok");
    if (out[64 + OPAQUE_INT(3)] == 'x') // REPORT
        puts("past the end");
    puts("done");
    return 0;
}
