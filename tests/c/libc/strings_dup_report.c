// strndup and strncpy carry the metadata of the bytes they copy: an
// uninitialized byte before the NUL stays uninitialized in the copy (its
// use is reported where it happens), while what the functions write
// themselves (strndup's NUL, strncpy's zero padding) is initialized, and
// strncpy without room for the NUL leaves the destination's rest alone.
// (strdup is strings_copy_report.c; memchr/strchr deciding on
// uninitialized bytes is strings_check_report.c.)
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (partly uninitialized strings also trip msan's strlen checks inside the copies)
#include "../common/opaque.h"
#include <umsan.h>

static volatile int sink;

int main(void) {
    char *src = uninit_heap(8);
    memcpy(src, "abcd", 5);
    umsan_poison(src + 2, 1); /* "abcd": the 'c' counts as uninitialized */
    char *nd = strndup(src, 6);
    if (nd[1] == 'b' && nd[3] == 'd' && nd[4] == 0) /* copied: clean */
        sink = 1;
    if (nd[2] == 'c') // REPORT
        sink = 2;
    char *nd2 = strndup(src, 2); /* "ab" + a NUL strndup writes */
    if (nd2[1] == 'b' && nd2[2] == 0)
        sink = 3;
    char *pad = uninit_heap(8);
    strncpy(pad, src, 8); /* "ab?d" then 4 zero bytes */
    if (pad[3] == 'd' && pad[4] == 0 && pad[7] == 0) /* clean */
        sink = 4;
    if (pad[2] == 'c') // REPORT
        sink = 5;
    char *cut = uninit_heap(8);
    strncpy(cut, src, 2); /* "ab", no NUL: cut[2..8) untouched */
    if (cut[0] == 'a' && cut[1] == 'b')
        sink = 6;
    if (cut[2] == 0) // REPORT
        sink = 7;
    free(cut);
    free(pad);
    free(nd2);
    free(nd);
    free(src);
    return 0;
}
