/* An assembly routine (top-level __asm__, never seen by umsan) that writes
 * bytes at a cursor inside a struct and advances it, like zstd's Huffman
 * loops, declared with UMSAN_MODEL using before(...): the bytes between the
 * cursor before and after the call become initialized. Shared by
 * models/indirect_before_{clean,report}.c. */
#ifndef UMSAN_TEST_ASM_FILL_H
#define UMSAN_TEST_ASM_FILL_H

#include <umsan.h>

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

#endif
