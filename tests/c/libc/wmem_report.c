// wmemmove carries the state of the characters it copies: an uninitialized
// character copied into an empty wide string is reported where the string
// is scanned.
// EXPECT: report
#include "../common/opaque.h"
#include <wchar.h>

int main(void) {
    wchar_t *name = uninit_heap(8 * sizeof(wchar_t));
    for (int i = 0; i < 7; i++)
        if (i != 5)
            name[i] = (wchar_t)OPAQUE_INT(L'a' + i);
    name[7] = 0;
    wchar_t *s = uninit_heap(sizeof(wchar_t));
    s[0] = 0;
    s = realloc(s, 9 * sizeof(wchar_t));
    wmemmove(s, name, 8);
    size_t n = 0;
    for (const wchar_t *p = s; *p; p++) // REPORT
        n++;
    printf("length %zu\n", n);
    free(s);
    free(name);
    return 0;
}
