// The system's libpcre2 (uninstrumented) with its JIT: the machine code it
// generates writes the match offsets straight into the match data's
// ovector, reached through a pointer in a struct of its own. The match data
// comes from the program's malloc here (a general context), so umsan
// poisoned it; configs/pcre2.toml marks the pairs the JIT writes: after a
// match (every group's pair, unused ones as PCRE2_UNSET), after one whose
// ovector was too small (rc 0: every pair), after a partial match (the
// first pair). Reading them all is clean, and the output is the native
// build's.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the offsets the JIT wrote: what the model fixes)
// CFLAGS: -lpcre2-8
#include "../common/pcre2_match_data.h"

static void show(const char *what, int rc, pcre2_match_data *md, unsigned pairs) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    printf("%s: rc %d", what, rc);
    for (unsigned i = 0; i < pairs; i++) {
        if (ov[2 * i] == PCRE2_UNSET) /* a branch on every offset */
            printf(" -");
        else
            printf(" %zu..%zu", (size_t)ov[2 * i], (size_t)ov[2 * i + 1]);
    }
    printf("\n");
}

int main(void) {
    pcre2_general_context *gc = program_heap();
    int err;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "(a+)(x)?(b)(z)?", PCRE2_ZERO_TERMINATED, 0, &err, &erroff, NULL);
    if (!re || !gc)
        return 1;
    if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_SOFT) != 0) {
        puts("no JIT");
        return 0;
    }
    PCRE2_SPTR subject = (PCRE2_SPTR) "xxaaab";
    pcre2_match_data *md = fresh_md(8, gc); /* 8 pairs, 5 groups + 1 */
    int rc = pcre2_jit_match(re, subject, 6, 0, 0, md, NULL);
    show("match", rc, md, 5); /* pairs 0..4: groups 2 and 4 unused */
    pcre2_match_data *small = fresh_md(2, gc);
    rc = pcre2_jit_match(re, subject, 6, 0, 0, small, NULL);
    show("too small", rc, small, 2);
    pcre2_match_data *part = fresh_md(4, gc);
    rc = pcre2_jit_match(re, (PCRE2_SPTR) "xaa", 3, 0, PCRE2_PARTIAL_SOFT, part, NULL);
    show("partial", rc, part, 1);
    pcre2_match_data_free(md);
    pcre2_match_data_free(small);
    pcre2_match_data_free(part);
    pcre2_code_free(re);
    pcre2_general_context_free(gc);
    return 0;
}
// STDOUT: match: rc 4 2..6 2..5 - 5..6 -
// STDOUT: too small: rc 0 2..6 2..5
// STDOUT: partial: rc -2 1..3
