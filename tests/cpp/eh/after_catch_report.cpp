// EXPECT: report
// CFLAGS: -fumsan-track-origins
// After exceptions thrown through uninstrumented frames (glibc's qsort
// calling a comparator that throws), shadow still crosses calls: the
// uninitialized value returned after the catch is reported, with its origin.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include "../common/opaque.hpp"
static int cmp_throw(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    if (x == 3 || y == 3) throw std::runtime_error("three");
    return (x > y) - (x < y);
}
__attribute__((noinline)) int leftover(int k) {
    int slot;
    int *p = opaque(&slot);
    if (k > 1000) *p = k;
    return *p;
}
int main() {
    int v[6] = {5, 1, 4, 3, 2, 0};
    try {
        qsort(v, 6, sizeof v[0], cmp_throw);
    } catch (const std::exception &e) {
        printf("caught %s\n", e.what());
    }
    int r = leftover(OPAQUE_INT(7));
    if (r == 7) // REPORT
        printf("seven\n");
    return 0;
}
// CHECK: created by a stack allocation of 'slot' in leftover(int)
