// Built with -g (as every file test) and with the verifier on at the end of
// the pipeline: the phis origin tracking adds where a check splits a block
// (a load's origin loaded in a cold block; a local's stack origin created
// once) go ahead of the debug records (#dbg_value) the split leaves at the
// start of the join block. Inserted after them, the module did not verify
// (tinyxml2's umsan build crashed clang in jump threading). The reports
// still name their origins.
// CFLAGS: -fumsan-track-origins -fverify-intermediate-code
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
#include "../common/opaque.h"

int global_count;

static __attribute__((noinline)) void use(int v) { printf("%d\n", v > 0); }

static __attribute__((noinline)) int from_heap(int n) {
    int scaled = n * 3; /* a variable the debug info tracks */
    use(scaled);
    int *t = opaque(malloc(4 * sizeof(int)));
    int w = t[2] + global_count;
    if (w > 5) // REPORT
        use(scaled + 1);
    return scaled;
}

static __attribute__((noinline)) int from_stack(int n) {
    int scaled = n * 5;
    use(scaled);
    int slot; /* never written */
    int *ps = opaque(&slot);
    if (*ps > scaled) // REPORT
        use(scaled);
    return scaled;
}

int main(void) {
    from_heap(OPAQUE_INT(2));
    from_stack(OPAQUE_INT(2));
    return 0;
}
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: Uninitialized value was created by a stack allocation of 'slot' in from_stack
