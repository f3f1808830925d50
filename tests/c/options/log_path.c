// log_path=PATH: the report goes to PATH.PID, not to stderr. The harness
// reads %t/report.<pid> (%t is the test's scratch directory) and checks the
// `// REPORT` line there, and that stderr has no report; LOG-CHECK lines are
// FileCheck'ed against the log file.
// ENV: UMSAN_OPTIONS=log_path=%t/report
// EXPECT: report
#include "../common/opaque.h"

int main(void) {
    fprintf(stderr, "program stderr\n");
    int *v = uninit_heap(sizeof *v);
    if (*v > 3) // REPORT
        puts("big");
    return 0;
}
// LOG-CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// LOG-CHECK: SUMMARY: {{.*}}log_path.c:[[@LINE-5]]
// CHECK: program stderr
// CHECK-NOT: WARNING
