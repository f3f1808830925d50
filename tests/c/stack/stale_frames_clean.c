// Stack memory poisoned by an earlier instrumented call's big locals must not
// cause false reports when uninstrumented code (libc) later writes the same
// stack area or hands pointers into it back to instrumented code: qsort with
// an instrumented comparator, snprintf/sscanf/strcpy into locals.
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) long big_frame(int seed) {
    char big[16384];
    int arr[2048];
    opaque(big);
    opaque(arr);
    arr[seed & 2047] = seed; /* the rest stays poisoned */
    big[seed & 16383] = (char)seed;
    return arr[seed & 2047] + big[seed & 16383];
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static __attribute__((noinline)) int use_libc_buffers(void) {
    char buf[128];
    int n = snprintf(buf, sizeof buf, "%d-%s-%x", 4711, "abc", 255);
    int dashes = 0;
    for (int i = 0; i < n; i++)
        if (buf[i] == '-')
            dashes++;
    int a, b;
    if (sscanf("12 34", "%d %d", &a, &b) != 2)
        return -1;
    if (a + b != 46)
        return -2;
    char copy[32];
    strcpy(copy, "hello");
    size_t len = strlen(copy);
    if (copy[len - 1] != 'o')
        return -3;
    return dashes * 100 + (int)len;
}

int main(void) {
    printf("%ld\n", big_frame(OPAQUE_INT(5)));
    int nums[1000];
    for (int i = 0; i < 1000; i++)
        nums[i] = (i * 7919) % 1009;
    printf("%ld\n", big_frame(OPAQUE_INT(9)));
    qsort(nums, 1000, sizeof nums[0], cmp_int);
    for (int i = 1; i < 1000; i++)
        if (nums[i - 1] > nums[i])
            puts("not sorted");
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry"};
    printf("%ld\n", big_frame(OPAQUE_INT(11)));
    qsort(words, 5, sizeof words[0], cmp_str);
    for (int i = 0; i < 5; i++)
        printf("%s ", words[i]);
    printf("\n%ld\n", big_frame(OPAQUE_INT(13)));
    printf("%d\n", use_libc_buffers());
    return 0;
}
