// calloc memory is initialized (zero).
// EXPECT: clean
#include "../common/opaque.h"

struct counter {
    int hits;
    int misses;
};

static __attribute__((noinline)) void hit(struct counter *c) { c->hits++; }

int main(void) {
    size_t n = OPAQUE_INT(100);
    struct counter *cs = opaque(calloc(n, sizeof *cs));
    for (size_t i = 0; i < n; i += 3)
        hit(&cs[i]);
    int total = 0;
    for (size_t i = 0; i < n; i++)
        if (cs[i].hits > 0 || cs[i].misses > 0)
            total++;
    printf("%d\n", total);
    free(cs);
    return 0;
}
