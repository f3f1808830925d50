// A copy routine written in assembly (a top-level __asm__ block: umsan never
// sees its body) that stops early: it copies at most 8 bytes and returns how
// many it did NOT copy, like copy_mc_to_kernel. With UMSAN_MEMCPY_LIKE(...,
// remaining) only the bytes really copied take the source's metadata: the
// destination's tail keeps its own (initialized) state, and the copied
// prefix is initialized because the source's was.
// EXPECT: clean
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

/* A use umsan checks whatever the optimizer does: x becomes an index. */
static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

/* size_t tl_copy_mc(void *dst, const void *src, size_t len) */
__asm__(".text\n"
        ".globl tl_copy_mc\n"
        ".type tl_copy_mc, @function\n"
        "tl_copy_mc:\n"
        "    mov %rdx, %rax\n" /* rax = len */
        "    mov %rdx, %rcx\n"
        "    cmp $8, %rcx\n"
        "    jbe 1f\n"
        "    mov $8, %ecx\n" /* copy at most 8 bytes */
        "1:  sub %rcx, %rax\n" /* rax = bytes NOT copied */
        "    rep movsb\n"
        "    ret\n"
        ".size tl_copy_mc, . - tl_copy_mc\n");

size_t tl_copy_mc(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(tl_copy_mc, 0, 1, 2, remaining);

int main(void) {
    /* Only the first 8 bytes of src are initialized. */
    unsigned char *src = uninit_heap(16);
    for (int i = 0; i < 8; i++)
        src[i] = (unsigned char)(i + 1);

    /* dst starts initialized; the copy stops after 8 bytes, so dst[8..16)
     * must stay initialized (a full-length metadata copy would poison it). */
    unsigned char *dst = opaque(malloc(16));
    memset(dst, 0x40, 16);
    size_t left = tl_copy_mc(dst, src, 16);
    unsigned char *d = opaque(dst);
    unsigned sum = 0;
    for (int i = 0; i < 16; i++)
        sum += TOUCH(d[i]) + d[i];
    printf("left %zu sum %u\n", left, sum);

    /* An uninitialized destination: exactly the copied prefix is usable. */
    unsigned char *dst2 = uninit_heap(16);
    size_t n = 16 - tl_copy_mc(dst2, src, 16);
    unsigned char *d2 = opaque(dst2);
    for (size_t i = 0; i < n; i++) {
        TOUCH(d2[i]);
        if (d2[i] != src[i])
            puts("mismatch");
    }
    printf("copied %zu\n", n);

    /* A short copy (len < 8): everything copied. */
    unsigned char small[4];
    left = tl_copy_mc(small, src, sizeof small);
    unsigned char *s = opaque(small);
    TOUCH(s[0] + s[1] + s[2] + s[3]);
    printf("left %zu: %d %d %d %d\n", left, s[0], s[1], s[2], s[3]);
    free(src);
    free(dst);
    free(dst2);
    return 0;
}
