// Aligned allocations, once written, are initialized; and free/re-malloc of
// initialized memory does not leave stale state.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    void *mem = NULL;
    if (posix_memalign(&mem, 64, 256) != 0)
        return 1;
    long *p = opaque(mem);
    for (int i = 0; i < 32; i++)
        p[i] = i * 3;
    unsigned char *q = opaque(aligned_alloc(32, 128));
    memset(q, 7, 128);
    long sum = 0;
    for (int i = 0; i < 32; i++)
        sum += p[i];
    for (int i = 0; i < 128; i++)
        sum += q[i];
    printf("%ld %d\n", sum, ((unsigned long)p & 63) == 0 && ((unsigned long)q & 31) == 0);
    free(mem);
    free(q);
    for (int round = 0; round < 100; round++) {
        int *b = uninit_heap(64 * sizeof(int));
        for (int i = 0; i < 64; i++)
            b[i] = round;
        if (b[63] != round)
            puts("wrong");
        free(b);
    }
    return 0;
}
