// UMSAN_COPY_OUT with RET remaining: only the bytes actually transferred
// must be initialized.
// EXPECT: clean
// ORACLE: skip (umsan annotation)
#include "../common/opaque.h"
#include <umsan.h>

/* Transfers at most 32 bytes; returns how many were NOT transferred. */
__attribute__((noinline)) size_t dev_write(const void *src, size_t len) {
    size_t n = len < 32 ? len : 32;
    const volatile unsigned char *s = src;
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += s[i];
    (void)sum;
    return len - n;
}
UMSAN_COPY_OUT(dev_write, 0, 1, remaining);

int main(void) {
    unsigned char *pkt = uninit_heap(64);
    memset(pkt, 1, 32); /* bytes [32, 64) never sent */
    size_t left = dev_write(pkt, 64);
    printf("%zu left\n", left);
    free(pkt);
    return 0;
}
