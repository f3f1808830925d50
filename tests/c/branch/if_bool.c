// Branch on an uninitialized _Bool member of a partly initialized struct.
// EXPECT: report
#include "../common/opaque.h"
#include <stdbool.h>

struct flags {
    int count;
    bool verbose;
    bool quiet;
};

static __attribute__((noinline)) void init_count(struct flags *f) {
    f->count = 3; /* verbose and quiet are left alone */
}

int main(void) {
    struct flags *f = uninit_heap(sizeof *f);
    init_count(f);
    if (f->quiet) // REPORT
        puts("quiet");
    printf("%d\n", f->count);
    return 0;
}
