// umsan_check_initialized reports when any byte of the range is
// uninitialized; the report points at the call.
// EXPECT: report
#include "../common/opaque.h"
#include <umsan.h>

int main(void) {
    char *msg = uninit_heap(16);
    memcpy(msg, "hello, world", 12); /* last 4 bytes uninitialized */
    umsan_check_initialized(msg, 12);   /* fine */
    umsan_check_initialized(msg, 16); // REPORT
    puts("not reached");
    return 0;
}
