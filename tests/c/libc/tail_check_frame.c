// A model's check made after the modelled call, when that call is the last
// thing a function does, reports in that function (the check's runtime
// call must not become a jump, which would report in the caller).
// EXPECT: report
// ORACLE: skip (MemorySanitizer reports bytes passed to write as use-of-uninitialized-value)
#include "../common/opaque.h"
#include <unistd.h>

static __attribute__((noinline)) void emit(const char *buf, int n) {
    write(1, buf, n); // REPORT: uninit-copy-out
}

int main(void) {
    char *b = uninit_heap(8);
    memcpy(b, "abc", 3);
    emit(b, OPAQUE_INT(6));
    return 0;
}
// CHECK: #0 {{.*}} in emit {{.*}}tail_check_frame.c:10
