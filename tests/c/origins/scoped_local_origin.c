// -fumsan-track-origins: a local declared inside a branch or a loop body
// is uninitialized again each time its scope is entered (at -O2 it is
// poisoned at its lifetime start, not at function entry), with the stack
// origin of that local, and initialized data from an earlier iteration
// does not leak into the next one. (-O2 only: at -O0 clang emits no
// lifetime markers, a local lives as long as its function, and the loop's
// second iteration reads what the first one wrote, under MemorySanitizer
// too.)
// MODES: O2
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"

static __attribute__((noinline)) void probe(int round) {
    if (opaque_long(round) > 0) {
        int slot; /* written in round 1 only */
        int *ps = opaque(&slot);
        if (round == 1)
            *ps = 7;
        if (*ps > 3) // REPORT
            printf("round %d: big\n", round);
    }
}

static __attribute__((noinline)) void loop(int n) {
    for (int i = 0; i < n; i++) {
        struct { int a, b; } cell; /* b written in the first iteration only */
        int *pc = opaque(&cell.a);
        pc[0] = i;
        if (i == 0)
            pc[1] = 1;
        if (pc[1] == 1) // REPORT
            printf("iteration %d: b set\n", i);
    }
}

int main(void) {
    probe(OPAQUE_INT(1));
    probe(OPAQUE_INT(2));
    loop(OPAQUE_INT(2));
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'slot' in probe
// CHECK: Uninitialized value was created by a stack allocation of 'cell' in loop
// STDOUT: round 1: big
// STDOUT: iteration 0: b set
