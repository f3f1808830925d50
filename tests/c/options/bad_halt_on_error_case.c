// Values are case-sensitive: halt_on_error=TRUE is a start-up error listing
// the valid values; main never runs.
// ENV: UMSAN_OPTIONS=halt_on_error=TRUE
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: UMSAN_OPTIONS: invalid value 'TRUE' for halt_on_error (valid: 0, 1, false, true)
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
