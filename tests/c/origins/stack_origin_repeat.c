// -fumsan-track-origins: stack origins stay right on every execution of a
// function, not only the first (which creates the origin in the runtime;
// later ones write it inline for small slots, through the runtime for
// large ones).
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"

struct pair { int a, b; };

static __attribute__((noinline)) void small(int init_b) {
    struct pair p;
    struct pair *pp = opaque(&p);
    pp->a = 1;
    if (init_b)
        pp->b = 2;
    if (pp->b > 1) // REPORT
        puts("small: b > 1");
}

static __attribute__((noinline)) void big(int init) {
    char buf[300];
    char *pb = opaque(buf);
    if (init)
        memset(pb, 1, sizeof buf);
    if (pb[200] == 1) // REPORT
        puts("big: set");
}

int main(void) {
    small(OPAQUE_INT(1));
    small(OPAQUE_INT(1));
    small(OPAQUE_INT(0));
    big(OPAQUE_INT(1));
    big(OPAQUE_INT(1));
    big(OPAQUE_INT(0));
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'p' in small
// CHECK: Uninitialized value was created by a stack allocation of 'buf' in big
