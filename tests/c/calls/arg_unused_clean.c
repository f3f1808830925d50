// Uninitialized values passed as arguments and returned, but never used:
// not a report (without -fumsan-eager-checks).
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int pick(int wanted, int ignored, int which) {
    (void)ignored;
    return which ? ignored : wanted;
}

static __attribute__((noinline)) int passthrough(int x) {
    return x;
}

static __attribute__((noinline)) void store(int *dst, int v) {
    *dst = v;
}

int main(void) {
    int *junk = uninit_heap(4 * sizeof(int));
    int r = pick(OPAQUE_INT(7), junk[0], OPAQUE_INT(0));
    int g = passthrough(junk[1]); /* garbage returned, never looked at */
    store(&junk[2], g);
    printf("%d\n", r);
    free(junk);
    return 0;
}
