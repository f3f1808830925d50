// halt_on_error=0: the program goes on after a report, two distinct reports
// are printed, the identical one repeated in a loop only once, and the
// program keeps its own exit status (0).
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer does not deduplicate reports)
#include "../common/opaque.h"

int main(void) {
    int *v = uninit_heap(4 * sizeof(int));
    /* Not unrolled: the three reports come from the very same instruction. */
#pragma clang loop unroll(disable)
    for (int i = 0; i < 3; i++) {
        if (v[i] == 1) // REPORT
            puts("one");
    }
    if (v[3] > 100) // REPORT
        puts("big");
    printf("finished\n");
    return 0;
}
// STDOUT: finished
