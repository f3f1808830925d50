// The system's (uninstrumented) libbrotli writes its streaming output
// through the pointer it is handed by address (`&next_out`) and advances
// it: the produced bytes count as written, for the encoder and the
// decoder, also when the output comes in small pieces (curl's
// content-encoding decoder).
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the bytes the uninstrumented system library wrote: what these models fix)
// CFLAGS: -lbrotlienc -lbrotlidec
#include "../common/opaque.h"
#include <brotli/decode.h>
#include <brotli/encode.h>

enum { N = 4000 };

int main(void) {
    unsigned char *src = uninit_heap(N), *packed = uninit_heap(N + 512), *out = uninit_heap(N);
    for (int i = 0; i < N; i++)
        src[i] = (unsigned char)OPAQUE_INT('a' + (i * 7) % 13 + (i >> 8));

    BrotliEncoderState *enc = BrotliEncoderCreateInstance(NULL, NULL, NULL);
    size_t avail_in = N, avail_out = N + 512;
    const uint8_t *next_in = src;
    uint8_t *next_out = packed;
    while (!BrotliEncoderIsFinished(enc))
        if (!BrotliEncoderCompressStream(enc, BROTLI_OPERATION_FINISH, &avail_in, &next_in, &avail_out, &next_out,
                                         NULL))
            return 1;
    BrotliEncoderDestroyInstance(enc);
    size_t packed_len = (size_t)(next_out - packed);
    unsigned sum = 0;
    for (size_t i = 0; i < packed_len; i++)
        if (packed[i] & 1)
            sum += packed[i];
    printf("packed %zu bytes, odd sum %u\n", packed_len, sum);

    /* Decode 100 bytes at a time, as a streaming reader does. */
    BrotliDecoderState *dec = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    avail_in = packed_len;
    next_in = packed;
    size_t total = 0;
    BrotliDecoderResult r;
    do {
        avail_out = 100;
        next_out = out + total;
        r = BrotliDecoderDecompressStream(dec, &avail_in, &next_in, &avail_out, &next_out, NULL);
        total = (size_t)(next_out - out);
    } while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT && total + 100 <= N);
    BrotliDecoderDestroyInstance(dec);
    if (r != BROTLI_DECODER_RESULT_SUCCESS || total != N)
        return 2;
    for (int i = 0; i < N; i++)
        if (out[i] != src[i])
            return 3;
    puts("round trip ok");
    free(src);
    free(packed);
    free(out);
    return 0;
}
