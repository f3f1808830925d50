// An assembly routine (top-level __asm__, never seen by umsan) that writes
// bytes at a cursor inside a struct and advances it, like zstd's Huffman
// loops: declared with UMSAN_MODEL using before(...), the bytes between the
// cursor before and after the call become initialized. The routine is
// called directly, through a function pointer initialized in a global, and
// through a pointer chosen at run time: the model applies to all three
// (address-taken uses of a modelled declared function go through a wrapper
// that applies the model), and the address still compares equal.
// EXPECT: clean
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

#include "../common/asm_fill.h"

static void c_fill(struct cursor *c) {
    for (int i = 0; i < 5 && c->pos < c->end; i++)
        *c->pos++ = 9;
}

typedef void (*fill_fn)(struct cursor *);
static fill_fn volatile global_fill = asm_fill;

int main(void) {
    unsigned char *buf = uninit_heap(32);
    struct cursor c = {7, buf, buf + 18};
    /* The run-time choice between the C and the assembly loop. */
    fill_fn pick = opaque_long(1) ? asm_fill : c_fill;
    pick(&c);        /* [0, 5) */
    global_fill(&c); /* [5, 10) */
    asm_fill(&c);    /* [10, 15) */
    pick(&c);        /* [15, 18): stops at the end */
    unsigned sum = 0;
    for (int i = 0; i < 18; i++)
        sum += TOUCH(buf[i]) + buf[i];
    printf("wrote %ld sum %u same %d\n", (long)(c.pos - buf), sum, pick == asm_fill && global_fill == asm_fill);
    free(buf);
    return 0;
}
