// Arithmetic on initialized values only, next to uninitialized values whose
// arithmetic results are dropped.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    int *v = uninit_heap(4 * sizeof(int));
    v[0] = OPAQUE_INT(6);
    v[1] = OPAQUE_INT(-3);
    int junk = v[2] * 7 + (v[3] << 2) - v[2]; /* garbage in, garbage kept */
    v[3] = junk;
    int a = v[0] + v[1];
    int b = v[0] * v[1];
    unsigned c = ((unsigned)v[0] << 4) ^ ((unsigned)v[1] >> 28);
    if (a > 0 && b < 0)
        puts("signs ok");
    printf("%d %d %u %d\n", a, b, c, v[0] / v[1]);
    free(v);
    return 0;
}
