// A static function called only directly ("closed") may hand the shadow
// slots it received on to its own callee unchanged: the clean-up after the
// instrumentation drops a store of the shadow a slot already holds. Here
// `twice` reads its argument (for its return value's shadow) and calls
// `is_zero` with the same argument, so `is_zero` reads what `main` stored
// for `twice`. Every call of `twice` passes a constant, so umsan's
// interprocedural step makes `twice`'s shadow constant zero; it must keep
// `main`'s stores all the same: `is_zero` would otherwise read the slot
// the earlier call of `spread` filled with an uninitialized shadow, and
// report a branch on an initialized value.
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int is_zero(int x) {
    if (x == 0)
        puts("zero");
    return 1;
}

static __attribute__((noinline)) int twice(int x) {
    int r = is_zero(x);
    return r + x;
}

static __attribute__((noinline)) int spread(int x) {
    return x * 2;
}

int main(void) {
    int *cells = uninit_heap(4 * sizeof(int));
    int k = spread(cells[0]); /* passing uninitialized is not a use */
    opaque_long(k);
    int a = twice(0);
    int b = twice(1);
    printf("%d\n", a + b);
    return 0;
}
