// Recursion: the uninitialized element is reached several levels deep, and
// its value flows back up through return values before it is used.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) long sum(const int *a, int n) {
    if (n == 0)
        return 0;
    return a[n - 1] + sum(a, n - 1);
}

int main(void) {
    int *a = uninit_heap(10 * sizeof(int));
    for (int i = 0; i < 10; i++)
        if (i != 4)
            a[i] = i;
    long total = sum(a, 10);
    if (total > 40) // REPORT
        puts("large");
    puts("done");
    return 0;
}
