// A bad UMSAN_OPTIONS value is a clear error at start-up: exit status 1, a
// message naming the option, and main never runs.
// ENV: UMSAN_OPTIONS=halt_on_error=maybe
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: umsan{{.*}}halt_on_error
// STDOUT-NOT: main ran
