// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// A loop that reads through a pointer parameter whose own bits are
// uninitialized: from -O1 on, the check of the pointer moves out of the
// loop (the loop header's check of a value that does not change). It still
// reports once, at the read's line, and the loop still runs.
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

__attribute__((noinline)) long sum(const int *p, int n) {
    long s = 0;
    for (int i = 0; i < n; i++)
        s += p[i]; // REPORT
    return s;
}

int main(void) {
    static int a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    const int *p = opaque(a);
    __msan_poison(&p, sizeof p);
    printf("%ld\n", sum(p, OPAQUE_INT(8)));
    return 0;
}
