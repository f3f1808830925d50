// -fumsan-track-origins: locals scoped in a branch and in a loop body,
// written before each use, are poisoned at their lifetime start (-O2) and
// never reported; the output is the native build's.
// CFLAGS: -fumsan-track-origins
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int probe(int round) {
    int r = 0;
    if (opaque_long(round) > 0) {
        int slot;
        int *ps = opaque(&slot);
        *ps = round * 3;
        if (*ps > 3)
            r = *ps;
    }
    return r;
}

static __attribute__((noinline)) long loop(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
        struct { int a, b; } cell;
        int *pc = opaque(&cell.a);
        pc[0] = i;
        pc[1] = i & 1;
        if (pc[1] == 1)
            sum += pc[0];
    }
    return sum;
}

int main(void) {
    printf("%d %d %ld\n", probe(OPAQUE_INT(1)), probe(OPAQUE_INT(2)), loop(OPAQUE_INT(10)));
    return 0;
}
