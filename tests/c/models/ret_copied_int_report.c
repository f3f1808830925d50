// RET copied with an int result and an int length at position 0, dst at
// position 2: the positions and the widths are honoured.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

int fake_copied(int len, const void *src, void *dst, int ret);
UMSAN_MEMCPY_LIKE(fake_copied, 2, 1, 0, copied);

/* 32-bit length and result, parameters in another order. */
__attribute__((noinline)) int fake_copied(int len, const void *src, void *dst, int ret) {
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
    fake_copied(LEN, src, dst, OPAQUE_INT(ret));
    return opaque(dst);
}

/* One use per line, so that each report has its own place. */
#define USE(p, i) if ((p)[i] == 7) puts("seven")

int main(void) {
    unsigned char *d;

    d = after_call(2); /* two bytes: k = 2 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2);
    USE(d, 3);

    d = after_call(-1); /* int -1: none: k = 0 */
    USE(d, 0);
    USE(d, 1);
    USE(d, 2);
    USE(d, 3);

    d = after_call(20); /* ret > len: len: k = 4 */
    USE(d, 0); // REPORT
    USE(d, 1); // REPORT
    USE(d, 2); // REPORT
    USE(d, 3); // REPORT
    puts("done");
    return 0;
}
