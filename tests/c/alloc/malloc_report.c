// Fresh malloc memory is uninitialized.
// EXPECT: report
#include <stdio.h>
#include <stdlib.h>

struct counter {
    int hits;
    int misses;
};

static __attribute__((noinline)) struct counter *new_counter(void) {
    return malloc(sizeof(struct counter)); /* forgot to zero it */
}

static __attribute__((noinline)) void hit(struct counter *c) { c->hits++; }

int main(void) {
    struct counter *c = new_counter();
    hit(c);
    if (c->hits > 1) // REPORT
        puts("many hits");
    free(c);
    return 0;
}
