// EXPECT: clean
// MODES: O0 O1 O2
// The clean twin of invariant_checks_two_pointers.c, plus a loop that runs
// no iteration over pointers with uninitialized bits (the hoisted checks
// sit where the loop is entered only) and a loop whose first iteration
// reads an uninitialized element that a store in the loop never makes
// matter (no check of the element's value moves).
#include "../common/opaque.h"
#include <umsan.h>

__attribute__((noinline)) long mix(const int *p, const int *q, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
        int a = p[i];
        int b = q[i];
        s += 3 * a + b;
    }
    return s;
}

int main(void) {
    static int x[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    static int y[8] = {8, 7, 6, 5, 4, 3, 2, 1};
    printf("%ld\n", mix(opaque(x), opaque(y), OPAQUE_INT(8)));
    const int *p = opaque(x);
    const int *q = opaque(y);
    umsan_poison(&p, sizeof p);
    umsan_poison(&q, sizeof q);
    printf("%ld\n", mix(p, q, OPAQUE_INT(0)));
    int *u = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 8; i++) u[i] = i;
    printf("%ld\n", mix(u, opaque(y), OPAQUE_INT(8)));
    return 0;
}
