// String copies carry the metadata of their source: strcpy/strcat/strdup of
// a string with an uninitialized byte make the copy's byte uninitialized,
// and its use is reported where it happens.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (partly uninitialized strings also trip msan's strlen checks inside the copies)
#include "../common/opaque.h"
#include <umsan.h>

static volatile int sink;

int main(void) {
    char *src = uninit_heap(8);
    memcpy(src, "ab", 2);
    src[2] = 'c';
    src[3] = 0;
    umsan_poison(src + 2, 1); /* "abc": the 'c' counts as uninitialized */
    char *dst = opaque(malloc(32));
    strcpy(dst, src);
    if (dst[1] == 'b') /* initialized: clean */
        sink = 1;
    if (dst[2] == 'c') // REPORT
        sink = 2;
    char *cat = opaque(malloc(32));
    strcpy(cat, opaque("xy"));
    strcat(cat, src);
    if (cat[4] == 'c') // REPORT
        sink = 3;
    char *dup = strdup(src);
    if (dup[2] == 'c') // REPORT
        sink = 4;
    free(dup);
    free(cat);
    free(dst);
    free(src);
    return 0;
}
