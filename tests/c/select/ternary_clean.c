// select with an initialized condition that picks the initialized arm; the
// other arm is uninitialized.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    int *cfg = uninit_heap(3 * sizeof(int));
    cfg[0] = OPAQUE_INT(8);
    int fast = OPAQUE_INT(0);
    int chunk = fast ? cfg[1] : cfg[0]; /* picks cfg[0] */
    if (chunk > 4)
        puts("chunk > 4");
    int other = fast ? cfg[2] : OPAQUE_INT(3); /* picks the defined 3 */
    if (other == 3)
        puts("other is 3");
    printf("%d\n", chunk);
    free(cfg);
    return 0;
}
