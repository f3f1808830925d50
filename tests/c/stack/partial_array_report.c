// A local array written only in part; reading the rest is a use.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) int fill(int *a, int n) {
    for (int i = 0; i < n; i += 2)
        a[i] = i; /* odd slots are skipped */
    return n;
}

int main(void) {
    int a[16];
    int n = fill(a, OPAQUE_INT(16));
    int *p = opaque(a);
    if (p[n - 3] > 4) // REPORT
        puts("big");
    puts("done");
    return 0;
}
