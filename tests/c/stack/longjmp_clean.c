// longjmp out of instrumented frames whose locals were poisoned leaves no
// stale state for later frames at the same stack addresses: a variadic
// function's register save area, libc-written locals. (Lua's error handling
// does exactly this: pcall/error through setjmp/longjmp.)
// EXPECT: clean
#include "../common/opaque.h"
#include <setjmp.h>
#include <stdarg.h>

static jmp_buf env;

static __attribute__((noinline)) void thrower(int depth) {
    char junk[200]; /* poisoned, never written */
    opaque(junk);
    if (depth == 0)
        longjmp(env, 1);
    thrower(depth - 1);
    opaque(junk);
}

static __attribute__((noinline)) int total_len(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int total = 0;
    for (int i = 0; i < n; i++) {
        const char *s = va_arg(ap, const char *);
        if (s != NULL)
            total += (int)strlen(s);
    }
    va_end(ap);
    return total;
}

static __attribute__((noinline)) int via_libc(void) {
    char buf[100];
    int a = 0, b = 0;
    snprintf(buf, sizeof buf, "%d %d", 20, 22);
    if (sscanf(buf, "%d %d", &a, &b) != 2)
        return -1;
    return a + b;
}

int main(void) {
    int rounds = 0;
    for (int i = 0; i < 3; i++) {
        if (setjmp(env) == 0)
            thrower(OPAQUE_INT(6));
        else
            rounds++;
        if (total_len(4, "a", "bb", "ccc", "dddd") != 10)
            puts("wrong length");
        if (via_libc() != 42)
            puts("wrong sum");
    }
    printf("%d rounds\n", rounds);
    return 0;
}
