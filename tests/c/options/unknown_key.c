// An unknown UMSAN_OPTIONS key is a clear error at start-up.
// ENV: UMSAN_OPTIONS=exitcode=3:no_such_option=1
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan-only behaviour)
#include <stdio.h>

int main(void) {
    puts("main ran");
    return 0;
}
// CHECK: umsan{{.*}}no_such_option
// STDOUT-NOT: main ran
