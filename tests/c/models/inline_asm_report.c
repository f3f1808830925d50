// Inline-asm copy (`rep movsb`) modelled with UMSAN_MEMCPY_LIKE: an
// uninitialized source byte that was copied is uninitialized in the
// destination, and its use is reported at the line of the use.
// EXPECT: report
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

size_t asm_copy(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(asm_copy, 0, 1, 2, remaining);

__attribute__((noinline)) size_t asm_copy(void *dst, const void *src, size_t len) {
    size_t n = len < 8 ? len : 8;
    size_t left = len - n;
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
    return left;
}

int main(void) {
    unsigned char *src = uninit_heap(16);
    memset(src, 1, 4); /* src[4..16) uninitialized */
    unsigned char dst[16];
    memset(dst, 0, sizeof dst);
    size_t left = asm_copy(dst, src, 16); /* copies 8 */
    unsigned char *d = opaque(dst);
    printf("left %zu\n", left);
    if (d[2] == 1)
        puts("d[2] ok");
    if (d[12] == 1) /* not copied: still 0 */
        puts("d[12]?");
    if (d[6] == 1) // REPORT
        puts("d[6]?");
    return 0;
}
