// UMSAN_COPY_OUT: bytes leaving the program must be initialized; the report
// (kind uninit-copy-out) names the uninitialized byte range.
// EXPECT: report
// ORACLE: skip (umsan annotation)
#include "../common/opaque.h"
#include <umsan.h>

/* Pretend device write: its body stays uninstrumented. */
__attribute__((noinline)) size_t dev_write(const void *src, size_t len) {
    const volatile unsigned char *s = src;
    size_t sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += s[i];
    return sum == 0xffffffff; /* number of bytes NOT written: 0 */
}
UMSAN_COPY_OUT(dev_write, 0, 1, remaining);

int main(void) {
    unsigned char *pkt = uninit_heap(64);
    memset(pkt, 1, 8);
    memset(pkt + 16, 2, 48); /* bytes [8, 16) uninitialized */
    dev_write(pkt, 64); // REPORT: uninit-copy-out
    puts("sent");
    return 0;
}
// CHECK: bytes [8, 16) of 64 are uninitialized
