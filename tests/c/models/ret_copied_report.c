// UMSAN_MEMCPY_LIKE with RET copied (read style): the function returns how
// many bytes it copied; k = ret clamped to [0, len], and a negative ret
// means none. Exactly dst[0..k) becomes uninitialized (src's state).
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

long fake_copied(void *dst, const void *src, size_t len, long ret);
UMSAN_MEMCPY_LIKE(fake_copied, 0, 1, 2, copied);

/* Copies nothing itself and returns what it is told: the model moves
 * metadata only, for k = ret bytes clamped to [0, len]. */
__attribute__((noinline)) long fake_copied(void *dst, const void *src, size_t len, long ret) {
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
    fake_copied(dst, src, LEN, opaque_long(ret));
    return opaque(dst);
}

/* One use per line, so that each report has its own place. */
#define USE(p, i) if ((p)[i] == 7) puts("seven")

int main(void) {
    unsigned char *d;

    d = after_call(0); /* nothing copied: k = 0 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(1); /* one byte: k = 1 */
    USE(d, 0); // REPORT
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(3); /* three bytes: k = 3 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3);

    d = after_call(4); /* all: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(5); /* ret > len: clamped to len: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(1000); /* ret > len: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT

    d = after_call(-1); /* negative ret: none: k = 0 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(-100); /* negative ret: none: k = 0 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);
    puts("done");
    return 0;
}
