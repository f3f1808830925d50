// EXPECT: clean
// MODES: O0 O1 O2
// CFLAGS: -fumsan-track-origins
// The good twin of uninit_pointer_by_reference_report.cpp: the callee sets
// the pointer, and the fields read through it are initialized.
#include <cstdint>
#include <cstdio>
struct TwoInts {
    int intOne;
    int intTwo;
};
static TwoInts g = {1, 2};
__attribute__((noinline)) void dirty_stack() {
    volatile uintptr_t junk[64];
    for (int i = 0; i < 64; i++) junk[i] = 0x100000001230u + 8u * i; // in no mapped range, nor is its shadow
}
__attribute__((noinline)) void source(TwoInts *&data) {
    data = &g;
}
__attribute__((noinline)) void good() {
    TwoInts *data;
    source(data);
    printf("%d\n", data->intOne);
    printf("%d\n", data->intTwo);
}
int main() {
    dirty_stack();
    good();
    return 0;
}
