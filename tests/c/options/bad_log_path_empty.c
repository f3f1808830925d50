// An empty log_path is a start-up error; main never runs.
// ENV: UMSAN_OPTIONS=log_path=
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: UMSAN_OPTIONS: empty value for log_path (valid: a file path prefix, or 'stderr')
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
