// The origin of `a + b` is b's when b is uninitialized, else a's: the
// select that picks it is made in the report's block, over origins loaded
// there, when nothing between the loads and the report may write origin
// memory (g) — and where something may (a call overwriting the heap slot
// with an uninitialized value of another origin), the origins are loaded
// right after the loads, so each sum still names the block its bytes came
// from (h). Reports in order: g's sum (a heap block), h's sum (the heap
// block, not the local that overwrote it).
// CFLAGS: -fumsan-track-origins
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"

static __attribute__((noinline)) void g(const int *a, const int *b) {
    int s = *a + *b;
    if (s > 2) // REPORT
        puts("g: big");
}

static __attribute__((noinline)) void overwrite(int *slot) {
    int fresh; /* another origin: this local */
    *slot = *(int *)opaque(&fresh);
}

static __attribute__((noinline)) void h(int *a, int *b) {
    int s = *a + *b;
    overwrite(b); /* b's granule now holds the local's origin */
    if (s > 2) // REPORT
        puts("h: big");
}

int main(void) {
    int *t = opaque(malloc(4 * sizeof(int)));
    int clean = OPAQUE_INT(1);
    g(&clean, &t[OPAQUE_INT(1)]);
    h(&clean, &t[OPAQUE_INT(2)]);
    free(t);
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: in g
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: in malloc
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: in h
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NOT: stack allocation
