// umsan_unpoison marks memory as initialized (e.g. filled by a device); no
// report afterwards. Poison-then-unpoison is clean too.
// EXPECT: clean
#include "../common/opaque.h"
#include <umsan.h>

int main(void) {
    unsigned char *dma = uninit_heap(64);
    memset(dma, 0xab, 64); /* stands in for a device write */
    umsan_poison(dma, 64);
    umsan_unpoison(dma, 64);
    int n = 0;
    for (int i = 0; i < 64; i++)
        n += dma[i] == 0xab;
    printf("%d\n", n);
    free(dma);
    return 0;
}
