// `musttail` calls (clang's `__attribute__((musttail))`, used by
// interpreters and parsers that dispatch through tail calls): nothing may
// come between such a call and its `return`, so the frame's stack shadow is
// cleaned before the call and the callee's return shadow is what the
// caller finds. The compile used to fail ("failed to perform tail call
// elimination on a call site marked musttail"). An uninitialized argument
// passed through two tail calls is reported where it is used; the
// initialized ones are not.
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
#include "../common/opaque.h"

static __attribute__((noinline)) int use(int op, int v) {
    if (v > op) { // REPORT
        puts("greater");
        return 1;
    }
    return 2;
}

static __attribute__((noinline)) int step(int op, int v) {
    char buf[16];
    memset(opaque(buf), op, sizeof buf);
    if (buf[3] == 7)
        puts("seven");
    __attribute__((musttail)) return use(op, v);
}

__attribute__((noinline)) int dispatch(int op, int v) {
    if (op == 0)
        return 0;
    __attribute__((musttail)) return step(op, v);
}

int main(void) {
    int *cells = uninit_heap(4 * sizeof(int));
    cells[0] = 5;
    int a = dispatch(OPAQUE_INT(3), cells[0]); /* initialized: no report */
    int b = dispatch(OPAQUE_INT(7), cells[1]); /* uninitialized */
    int c = dispatch(OPAQUE_INT(1), cells[0]);
    printf("%d %d\n", a + c, b + 1 > 0);
    return 0;
}
// STDOUT: 2 1
// CHECK: Uninitialized value was created by a heap allocation
