// -fumsan-track-origins: the report says where the uninitialized value was
// created (a heap allocation, with the allocating stack).
// CFLAGS: -fumsan-track-origins
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) int *make_table(int n) {
    return opaque(malloc(n * sizeof(int)));
}

int main(void) {
    int *t = make_table(8);
    t[0] = 1;
    int x = t[3] + 1;
    if (x > 2) // REPORT
        puts("big");
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in make_table {{.*}}heap_origin.c:8
