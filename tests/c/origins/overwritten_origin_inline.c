// As overwritten_origin.c, without a call in between: a plain store of an
// uninitialized value of another origin (a second heap block) right after
// the load overwrites the granule's origin before the use. The value's
// origin is read before that store writes it, so the report names the
// first block's allocation. (A store of the program's that writes no
// origin does not stop the origin load from moving to the report's block.)
// CFLAGS: -fumsan-track-origins
// EXPECT: report
// ORACLE: skip (MemorySanitizer words heap origins differently)
#include "../common/opaque.h"

int main(void) {
    int *t = opaque(malloc(4 * sizeof(int)));
    int *u = opaque(malloc(4 * sizeof(int)));
    t[0] = 1;
    u[0] = 7;
    int x = t[OPAQUE_INT(2)];           /* uninitialized, from t's block */
    u[3] = 5;                           /* writes no origin */
    t[2] = u[OPAQUE_INT(1)];            /* now of u's origin */
    if (x > 2) // REPORT
        puts("big");
    free(u);
    free(t);
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: overwritten_origin_inline.c:13
