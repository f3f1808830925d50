// An uninitialized value travels through several calls (arguments and
// return values) before the use, three frames down.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) int scale(int v) { return v * 3; }

static __attribute__((noinline)) void check(int v) {
    if (v & 1) // REPORT
        puts("odd");
}

static __attribute__((noinline)) void middle(int v) {
    check(scale(v) + 1);
}

static __attribute__((noinline)) void top(int *p) {
    middle(p[1]);
}

int main(void) {
    int *p = uninit_heap(2 * sizeof(int));
    p[0] = 0;
    top(p);
    puts("done");
    return 0;
}
