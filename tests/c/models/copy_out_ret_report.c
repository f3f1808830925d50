// UMSAN_COPY_OUT with every RET mode: only src[0..k) leaves the program and
// must be initialized, k clamped to [0, len] (remaining: negative ret means
// len; copied: negative ret means none). Each report names the uninitialized
// range of the k bytes checked.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

long out_none(const void *src, size_t len, long ret);
UMSAN_COPY_OUT(out_none, 0, 1, none);
long out_remaining(const void *src, size_t len, long ret);
UMSAN_COPY_OUT(out_remaining, 0, 1, remaining);
long out_copied(const void *src, size_t len, long ret);
UMSAN_COPY_OUT(out_copied, 0, 1, copied);

/* Send nothing anywhere and return what they are told. */
__attribute__((noinline)) long out_none(const void *src, size_t len, long ret) {
    __asm__ volatile("" : : "r"(src), "r"(len) : "memory");
    return ret;
}
__attribute__((noinline)) long out_remaining(const void *src, size_t len, long ret) {
    __asm__ volatile("" : : "r"(src), "r"(len) : "memory");
    return ret;
}
__attribute__((noinline)) long out_copied(const void *src, size_t len, long ret) {
    __asm__ volatile("" : : "r"(src), "r"(len) : "memory");
    return ret;
}

#define R(v) opaque_long(v)

int main(void) {
    unsigned char *s = uninit_heap(8);
    memset(s, 1, 3); /* s[3..8) uninitialized */

    out_none(s, 3, R(-1));      /* k = 3: all initialized */
    out_none(s, 8, R(0)); // REPORT: uninit-copy-out
    out_remaining(s, 8, R(5));  /* k = 3 */
    out_remaining(s, 8, R(8));  /* k = 0 */
    out_remaining(s, 8, R(50)); /* ret > len: k = 0 */
    out_remaining(s, 8, R(4)); // REPORT: uninit-copy-out
    out_remaining(s, 8, R(-1)); // REPORT: uninit-copy-out
    out_copied(s, 8, R(3));     /* k = 3 */
    out_copied(s, 8, R(0));     /* k = 0 */
    out_copied(s, 8, R(-9));    /* negative: k = 0 */
    out_copied(s, 8, R(6)); // REPORT: uninit-copy-out
    out_copied(s, 8, R(99)); // REPORT: uninit-copy-out
    puts("done");
    return 0;
}
// CHECK: bytes [3, 8) of 8 are uninitialized
// CHECK: bytes [3, 4) of 4 are uninitialized
// CHECK: bytes [3, 8) of 8 are uninitialized
// CHECK: bytes [3, 6) of 6 are uninitialized
// CHECK: bytes [3, 8) of 8 are uninitialized
