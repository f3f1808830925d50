// trunc / zext / sext keep the uninitialized bits they carry.
// EXPECT: report
#include "../common/opaque.h"
#include <stdint.h>

int main(void) {
    int64_t *p = uninit_heap(2 * sizeof(int64_t));
    p[0] = 1;
    int16_t narrow = (int16_t)p[1];       /* trunc */
    int32_t widened = narrow;             /* sext */
    uint64_t zext = (uint32_t)widened;    /* zext */
    if (zext == 77) // REPORT
        puts("77");
    puts("done");
    return 0;
}
