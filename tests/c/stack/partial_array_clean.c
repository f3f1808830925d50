// A local array written only in part; only the written part is read.
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int fill(int *a, int n) {
    for (int i = 0; i < n; i += 2)
        a[i] = i;
    return n;
}

int main(void) {
    int a[16];
    int n = fill(a, OPAQUE_INT(16));
    int *p = opaque(a);
    int sum = 0;
    for (int i = 0; i < n; i += 2)
        if (p[i] % 4 == 0)
            sum += p[i];
    printf("%d\n", sum);
    return 0;
}
