// A function above the call threshold (out-of-line checks and origin
// stores) that only uses initialized values: no report, and the same
// output as the native build.
// CFLAGS: -fumsan-track-origins
// EXPECT: clean
#include "../common/opaque.h"

static volatile long hits;
static __attribute__((noinline)) void hit(long i) { hits += i; }

#define C1(i) if (p[(i)] > 3) hit(i);
#define C4(i) C1(i) C1((i) + 1) C1((i) + 2) C1((i) + 3)
#define C16(i) C4(i) C4((i) + 4) C4((i) + 8) C4((i) + 12)
#define C64(i) C16(i) C16((i) + 16) C16((i) + 32) C16((i) + 48)
#define C256(i) C64(i) C64((i) + 64) C64((i) + 128) C64((i) + 192)
#define C1024(i) C256(i) C256((i) + 256) C256((i) + 512) C256((i) + 768)

static __attribute__((noinline)) void huge(volatile int *p, long **slot) {
    C1024(0) C1024(1024) C1024(2048) C1024(3072)
    **slot = hits;         /* an initialized value stored */
    if (**slot > 0)
        hit(1);
}

int main(void) {
    int *p = opaque(calloc(4096, sizeof(int)));
    for (int i = 0; i < 4096; i++)
        p[i] = i & 7;
    long cell = 0;
    long *pc = opaque(&cell);
    huge(p, &pc);
    printf("%ld %ld\n", (long)hits, cell);
    return 0;
}
