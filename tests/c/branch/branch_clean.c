// Branches, switches and float compares on initialized values, next to
// uninitialized memory that is never used: no report.
// EXPECT: clean
#include "../common/opaque.h"
#include <stdbool.h>

struct flags {
    int count;
    bool verbose;
    bool quiet;
};

int main(void) {
    struct flags *f = uninit_heap(sizeof *f);
    f->count = OPAQUE_INT(4);
    f->quiet = OPAQUE_INT(1);
    /* f->verbose stays uninitialized and is never read */
    if (f->quiet)
        puts("quiet");
    char *buf = uninit_heap(16);
    memcpy(buf, "hello", 5);
    int vowels = 0;
    for (int i = 0; i < 5; i++) {
        switch (buf[i]) {
        case 'a': case 'e': case 'i': case 'o': case 'u': vowels++; break;
        default: break;
        }
    }
    double *d = uninit_heap(4 * sizeof(double));
    d[1] = opaque_long(3) * 0.5;
    if (d[1] > 1.0)
        puts("d[1] > 1");
    const char *p = opaque((void *)"x");
    if (p != NULL)
        puts(p);
    printf("count=%d vowels=%d\n", f->count, vowels);
    free(buf);
    free(d);
    free(f);
    return 0;
}
