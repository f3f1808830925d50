// Fresh anonymous mappings (mmap, and a mapping grown by mremap) are
// zero-filled: initialized. Initialized bytes copied into a mapping stay
// initialized, and munmap followed by a new mapping at the same place
// starts clean again.
// EXPECT: clean
#define _GNU_SOURCE
#include "../common/opaque.h"
#include <sys/mman.h>

int main(void) {
    size_t len = 3 * 4096;
    unsigned char *m = opaque(mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (m == MAP_FAILED)
        return 1;
    long sum = 0;
    for (size_t i = 0; i < len; i += 7)
        sum += m[i];
    memcpy(m + 10, opaque("mapped"), 7);
    unsigned char *g = opaque(mremap(m, len, 2 * len, MREMAP_MAYMOVE));
    if (g == MAP_FAILED)
        return 2;
    for (size_t i = len; i < 2 * len; i += 5)
        sum += g[i];
    printf("%s\n", (char *)g + 10);
    munmap(g, 2 * len);
    unsigned char *again = opaque(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (again == MAP_FAILED)
        return 3;
    sum += again[100] + again[4095];
    printf("%ld\n", sum);
    munmap(again, 4096);
    return 0;
}
