// UMSAN_MEMCPY_LIKE with RET none: after each call all len bytes of dst
// take src's metadata (here: uninitialized), whatever the function returns.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

void fake_none(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(fake_none, 0, 1, 2, none);

/* Copies nothing itself: the model moves metadata only. */
__attribute__((noinline)) void fake_none(void *dst, const void *src, size_t len) {
    /* A call that cannot be deleted, with parameters that are used. */
    __asm__ volatile("" : : "r"(dst), "r"(src), "r"(len) : "memory");
}

#define LEN 4

/* dst starts initialized, src entirely uninitialized. */
static unsigned char *after_call(long ret) {
    unsigned char *src = uninit_heap(LEN);
    unsigned char *dst = opaque(malloc(LEN));
    memset(dst, 1, LEN);
    (void)ret; fake_none(dst, src, LEN);
    return opaque(dst);
}

/* One use per line, so that each report has its own place. */
#define USE(p, i) if ((p)[i] == 7) puts("seven")

int main(void) {
    unsigned char *d;

    d = after_call(0); /* RET none: all len bytes: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(-1); /* the return value is ignored: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(100); /* the return value is ignored: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT
    puts("done");
    return 0;
}
