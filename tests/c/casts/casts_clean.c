// Casts that drop the uninitialized bits (trunc of a value whose high bytes
// are uninitialized) and conversions of initialized values: no report.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdint.h>

int main(void) {
    uint8_t *b = uninit_heap(8);
    b[0] = (uint8_t)OPAQUE_INT(200);
    b[1] = (uint8_t)OPAQUE_INT(1);
    uint64_t w;
    memcpy(&w, b, 8); /* bytes 2..7 uninitialized */
    uint16_t low = (uint16_t)w;         /* trunc drops them */
    int32_t s = (int16_t)low;           /* sext */
    uint64_t z = (uint32_t)s;           /* zext */
    double d = (double)s * 0.5;         /* int -> float */
    long back = (long)d;                /* float -> int */
    static int arr[4] = {10, 20, 30, 40};
    uintptr_t ip = (uintptr_t)&arr[OPAQUE_INT(2)];
    int *pp = (int *)ip;                /* int -> ptr */
    if (low == 456)
        puts("456");
    printf("%d %llu %ld %d\n", s, (unsigned long long)z, back, *pp);
    free(b);
    return 0;
}
