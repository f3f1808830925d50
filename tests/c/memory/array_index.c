// Indexing an array with an uninitialized index.
// EXPECT: report
#include "../common/opaque.h"

static const char *const names[4] = {"zero", "one", "two", "three"};

int main(void) {
    unsigned *idx = uninit_heap(sizeof *idx);
    const char *name = names[*idx & 3]; // REPORT
    puts(name);
    return 0;
}
