// -fno-umsan-recover changes nothing for a program without uninitialized
// uses: same output and exit status as the native build.
// CFLAGS: -fno-umsan-recover
// EXPECT: clean
#include "../common/opaque.h"

static int sum(const int *a, int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] > 3 ? a[i] : -a[i];
    return s;
}

int main(void) {
    int a[8];
    for (int i = 0; i < 8; i++)
        a[i] = OPAQUE_INT(i);
    printf("%d\n", sum(a, 8));
    return 0;
}
// STDOUT: 16
