// Storing through an uninitialized pointer whose stale bits are not an
// address (written into the same stack slot by an earlier call): the
// address check comes before anything uses the address, so the report is
// printed instead of a fault in umsan's own shadow store (the shadow of
// such an "address" is not mapped either).
// EXPECT: report
// MODES: O0 O1 O2
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) void dirty_stack(void) {
    volatile uintptr_t junk[64];
    for (int i = 0; i < 64; i++) junk[i] = 0x100000001230u + 8u * i; /* in no mapped range, nor is its shadow */
}

__attribute__((noinline)) void source(int **p) {
    (void)p; /* forgets to set *p */
}

__attribute__((noinline)) void bad(void) {
    int *dst;
    source(&dst);
    *dst = 42; // REPORT
    puts("stored");
}

int main(void) {
    dirty_stack();
    bad();
    return 0;
}
