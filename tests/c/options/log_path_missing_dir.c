// A log_path that cannot be opened (its directory does not exist) is a
// clear start-up error naming the file and the reason, exit status 1, no
// crash; main never runs.
// ENV: UMSAN_OPTIONS=log_path=%t/no/such/dir/report
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: cannot open log_path file '{{.*}}/no/such/dir/report.{{[0-9]+}}': No such file or directory
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
