// Conditions joined with && and || over values whose uninitialized bits
// never decide them (the low byte initialized, the rest not; the other
// comparison settling the outcome): the guard on the hot path fires, the
// exact answer in the cold block says "decided", and nothing is
// reported. Without origins, where `and`/`or`/`select` of comparisons are
// guarded (FunctionInstrumenter::combine_guards).
// CFLAGS: -fno-umsan-track-origins
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int scan(const int *x, const int *y, int n) {
    int hits = 0;
    for (int i = 0; i < n; i++) {
        if ((x[i] & 0xff) == 5 && y[i] > 0)
            hits += 1;
        if ((x[i] & 0xff) == 6 && x[i] > 0)
            hits += 10;
        if ((x[i] & 0xff) == 5 || x[i] < 0)
            hits += 100;
        if (y[i] > 2 && (x[i] & 0x0f) != 0)
            hits += 1000;
    }
    return hits;
}

int main(void) {
    int *x = uninit_heap(8 * sizeof(int));
    int *y = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 8; i++) {
        ((unsigned char *)&x[i])[0] = 5;
        y[i] = i;
    }
    printf("%d\n", scan(opaque(x), opaque(y), OPAQUE_INT(8)));
    return 0;
}
