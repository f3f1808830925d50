// Branch on a comparison of an uninitialized double.
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    double *samples = uninit_heap(4 * sizeof(double));
    samples[0] = 1.5;
    samples[1] = 2.5;
    /* samples[2] never written */
    double x = samples[2] * 2.0;
    if (x < 0.5) // REPORT
        puts("small");
    puts("done");
    return 0;
}
