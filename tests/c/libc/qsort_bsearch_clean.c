// qsort and bsearch call instrumented comparators from uninstrumented
// code: their arguments are clean, and the permuted array counts as
// initialized.
// EXPECT: clean
#include "../common/opaque.h"

struct item {
    int key;
    char name[12];
};

static int by_key(const void *a, const void *b) {
    const struct item *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static int cmp_int(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

int main(void) {
    struct item *items = uninit_heap(50 * sizeof *items);
    for (int i = 0; i < 50; i++) {
        items[i].key = (i * 37) % 50;
        snprintf(items[i].name, sizeof items[i].name, "n%d", i);
    }
    qsort(items, 50, sizeof *items, by_key);
    int nums[100];
    for (int i = 0; i < 100; i++)
        nums[i] = (i * 7919) % 1000;
    qsort(nums, 100, sizeof nums[0], cmp_int);
    int want = nums[42];
    int *hit = bsearch(&want, nums, 100, sizeof nums[0], cmp_int);
    struct item probe = {.key = 17};
    struct item *it = bsearch(&probe, items, 50, sizeof *items, by_key);
    printf("%d %s %d %d %s\n", items[0].key, items[49].name, nums[0], hit ? *hit : -1, it ? it->name : "none");
    free(items);
    return 0;
}
