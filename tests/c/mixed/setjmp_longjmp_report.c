// Cleaning the stack below the frame after setjmp returns again does not
// hide uninitialized locals of the frame itself.
// EXPECT: report
#include "../common/opaque.h"
#include <setjmp.h>

static jmp_buf env;
static volatile int sink;

__attribute__((noinline)) static void jump(void) {
    longjmp(env, 1);
}

int main(void) {
    volatile int never_set;
    if (setjmp(env) == 0) {
        jump();
    } else {
        if (never_set == 3) // REPORT
            sink = 1;
    }
    return 0;
}
