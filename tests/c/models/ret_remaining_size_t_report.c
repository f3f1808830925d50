// RET remaining with the kernel's types (size_t result): k = len - ret
// clamped to [0, len]; (size_t)-1 is taken as negative and means len.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

size_t fake_remaining(void *dst, const void *src, size_t len, size_t ret);
UMSAN_MEMCPY_LIKE(fake_remaining, 0, 1, 2, remaining);

__attribute__((noinline)) size_t fake_remaining(void *dst, const void *src, size_t len, size_t ret) {
    /* A call that cannot be deleted, with parameters that are used. */
    __asm__ volatile("" : : "r"(dst), "r"(src), "r"(len) : "memory");
    return ret;
}

#define LEN 4

/* dst starts initialized, src entirely uninitialized. */
static unsigned char *after_call(long ret) {
    unsigned char *src = uninit_heap(LEN);
    unsigned char *dst = opaque(malloc(LEN));
    memset(dst, 1, LEN);
    fake_remaining(dst, src, LEN, (size_t)opaque_long(ret));
    return opaque(dst);
}

/* One use per line, so that each report has its own place. */
#define USE(p, i) if ((p)[i] == 7) puts("seven")

int main(void) {
    unsigned char *d;

    d = after_call(0); /* nothing remaining: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(2); /* two not copied: k = 2 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2);
    USE(d, 3);

    d = after_call(4); /* nothing copied: k = 0 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(7); /* ret > len: k = 0 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(-1); /* (size_t)-1: negative, len: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT
    puts("done");
    return 0;
}
