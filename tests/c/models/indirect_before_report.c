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
