// Vector arithmetic, then extracting a lane that came from uninitialized
// memory.
// EXPECT: report
#include "../common/opaque.h"

typedef int v4si __attribute__((vector_size(16)));

int main(void) {
    int *mem = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 8; i++)
        if (i != 6)
            mem[i] = i;
    v4si a, b;
    memcpy(&a, mem, sizeof a);
    memcpy(&b, mem + 4, sizeof b); /* lane 2 of b is uninitialized */
    v4si c = a * 2 + b;
    int lane = c[OPAQUE_INT(2)];
    if (lane > 5) // REPORT
        puts("big lane");
    puts("done");
    return 0;
}
