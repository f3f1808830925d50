// __builtin_shufflevector moves an uninitialized lane to where it is used.
// EXPECT: report
#include "../common/opaque.h"

typedef int v4si __attribute__((vector_size(16)));

int main(void) {
    int *mem = uninit_heap(4 * sizeof(int));
    mem[0] = 1;
    mem[1] = 2;
    mem[3] = 4; /* mem[2] uninitialized */
    v4si a;
    memcpy(&a, mem, sizeof a);
    v4si r = __builtin_shufflevector(a, a, 2, 2, 0, 1);
    int first = r[0];
    if (first == 3) // REPORT
        puts("three");
    puts("done");
    return 0;
}
