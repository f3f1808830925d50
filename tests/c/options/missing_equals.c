// A segment without '=' is a start-up error naming the segment and the valid
// keys; main never runs.
// ENV: UMSAN_OPTIONS=exitcode=3:halt_on_error
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: UMSAN_OPTIONS: missing '=' in 'halt_on_error' (expected key=value; valid keys: halt_on_error, exitcode, log_path, report_format)
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
