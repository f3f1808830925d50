// A realloc that fails (size too large: NULL, ENOMEM) leaves the old block
// alone — including which of its bytes are uninitialized: the initialized
// prefix stays clean, the uninitialized tail is still reported.
// EXPECT: report
// ORACLE: skip (MemorySanitizer aborts on impossible sizes unless allocator_may_return_null=1)
#include "../common/opaque.h"
#include <errno.h>
#include <stdint.h>

static volatile size_t v_max = SIZE_MAX;

int main(void) {
    int *p = uninit_heap(8 * sizeof(int));
    for (int i = 0; i < 4; i++)
        p[i] = i;
    *(volatile int *)&errno = 0;
    int *q = realloc(p, v_max);
    if (q != NULL || *(volatile int *)&errno != ENOMEM)
        return 1;
    if (p[3] != 3) /* initialized */
        return 2;
    if (p[6] == 3) // REPORT
        puts("six");
    free(p);
    return 0;
}
