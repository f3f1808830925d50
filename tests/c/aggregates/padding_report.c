// Reading struct padding (through a byte view of a copied struct) is a use
// of uninitialized bytes.
// EXPECT: report
#include "../common/opaque.h"
#include <stdint.h>

struct rec {
    char tag; /* padding follows */
    int64_t value;
};

int main(void) {
    struct rec *src = uninit_heap(sizeof *src);
    src->tag = 'r';
    src->value = 7;
    struct rec copy;
    memcpy(&copy, src, sizeof copy);
    const unsigned char *bytes = opaque(&copy);
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof copy; i++)
        sum += bytes[i];
    if (sum & 1) // REPORT
        puts("odd");
    puts("done");
    return 0;
}
