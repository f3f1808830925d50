// An unknown report_format is a start-up error naming the key and the valid
// values; main never runs.
// ENV: UMSAN_OPTIONS=report_format=xml
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: {{^}}=={{[0-9]+}}==ERROR: umsan: UMSAN_OPTIONS: invalid value 'xml' for report_format (valid: text, json)
// CHECK-NOT: panicked
// STDOUT-NOT: main ran
