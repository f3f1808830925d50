// exitcode=42 replaces the default 77 after a report.
// ENV: UMSAN_OPTIONS=exitcode=42
// EXPECT: report
// EXIT: 42
#include "../common/opaque.h"

int main(void) {
    int *v = uninit_heap(sizeof *v);
    if (*v) // REPORT
        puts("nonzero");
    return 0;
}
