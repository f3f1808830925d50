// A project prepared for the sanitizers (brotli's BROTLI_SANITIZED): under
// __has_feature(memory_sanitizer) its unaligned loads and stores call
// __sanitizer_unaligned_{load,store}{16,32,64} from
// <sanitizer/common_interface_defs.h> instead of memcpy. umsan-cc compiles
// the same source unchanged: it links, the values are the bytes in memory,
// initialized bytes stay initialized through them, and the output is the
// native build's.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdint.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif

#ifdef SANITIZED
#include <sanitizer/common_interface_defs.h>
#define LOAD16(p) __sanitizer_unaligned_load16(p)
#define LOAD32(p) __sanitizer_unaligned_load32(p)
#define LOAD64(p) __sanitizer_unaligned_load64(p)
#define STORE16(p, v) __sanitizer_unaligned_store16(p, v)
#define STORE32(p, v) __sanitizer_unaligned_store32(p, v)
#define STORE64(p, v) __sanitizer_unaligned_store64(p, v)
#else
static uint16_t LOAD16(const void *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t LOAD32(const void *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t LOAD64(const void *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static void STORE16(void *p, uint16_t v) { memcpy(p, &v, 2); }
static void STORE32(void *p, uint32_t v) { memcpy(p, &v, 4); }
static void STORE64(void *p, uint64_t v) { memcpy(p, &v, 8); }
#endif

/* Through a pointer: a call the pass cannot turn into a load (counts as a
 * call into uninstrumented code under umsan). */
static uint32_t (*volatile load32_ptr)(const void *);
static uint32_t load32_fn(const void *p) { return LOAD32(p); }

int main(void) {
    unsigned char *in = uninit_heap(64);
    for (int i = 0; i < 64; i++)
        in[i] = (unsigned char)(i * 37 + 11);
    unsigned char *out = uninit_heap(64);
    unsigned long sum = 0;
    for (int off = 1; off < 40; off += 3) { /* odd offsets: unaligned */
        uint16_t a = LOAD16(in + off);
        uint32_t b = LOAD32(in + off + 2);
        uint64_t c = LOAD64(in + off + 6);
        if (a & 1) /* branches on the loaded values */
            sum += a;
        if (b % 3 == 0)
            sum += b;
        if (c > 0x8000000000000000ull)
            sum ^= c;
        STORE16(out + off, a);
        STORE32(out + off + 2, b);
        STORE64(out + off + 6, c);
    }
    load32_ptr = load32_fn;
    uint32_t d = load32_ptr(out + 5);
    if (d != 0)
        sum += d;
    for (int i = 1; i < 48; i++) /* the stored bytes are initialized */
        if (out[i] > 128)
            sum += out[i];
    printf("sum %lu\n", sum);
    free(in);
    free(out);
    return 0;
}
