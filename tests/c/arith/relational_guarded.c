// Relational compares against constants are computed exactly: with some
// bits uninitialized, a compare whose answer those bits cannot change is
// initialized (the exact test runs in the check's cold path, behind a test
// of the operand's shadow); one they can change is reported.
// UMSAN_OPTIONS halt_on_error=0: every report in order.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// ORACLE: skip (MemorySanitizer's relational compares are approximate: it reports every one of them)
#include "../common/opaque.h"
#include <stdint.h>

static uint32_t low_byte_uninit(uint32_t high) {
    uint8_t *b = uninit_heap(4);
    b[1] = (uint8_t)high;
    b[2] = (uint8_t)(high >> 8);
    b[3] = (uint8_t)(high >> 16);
    uint32_t w;
    memcpy(&w, b, 4); /* bits 0..7 uninitialized */
    return w;
}

int main(void) {
    uint32_t w = low_byte_uninit((uint32_t)OPAQUE_INT(0x12));   /* 0x12?? */
    if (w > 0xffu)          /* 0x1200..0x12ff: always true */
        puts("above a byte");
    if (w < 0x1300u)        /* always true */
        puts("below 0x1300");
    if ((int32_t)w >= 0)    /* sign bit initialized */
        puts("not negative");
    if (w > 0x1280u) // REPORT
        puts("above 0x1280");
    int32_t neg = (int32_t)low_byte_uninit((uint32_t)OPAQUE_INT(0xffff80)); /* 0xffff80?? */
    if (neg < 0)            /* -32768..-32513: sign bit initialized and set */
        puts("negative");
    if (neg < -100)         /* always true */
        puts("below -100");
    if (neg > -32600) // REPORT
        puts("above -32600");
    puts("done");
    return 0;
}
