// -fumsan-track-origins: origins are loaded only for uninitialized values
// (in a cold block right after the load), so a value keeps the origin its
// bytes had when it was loaded, even when the memory is overwritten by an
// uninitialized value of another origin before the use.
// CFLAGS: -fumsan-track-origins
// EXPECT: report
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"

static __attribute__((noinline)) void overwrite(int *slot) {
    int fresh;                          /* another origin: this local */
    *slot = *(int *)opaque(&fresh);
}

int main(void) {
    int *t = opaque(malloc(4 * sizeof(int)));
    t[0] = 1;
    int x = t[OPAQUE_INT(2)];           /* uninitialized, from the heap */
    overwrite(&t[2]);                   /* the granule's origin changes */
    if (x > 2) // REPORT
        puts("big");
    free(t);
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NOT: stack allocation
