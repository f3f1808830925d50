// __msan_check_mem_is_initialized reports (use-of-uninitialized-value, at
// the call) when any byte of the range is uninitialized, and says nothing
// for an initialized range.
// EXPECT: report
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

int main(void) {
    char *msg = uninit_heap(16);
    memcpy(msg, "hello, world", 12);
    __msan_check_mem_is_initialized(msg, 12); /* fine */
    __msan_check_mem_is_initialized(msg + 4, 12); // REPORT
    puts("not reached");
    free(msg);
    return 0;
}
