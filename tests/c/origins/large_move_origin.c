// Origins survive large, overlapping moves (memmove of tens of KiB, both
// directions): umsan moves origins only for the chunks whose bytes are
// uninitialized, so each report must still name the allocation the
// uninitialized bytes came from, not the block they were moved into.
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// ORACLE: skip (MemorySanitizer does not deduplicate reports)
#include "../common/opaque.h"

enum { N = 64 << 10 };

static __attribute__((noinline)) char *fresh_source(void) {
    return opaque(malloc(16));
}

int main(void) {
    char *a = opaque(malloc(N));
    memset(a, 'x', N);
    char *u = fresh_source();
    memcpy(a + 9000, u, 10); /* a[9000..9010) uninitialized, from fresh_source */
    memmove(a + 100, a, N - 100); /* upwards: now at 9100..9110 */
    if (a[9105] == 'y') // REPORT
        puts("y");
    memmove(a, a + 5000, N - 5000); /* downwards: now at 4100..4110 */
    if (a[4102] == 'z') // REPORT
        puts("z");
    if (a[20000] == 'x')
        puts("initialized");
    return 0;
}
// STDOUT: initialized
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in fresh_source {{.*}}large_move_origin.c:14
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in fresh_source {{.*}}large_move_origin.c:14
