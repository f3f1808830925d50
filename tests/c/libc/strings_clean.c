// The string and memory functions on initialized data, and copies of
// initialized strings, are clean; strncpy's zero padding and snprintf's
// output count as initialized.
// EXPECT: clean
#define _GNU_SOURCE
#include "../common/opaque.h"

int main(void) {
    char *buf = uninit_heap(64);
    strcpy(buf, opaque("alpha"));
    strcat(buf, opaque("-beta"));
    char *pad = uninit_heap(16);
    strncpy(pad, opaque("xy"), 16); /* pads with 14 zeros */
    int zeros = 0;
    for (int i = 0; i < 16; i++)
        if (pad[i] == 0)
            zeros++;
    char *cat = uninit_heap(16);
    cat[0] = 0;
    strncat(cat, opaque("abcdef"), 3);
    char *dup = strdup(buf), *ndup = strndup(buf, 3);
    char *num = uninit_heap(32);
    int n = snprintf(num, 32, "%d-%s", 42, dup);
    char *small = uninit_heap(4);
    snprintf(small, 4, "%s", "truncated");
    char *big = uninit_heap(64);
    sprintf(big, "[%s]", ndup);
    char *as = NULL;
    if (asprintf(&as, "%s/%d", cat, zeros) < 0)
        return 1;
    printf("%s %zu %d %s %s %d %s %s %s %s\n", buf, strlen(buf), zeros, cat, ndup, n, num, small, big, as);
    printf("%d %d %d %d\n", strcmp(buf, dup) == 0, memcmp(buf, dup, 5) == 0, strncmp(num, "42", 2) == 0,
           strcasecmp(cat, "ABC") == 0);
    printf("%s %s %s %zu %zu\n", strchr(buf, '-'), strrchr(buf, 'a'), strstr(buf, "bet"), strspn(buf, "alph"),
           strcspn(buf, "-"));
    const char *m = memchr(buf, 'b', strlen(buf));
    printf("%td %s\n", m - buf, strpbrk(buf, "tb"));
    free(as);
    free(big);
    free(small);
    free(num);
    free(ndup);
    free(dup);
    free(cat);
    free(pad);
    free(buf);
    return 0;
}
