// EXPECT: report
// A loop whose body writes to stderr before it reads through a pointer
// parameter with uninitialized bits: the check of the pointer must not
// move ahead of the write (hoisting a check out of a loop needs nothing
// observable before it). The program ends at the first report, after
// the first line.
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

__attribute__((noinline)) long sum(const int *p, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
        fprintf(stderr, "iteration %d\n", i);
        s += p[i]; // REPORT
    }
    return s;
}

int main(void) {
    static int a[4] = {1, 2, 3, 4};
    const int *p = opaque(a);
    __msan_poison(&p, sizeof p);
    printf("%ld\n", sum(p, OPAQUE_INT(4)));
    return 0;
}
// CHECK: iteration 0
// CHECK-NEXT: =={{[0-9]+}}==WARNING: umsan: use-of-uninitialized-value
// CHECK-NOT: iteration 1
