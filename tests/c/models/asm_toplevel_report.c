// An assembly copy routine (top-level __asm__) modelled with
// UMSAN_MEMCPY_LIKE(..., remaining): the copied bytes take the source's
// metadata, so using a copied byte that was uninitialized in the source is a
// report; bytes the routine did not copy keep the destination's state.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

/* size_t tl_copy_mc(void *dst, const void *src, size_t len): copies at most
 * 8 bytes, returns the number of bytes NOT copied. */
__asm__(".text\n"
        ".globl tl_copy_mc\n"
        ".type tl_copy_mc, @function\n"
        "tl_copy_mc:\n"
        "    mov %rdx, %rax\n"
        "    mov %rdx, %rcx\n"
        "    cmp $8, %rcx\n"
        "    jbe 1f\n"
        "    mov $8, %ecx\n"
        "1:  sub %rcx, %rax\n"
        "    rep movsb\n"
        "    ret\n"
        ".size tl_copy_mc, . - tl_copy_mc\n");

size_t tl_copy_mc(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(tl_copy_mc, 0, 1, 2, remaining);

int main(void) {
    unsigned char *src = uninit_heap(16);
    memset(src, 3, 4); /* src[4..16) uninitialized */
    unsigned char *dst = opaque(malloc(16));
    memset(dst, 0, 16);
    size_t left = tl_copy_mc(dst, src, 16); /* copies 8 */
    unsigned char *d = opaque(dst);
    printf("left %zu\n", left);
    if (d[3] == 3)
        puts("d[3] copied");
    if (d[5] == 3) // REPORT
        puts("d[5]?");
    if (d[7] == 3) // REPORT
        puts("d[7]?");
    if (d[8] == 3) /* not copied: still dst's own initialized zero */
        puts("d[8]?");
    if (d[15] == 3)
        puts("d[15]?");
    return 0;
}
