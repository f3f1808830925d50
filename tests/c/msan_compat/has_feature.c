// Under umsan-cc, __has_feature(memory_sanitizer) is true (umsan replaces
// MemorySanitizer), in every place a project may test it: `#if`, `#if
// defined(__has_feature) && ...` guards, and expressions. The native build
// answers false, MemorySanitizer true.
// EXPECT: clean
#include <stdio.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define FEATURE_IF 1
#endif
#endif
#ifndef FEATURE_IF
#define FEATURE_IF 0
#endif

int main(void) {
    int in_expr = __has_feature(memory_sanitizer);
#ifdef __UMSAN__
    int want = 1; /* umsan-cc */
#else
    int want = FEATURE_IF; /* a native build (0) or MemorySanitizer (1) */
#endif
    int ok = FEATURE_IF == want && in_expr == want;
    printf("%s\n", ok ? "ok" : "MISMATCH");
    if (!ok)
        fprintf(stderr, "FEATURE_IF=%d in_expr=%d want=%d\n", FEATURE_IF, in_expr, want);
    return ok ? 0 : 1;
}
// STDOUT: ok
