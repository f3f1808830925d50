// Code compiled with -fno-umsan-recover has no path after a report (each
// check ends in a noreturn call, as MemorySanitizer's default): the first
// report ends the process with exitcode even with halt_on_error=0, so the
// second use is never reached.
// CFLAGS: -fno-umsan-recover
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 77
// ORACLE: skip (MemorySanitizer's halt_on_error=0 is ignored without -fsanitize-recover too, but exits with its own code)
#include "../common/opaque.h"

int main(void) {
    int *v = uninit_heap(2 * sizeof(int));
    if (v[0] == 1) // REPORT
        puts("one");
    if (v[1] > 100)
        puts("big");
    printf("not reached\n");
    return 0;
}
