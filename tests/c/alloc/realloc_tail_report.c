// realloc: the grown tail is uninitialized.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *a = opaque(calloc(4, sizeof(int)));
    a = opaque(realloc(a, 64 * sizeof(int)));
    long sum = 0;
    for (int i = 0; i < 4; i++)
        sum += a[i]; /* prefix: still initialized */
    printf("%ld\n", sum);
    if (a[10] == 0) // REPORT
        puts("zero");
    return 0;
}
