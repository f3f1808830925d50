// realloc keeps the state of the prefix: initialized bytes stay initialized
// when the block moves or grows (and shrinks).
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    int *a = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 8; i++)
        a[i] = i + 1;
    for (int round = 0; round < 5; round++) {
        size_t n = 8u << (round * 3); /* grows a lot: the block moves */
        a = opaque(realloc(a, n * sizeof(int)));
    }
    a = opaque(realloc(a, 8 * sizeof(int))); /* shrink back */
    long sum = 0;
    for (int i = 0; i < 8; i++)
        if (a[i] > 0)
            sum += a[i];
    printf("%ld\n", sum);
    free(a);
    return 0;
}
