// An argument's origin reaches the callee through its origin slot, which
// the caller writes only on the path where the argument's shadow has a bit
// set (the cold block of its origin load); on the clean path the slot keeps
// an older origin nobody reads. Each report must still name the block its
// own argument came from:
//  - pass(): a value loaded from one heap block, passed right away;
//  - the slot is then left stale by a clean argument (no report), and the
//    next uninitialized argument, from a second block, names that block;
//  - between(): a call between the load of `x` and the call passing it
//    writes the same slot with another origin (a local), so the slot store
//    stays where it is, after that call: the report names the heap block.
// Reports in order: first block, second block, first block (not the local).
// CFLAGS: -fumsan-track-origins
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer checks arguments at the call by default)
#include "../common/opaque.h"

static __attribute__((noinline)) int test(int v, const char *what) {
    if (v > 2) // REPORT
        return puts(what);
    return 0;
}

static __attribute__((noinline)) int test2(int v, const char *what) {
    if (v > 2) // REPORT
        return puts(what);
    return 0;
}

static __attribute__((noinline)) int test3(int v, const char *what) {
    if (v > 2) // REPORT
        return puts(what);
    return 0;
}

static __attribute__((noinline)) int pass(const int *p, const char *what) {
    return test(*p, what);
}

static __attribute__((noinline)) int pass2(const int *p, const char *what) {
    return test2(*p, what);
}

static __attribute__((noinline)) int local_origin(void) {
    int fresh; /* uninitialized: a stack origin in this slot */
    return test(*(int *)opaque(&fresh) & 0, "masked");
}

static __attribute__((noinline)) int between(const int *p) {
    int x = *p;
    local_origin();
    return test3(x, "between");
}

int main(void) {
    int *first = opaque(malloc(4 * sizeof(int)));  /* uninitialized */
    int *second = opaque(calloc(4, sizeof(int)));
    second = opaque(realloc(second, 64 * sizeof(int))); /* [4, 64) uninitialized */
    int clean = OPAQUE_INT(1);
    pass(&first[OPAQUE_INT(0)], "first");
    pass2(&clean, "clean");
    pass2(&second[OPAQUE_INT(40)], "second");
    between(&first[OPAQUE_INT(1)]);
    free(first);
    free(second);
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: in test
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: in malloc
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: in test2
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: in realloc
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: in test3
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: in malloc
// CHECK-NOT: stack allocation
