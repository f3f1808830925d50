// The assembly routine of indirect_before_clean.c, called through a
// function pointer: its model (UMSAN_MODEL with before(...)) makes exactly
// the bytes between the cursor before and after the call initialized, so
// the byte after them, never written, is still reported.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

#include "../common/asm_fill.h"

typedef void (*fill_fn)(struct cursor *);
static fill_fn volatile fill = asm_fill;

int main(void) {
    unsigned char *buf = uninit_heap(32);
    struct cursor c = {7, buf + 4, buf + 32};
    fill(&c); /* writes [4, 9) */
    unsigned sum = 0;
    for (int i = 4; i < 9; i++)
        sum += TOUCH(buf[i]) + buf[i];
    printf("sum %u\n", sum);
    unsigned char *p = opaque(buf);
    if (p[9] == 7) // REPORT
        printf("nine\n");
    if (p[3] == 7) // REPORT
        printf("three\n");
    free(buf);
    return 0;
}
