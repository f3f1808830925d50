// int -> double -> int conversions of an uninitialized value.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    int *p = uninit_heap(2 * sizeof(int));
    p[0] = 3;
    double d = (double)p[1] / 2.0;
    long back = (long)(d * 3.0);
    if (back > 10) // REPORT
        puts("big");
    puts("done");
    return 0;
}
