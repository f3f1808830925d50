// configs/pcre2.toml marks only the ovector pairs pcre2's JIT writes: a
// pair past the pattern's groups (pcre2 never touches it) stays
// uninitialized in a match data block from the program's malloc, and so
// does the whole ovector after a failed match.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer reports the offsets the JIT wrote first)
// CFLAGS: -lpcre2-8
#include "../common/pcre2_match_data.h"

int main(void) {
    pcre2_general_context *gc = program_heap();
    int err;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "(a+)(b)", PCRE2_ZERO_TERMINATED, 0, &err, &erroff, NULL);
    if (!re || !gc || pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0)
        return 1;
    pcre2_match_data *md = fresh_md(6, gc);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    int rc = pcre2_jit_match(re, (PCRE2_SPTR) "xaab", 4, 0, 0, md, NULL);
    if (rc != 3)
        return 2;
    if (ov[4] == 2) /* group 2: written */
        puts("b at 3");
    if (ov[6] == 0) /* pair 3: no such group, never written */ // REPORT
        puts("pair 3");
    pcre2_match_data *none = fresh_md(2, gc);
    PCRE2_SIZE *ov2 = pcre2_get_ovector_pointer(none);
    rc = pcre2_jit_match(re, (PCRE2_SPTR) "xyz", 3, 0, 0, none, NULL);
    if (rc != PCRE2_ERROR_NOMATCH)
        return 3;
    if (ov2[0] == 0) /* no match: nothing written */ // REPORT
        puts("start 0");
    return 0;
}
