// UMSAN_COPY_IN with RET copied and RET remaining: exactly dst[0..k) becomes
// initialized ("arrived from outside"); the rest of dst stays uninitialized.
// k is clamped to [0, len]; negative ret: none (copied) / len (remaining).
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

long dev_read(void *dst, size_t len, long ret);
UMSAN_COPY_IN(dev_read, 0, 1, copied);
long dev_read_rem(void *dst, size_t len, long ret);
UMSAN_COPY_IN(dev_read_rem, 0, 1, remaining);

/* Write nothing: the model alone marks the bytes initialized. */
__attribute__((noinline)) long dev_read(void *dst, size_t len, long ret) {
    /* A call that cannot be deleted, with parameters that are used. */
    __asm__ volatile("" : : "r"(dst), "r"(len) : "memory");
    return ret;
}
__attribute__((noinline)) long dev_read_rem(void *dst, size_t len, long ret) {
    /* A call that cannot be deleted, with parameters that are used. */
    __asm__ volatile("" : : "r"(dst), "r"(len) : "memory");
    return ret;
}

#define LEN 4

enum { COPIED, REMAINING };

/* A fresh, uninitialized buffer after the call. */
static unsigned char *after_call(int mode, long ret) {
    unsigned char *dst = uninit_heap(LEN);
    if (mode == REMAINING)
        dev_read_rem(dst, LEN, opaque_long(ret));
    else
        dev_read(dst, LEN, opaque_long(ret));
    return opaque(dst);
}

/* One use per line, so that each report has its own place. */
#define USE(p, i) if ((p)[i] == 7) puts("seven")

int main(void) {
    unsigned char *d;

    d = after_call(COPIED, 2); /* copied 2: k = 2 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(COPIED, 0); /* copied 0: k = 0 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(COPIED, 4); /* copied all: k = 4 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(COPIED, 9); /* copied, ret > len: k = 4 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(COPIED, -1); /* copied, negative ret: k = 0 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(REMAINING, 1); /* remaining 1: k = 3 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3); // REPORT

    d = after_call(REMAINING, 0); /* remaining 0: k = 4 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(REMAINING, 4); /* remaining 4: k = 0 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(REMAINING, 7); /* remaining, ret > len: k = 0 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(REMAINING, -1); /* remaining, negative ret: len: k = 4 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);
    puts("done");
    return 0;
}
