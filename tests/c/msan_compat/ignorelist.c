// -fsanitize-ignorelist= with MemorySanitizer's format: functions matching
// `fun:legacy_*` and everything in a `src:` file are treated like
// no_sanitize("memory") — their reads of uninitialized bytes are not
// checked and their results count as initialized — while the rest of the
// program is checked as usual: the one report is in main.
// EXPECT: report
// CFLAGS: -fsanitize-ignorelist=%S/ignorelist.txt
#include "../common/opaque.h"
#include "ignorelist_helpers.h"

int legacy_checksum(const unsigned char *p, size_t n) {
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] > 128) /* uninitialized: not checked, the function is listed */
            sink++;
        sum += p[i];
    }
    return sum;
}

int main(void) {
    unsigned char *buf = uninit_heap(16);
    buf[0] = 1;
    int sum = legacy_checksum(opaque(buf), 16);
    if (sum & 1) /* a listed function's result is initialized */
        sink++;
    int peek = helper_peek(opaque(buf));
    if (peek) /* so is a listed file's */
        sink++;
    if (buf[5] == 3) // REPORT
        puts("three");
    free(buf);
    return 0;
}
