// __msan_set_keep_going(1): reports no longer end the program (as
// halt_on_error=0), it goes on and keeps its own exit status.
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer needs -fsanitize-recover=memory for this, which the oracle adds only with halt_on_error=0)
#include "../common/opaque.h"
#include <sanitizer/msan_interface.h>

int main(void) {
    __msan_set_keep_going(1);
    int *p = uninit_heap(sizeof *p);
    if (*p == 5) // REPORT
        puts("five");
    puts("still running");
    free(p);
    return 0;
}
// STDOUT: still running
