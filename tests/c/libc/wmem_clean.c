// wmemmove/wmemcpy/wmemset move and write 4-byte characters: appending to
// an empty wide string whose buffer holds only its terminating L'\0'
// (libarchive's archive_wstring_append after a realloc) makes every copied
// character initialized, not only a run that starts uninitialized.
// EXPECT: clean
#include "../common/opaque.h"
#include <wchar.h>

struct wstr {
    wchar_t *s;
    size_t length, cap;
};

static void ensure(struct wstr *w, size_t n) {
    if (w->cap >= n)
        return;
    w->s = realloc(w->s, n * sizeof(wchar_t));
    w->cap = n;
}

static void append(struct wstr *w, const wchar_t *p, size_t n) {
    ensure(w, w->length + n + 1);
    if (n)
        wmemmove(w->s + w->length, p, n);
    w->length += n;
    w->s[w->length] = 0;
}

static size_t wide_len(const wchar_t *p) {
    size_t n = 0;
    while (*p++)
        n++;
    return n;
}

int main(void) {
    wchar_t *name = uninit_heap(16 * sizeof(wchar_t));
    for (int i = 0; i < 15; i++)
        name[i] = (wchar_t)OPAQUE_INT(L'a' + i);
    name[15] = 0;
    struct wstr w = {0};
    append(&w, name, 0); /* "": the buffer holds one L'\0' */
    append(&w, name, 15);
    printf("appended %zu, length %zu\n", w.length, wide_len(w.s));

    wchar_t *copy = uninit_heap(16 * sizeof(wchar_t));
    copy[0] = 0;
    wmemcpy(copy, name, 16);
    printf("wmemcpy: %zu\n", wide_len(copy));

    wchar_t *fill = uninit_heap(8 * sizeof(wchar_t));
    fill[0] = L'x';
    wmemset(fill, L'y', 7);
    fill[7] = 0;
    printf("wmemset: %zu\n", wide_len(fill));
    free(w.s);
    free(name);
    free(copy);
    free(fill);
    return 0;
}
