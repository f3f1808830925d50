// qsort and bsearch call instrumented comparators from uninstrumented
// code: an uninitialized key or element the comparator decides on is
// reported inside the comparator. (After qsort the permuted array counts
// as initialized: qsort_bsearch_clean.c; a use of items[0].key after the
// sort is a missed case.) One comparison each: qsort of 2 elements,
// bsearch in 1.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan agrees on every report, but ends with exit status 77 under halt_on_error=0)
#include "../common/opaque.h"

struct item {
    int key;
    char name[4];
};

static volatile int hits;

static int by_key(const void *a, const void *b) {
    const struct item *x = a, *y = b;
    if (x->key == 42) // REPORT
        hits++;
    return memcmp(x->name, y->name, sizeof x->name);
}

static int by_probe(const void *a, const void *b) {
    const struct item *k = a, *e = b;
    if (k->key == 17) // REPORT
        hits++;
    return memcmp(k->name, e->name, sizeof k->name);
}

int main(void) {
    struct item *items = uninit_heap(2 * sizeof *items);
    memcpy(items[0].name, "bbb", 4); /* items[0].key uninitialized */
    items[1].key = 1;
    memcpy(items[1].name, "aaa", 4);
    qsort(items, 2, sizeof *items, by_key);
    struct item *probe = uninit_heap(sizeof *probe);
    memcpy(probe->name, "aaa", 4); /* probe->key uninitialized */
    struct item *hit = bsearch(probe, items, 1, sizeof *items, by_probe);
    printf("%s %s\n", items[0].name, hit ? hit->name : "none");
    free(probe);
    free(items);
    return 0;
}
