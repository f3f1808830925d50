// log_path: a process that reports nothing leaves no log file (as with
// MemorySanitizer, the PATH.PID file is created by the first report, not at
// start-up): neither this one nor the child it forks and execs.
// ENV: UMSAN_OPTIONS=log_path=%t/lazyclean
// ARGS: %t
// EXPECT: clean
#include "../common/logfiles.h"

int main(int argc, char **argv) {
    if (argc > 2) {
        puts("child ran");
        return 0;
    }
    printf("child exit %d\n", run_self_as_child(argv));
    printf("%d log file(s)\n", files_named(argv[1], "lazyclean."));
    return 0;
}
// STDOUT: child ran
// STDOUT: child exit 0
// STDOUT: 0 log file(s)
