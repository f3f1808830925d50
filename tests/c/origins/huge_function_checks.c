// A function with more checks than the pass's call threshold (3500, as
// MemorySanitizer's) checks and stores origins through the runtime
// (`__umsan_maybe_warning`, `__umsan_maybe_store_origin`) instead of
// branching to report blocks of its own. Reports and origins must be the
// same as in any other function: the first 4096 checks pass, the one at the
// marked line reports, with the origin of the value stored through memory.
// CFLAGS: -fumsan-track-origins
// EXPECT: report
#include "../common/opaque.h"
#include "../common/many_checks.h"

static __attribute__((noinline)) long *fresh(void) {
    return uninit_heap(sizeof(long));
}

static __attribute__((noinline)) void huge(volatile int *p, long **slot) {
    CHECKS_4096(p)
    long *u = fresh();
    **slot = *u;           /* an uninitialized value stored: its origin too */
    if (**slot > 0) // REPORT
        hit(-1);
}

int main(void) {
    int *p = checks_input();
    long cell = 0;
    long *pc = opaque(&cell);
    huge(p, &pc);
    printf("%ld\n", (long)hits);
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in fresh {{.*}}huge_function_checks.c:[[@LINE-21]]
