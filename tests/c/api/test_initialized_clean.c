// umsan_test_initialized returns the index of the first uninitialized byte,
// or -1 (and is a no-op returning -1 without umsan). It never reports.
// EXPECT: clean
#include "../common/opaque.h"
#include <umsan.h>

#if defined(__UMSAN__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

int main(void) {
    char *buf = uninit_heap(32);
    memset(buf, 'x', 5);
    buf[6] = 'y'; /* byte 5 uninitialized */
    long first = umsan_test_initialized(buf, 32);
    long none = umsan_test_initialized(buf, 5);
    long later = umsan_test_initialized(buf + 6, 1);
    int ok = first == (SANITIZED ? 5 : -1) && none == -1 && later == -1;
    printf("%s\n", ok ? "ok" : "MISMATCH");
    if (!ok)
        fprintf(stderr, "first=%ld none=%ld later=%ld\n", first, none, later);
    free(buf);
    return ok ? 0 : 1;
}
// STDOUT: ok
