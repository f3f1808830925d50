// Uninitialized data moved through defined pointers and indexes — loaded,
// stored, copied — but never used: no report.
// EXPECT: clean
#include "../common/opaque.h"

struct node {
    int value;
    struct node *next;
};

int main(void) {
    int *src = uninit_heap(8 * sizeof(int));
    int *dst = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 8; i++)
        dst[7 - i] = src[i]; /* moving garbage is not a use */
    struct node *n = uninit_heap(sizeof *n);
    n->next = n;
    struct node *m = n->next; /* defined pointer, uninitialized pointee */
    m->value = 5;
    static const int squares[5] = {0, 1, 4, 9, 16};
    int idx = OPAQUE_INT(3);
    printf("%d %d\n", squares[idx], n->value);
    free(src);
    free(dst);
    free(n);
    return 0;
}
