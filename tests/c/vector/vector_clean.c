// Vectors with an uninitialized lane: arithmetic keeps it in its lane, a
// shuffle that does not select it and an insertelement that overwrites it
// leave only initialized lanes.
// EXPECT: clean
#include "../common/opaque.h"

typedef int v4si __attribute__((vector_size(16)));

int main(void) {
    int *mem = uninit_heap(4 * sizeof(int));
    mem[0] = OPAQUE_INT(1);
    mem[1] = OPAQUE_INT(2);
    mem[3] = OPAQUE_INT(4); /* mem[2] uninitialized */
    v4si a;
    memcpy(&a, mem, sizeof a);
    v4si b = a * 3 + 1; /* lane 2 still uninitialized, others fine */
    v4si s = __builtin_shufflevector(a, b, 0, 1, 7, 5); /* no lane 2 / 6 */
    v4si ins = b;
    ins[2] = OPAQUE_INT(9); /* insertelement over the bad lane */
    int sum = 0;
    for (int i = 0; i < 4; i++)
        sum += s[i] + ins[i];
    if (b[OPAQUE_INT(3)] == 13)
        puts("lane 3 is 13");
    printf("%d\n", sum);
    free(mem);
    return 0;
}
