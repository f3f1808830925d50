// -fumsan-eager-checks checks `noundef` arguments only, as clang's
// -fsanitize-memory-param-retval: at -O2 an argument the callee ignores (the
// unused format of f) is replaced by `poison`, which must not be reported;
// the variadic argument and the result stay precise.
// CFLAGS: -fumsan-eager-checks
// EXPECT: clean
#include <stdarg.h>
#include <stdio.h>

__attribute__((noinline)) static int f(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int x = va_arg(ap, int);
    va_end(ap);
    return x + 1;
}

int main(void) {
    int five = 5;
    int r = f("x", five);
    if (r == 6)
        puts("six");
    printf("%d\n", r);
    return 0;
}
// STDOUT: six
// STDOUT: 6
