// A log_path where no file can be created (/proc/self/ accepts no new
// files, even for root) is a clear start-up error naming the file and the
// reason, exit status 1, no crash; main never runs.
// ENV: UMSAN_OPTIONS=log_path=/proc/self/umsan-report
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: cannot open log_path file '/proc/self/umsan-report.{{[0-9]+}}': {{.+}}
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
