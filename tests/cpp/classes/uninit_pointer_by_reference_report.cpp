// EXPECT: report
// MODES: O0 O1 O2
// CFLAGS: -fumsan-track-origins
// Juliet CWE-457 struct_pointer_62's shape: a pointer left uninitialized by
// a callee that takes it by reference, then dereferenced. The stack slot
// holds stale bits that are not a pointer (dirty_stack writes them first):
// the address check must come before anything uses the pointer, so the
// report is printed instead of a fault in the shadow read (at -O1 the
// shadow of the loaded field was read before the pointer's check).
#include <cstdint>
#include <cstdio>
struct TwoInts {
    int intOne;
    int intTwo;
};
__attribute__((noinline)) void dirty_stack() {
    volatile uintptr_t junk[64];
    for (int i = 0; i < 64; i++) junk[i] = 0x100000001230u + 8u * i; // in no mapped range, nor is its shadow
}
__attribute__((noinline)) void source(TwoInts *&data) {
    (void)data; // forgets to set it
}
__attribute__((noinline)) void bad() {
    TwoInts *data;
    source(data);
    printf("%d\n", data->intOne); // REPORT
    printf("%d\n", data->intTwo);
}
int main() {
    dirty_stack();
    bad();
    return 0;
}
