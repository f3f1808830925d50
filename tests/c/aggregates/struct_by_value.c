// A struct passed and returned by value (extractvalue / insertvalue); the
// uninitialized member is used by the caller.
// EXPECT: report
#include "../common/opaque.h"

struct pair {
    long a;
    long b;
};

static __attribute__((noinline)) struct pair make(long a) {
    struct pair p;
    long *pb = opaque(&p.b); /* escapes, never written */
    (void)pb;
    p.a = a;
    return p;
}

static __attribute__((noinline)) struct pair swap(struct pair p) {
    struct pair q = {p.b, p.a};
    return q;
}

int main(void) {
    struct pair p = swap(make(opaque_long(4)));
    if (p.b == 4)
        puts("b is 4");
    if (p.a > 0) // REPORT
        puts("a positive");
    return 0;
}
