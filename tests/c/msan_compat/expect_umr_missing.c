// __msan_set_expect_umr(0) without a use of an uninitialized value since
// __msan_set_expect_umr(1) ends the program with the report exit status and
// a message saying so.
// EXPECT: error
// EXIT: 77
// ORACLE: skip (MemorySanitizer exits with its own status and wording)
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

int main(void) {
    int *p = uninit_heap(sizeof *p);
    *p = 3;
    __msan_set_expect_umr(1);
    if (*p == 3)
        puts("initialized");
    __msan_set_expect_umr(0);
    puts("not reached");
    free(p);
    return 0;
}
// CHECK: WARNING: umsan: expected use-of-uninitialized-value not found (__msan_set_expect_umr)
