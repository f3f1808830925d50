// -fumsan-track-origins: a stack variable's origin names the variable and
// its function.
// CFLAGS: -fumsan-track-origins
// EXPECT: report
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"

static __attribute__((noinline)) int lookup(int key, int *out) {
    if (key == 1)
        *out = 100;
    return key == 1;
}

int main(void) {
    int result;
    int *pr = opaque(&result);
    lookup(OPAQUE_INT(2), pr);
    if (*pr > 50) // REPORT
        puts("big");
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'result' in main
