// Frames skipped by longjmp never clean their stack shadow. After setjmp
// (or sigsetjmp) returns again, the stack below the current frame counts as
// initialized, so code umsan did not compile that reuses that stack (here a
// function with disable_sanitizer_instrumentation filling a buffer and
// handing it to instrumented code) sees no stale poison.
// EXPECT: clean
#include "../common/opaque.h"
#include <setjmp.h>

static jmp_buf env;
static volatile int sink;

__attribute__((noinline)) static void dive(int depth) {
    char junk[256]; /* poisoned at entry, never written */
    opaque(junk);
    if (depth == 0)
        longjmp(env, 1);
    dive(depth - 1);
    sink = junk[0];
}

__attribute__((noinline)) static int consume(const char *p, int n) {
    int hits = 0;
    for (int i = 0; i < n; i++)
        if (p[i] == 'a')
            hits++;
    return hits;
}

/* Not instrumented: its buffer's stores leave the shadow alone. */
__attribute__((noinline, disable_sanitizer_instrumentation)) static int uninstrumented(void) {
    volatile char buf[2048];
    for (int i = 0; i < 2048; i++)
        buf[i] = 'a';
    return consume((const char *)buf, 2048);
}

int main(void) {
    int total = 0;
    for (int round = 0; round < 3; round++) {
        if (setjmp(env) == 0)
            dive(10 + round);
        else
            total += uninstrumented();
    }
    sigjmp_buf senv;
    if (sigsetjmp(senv, 1) == 0)
        siglongjmp(senv, 7);
    else
        total += uninstrumented();
    printf("%d\n", total);
    return 0;
}
