// Loading through an uninitialized pointer: the address is the use.
// EXPECT: report
#include "../common/opaque.h"

struct node {
    int value;
    struct node *next;
};

int main(void) {
    struct node *n = uninit_heap(sizeof *n);
    n->value = 1; /* next is left uninitialized */
    struct node *next = n->next;
    int v = next->value; // REPORT
    printf("%d\n", v);
    return 0;
}
