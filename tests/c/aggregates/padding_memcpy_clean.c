// Struct padding copied with memcpy and struct assignment; only the defined
// fields are used afterwards.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdint.h>

struct rec {
    char tag;     /* 7 bytes of padding follow */
    int64_t value;
    short kind;   /* 6 bytes of padding follow */
};

int main(void) {
    struct rec *src = uninit_heap(sizeof *src);
    src->tag = 'r';
    src->value = opaque_long(123456789);
    src->kind = 3;
    struct rec copy;
    memcpy(&copy, src, sizeof copy);
    struct rec arr[4];
    for (int i = 0; i < 4; i++)
        arr[i] = copy;
    struct rec *heap = uninit_heap(4 * sizeof *heap);
    memcpy(heap, arr, sizeof arr);
    long sum = 0;
    for (int i = 0; i < 4; i++)
        if (heap[i].tag == 'r')
            sum += heap[i].value + heap[i].kind;
    printf("%ld\n", sum);
    free(src);
    free(heap);
    return 0;
}
