// Structs by value with an uninitialized member that travels along but is
// never used.
// EXPECT: clean
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

static __attribute__((noinline)) long first(struct pair p) { return p.a; }

int main(void) {
    struct pair p = swap(make(opaque_long(4)));
    struct pair r = swap(p);
    if (r.a == 4)
        puts("a is 4");
    printf("%ld %ld\n", p.b, first(r));
    return 0;
}
