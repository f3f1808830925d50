// A copy done by inline assembly (`rep movsb`) inside a C function: the
// instrumentation cannot see what the asm writes, so without a model the
// destination would keep looking uninitialized. UMSAN_MEMCPY_LIKE moves the
// metadata of the bytes really copied (at most 8 here, RET remaining).
// EXPECT: clean
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>

/* A use umsan checks whatever the optimizer does: x becomes an index. */
static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

size_t asm_copy(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(asm_copy, 0, 1, 2, remaining);

__attribute__((noinline)) size_t asm_copy(void *dst, const void *src, size_t len) {
    size_t n = len < 8 ? len : 8;
    size_t left = len - n;
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
    return left;
}

int main(void) {
    unsigned char src[8];
    for (int i = 0; i < 8; i++)
        src[i] = (unsigned char)(10 * i);
    unsigned char *dst = uninit_heap(8);
    size_t left = asm_copy(dst, opaque(src), 8);
    unsigned char *d = opaque(dst);
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += TOUCH(d[i]) + d[i];
    printf("left %zu sum %d\n", left, sum);

    /* Asked for 12, copies 8: dst2[8..12) keeps its own initialized bytes. */
    unsigned char src2[12];
    memset(src2, 5, 8);
    unsigned char *s2 = opaque(src2); /* src2[8..12) uninitialized */
    unsigned char dst2[12];
    memset(dst2, 9, sizeof dst2);
    left = asm_copy(dst2, s2, 12);
    unsigned char *d2 = opaque(dst2);
    for (int i = 0; i < 12; i++)
        if (i < 8 || d2[i] == 9) /* d2[8..12) was not copied */
            sum += TOUCH(d2[i]);
    printf("left %zu sum %d\n", left, sum);
    return 0;
}
