// An empty exitcode is a start-up error; main never runs.
// ENV: UMSAN_OPTIONS=exitcode=
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: UMSAN_OPTIONS: invalid value '' for exitcode (valid: an integer from 0 to 255)
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
