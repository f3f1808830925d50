// A thread reuses its previous allocation's origin when the allocating
// stack is the same (runtime/src/origin.rs, LastHeapStack): a repeated
// allocation site must keep its own origin, and an allocation from another
// stack right after it (here 40 frames deep, past the 20 kept) its own.
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
#include "../common/opaque.h"

static __attribute__((noinline)) int *site_a(void) {
    return opaque(malloc(4 * sizeof(int)));
}

static __attribute__((noinline)) int *site_b(void) {
    return opaque(malloc(4 * sizeof(int)));
}

static __attribute__((noinline)) int *deep(int d) {
    int *p = d == 0 ? site_b() : deep(d - 1);
    return opaque(p);
}

int main(void) {
    int *first = site_a(); // remembered
    int *a = site_a();     // the same stack: the remembered id
    int *b = deep(40);     // another stack
    first[0] = a[0] = b[0] = 0;
    if (a[1] > 0) // REPORT
        puts("a");
    if (b[1] > 0) // REPORT
        puts("b");
    free(first);
    free(a);
    free(b);
    return 0;
}
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in site_a {{.*}}heap_origin_last_stack.c:12
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: in malloc
// CHECK-NEXT: in site_b {{.*}}heap_origin_last_stack.c:16
// CHECK-NEXT: in deep
