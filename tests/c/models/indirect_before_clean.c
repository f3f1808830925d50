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

struct cursor {
    long tag;
    unsigned char *pos; /* offset 8: advanced by asm_fill */
    unsigned char *end; /* offset 16 */
};

/* void asm_fill(struct cursor *c): writes 5, 4, 3, 2, 1 at c->pos (stopping
 * at c->end) and advances c->pos past them. */
__asm__(".text\n"
        ".globl asm_fill\n"
        ".type asm_fill, @function\n"
        "asm_fill:\n"
        "    mov 8(%rdi), %rax\n"
        "    mov 16(%rdi), %rcx\n"
        "    mov $5, %edx\n"
        "1:  cmp %rcx, %rax\n"
        "    jae 2f\n"
        "    test %edx, %edx\n"
        "    jz 2f\n"
        "    movb %dl, (%rax)\n"
        "    inc %rax\n"
        "    dec %edx\n"
        "    jmp 1b\n"
        "2:  mov %rax, 8(%rdi)\n"
        "    ret\n"
        ".size asm_fill, . - asm_fill\n");

void asm_fill(struct cursor *c);
UMSAN_MODEL(asm_fill, "effect = 'copy_in'\n"
                      "dst_expr = 'before(deref(arg0 + 8))'\n"
                      "len_expr = 'deref(arg0 + 8) - before(deref(arg0 + 8))'");

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
