// log_path: only processes that report leave a log file, exactly one each:
// a clean child (forked and exec'd) leaves none, the reporting parent one
// file holding both of its reports.
// ENV: UMSAN_OPTIONS=log_path=%t/lazyrep:halt_on_error=0
// ARGS: %t
// EXPECT: report
// EXIT: 0
// ORACLE: skip (the oracle builds MemorySanitizer without -fsanitize-recover: it stops at the first report)
#include "../common/opaque.h"
#include "../common/logfiles.h"

int main(int argc, char **argv) {
    if (argc > 2)
        return 0; /* the exec'd child: clean */
    run_self_as_child(argv);
    int *v = uninit_heap(2 * sizeof *v);
    if (v[0] > 3) // REPORT
        puts("big");
    if (v[1] > 3) // REPORT
        puts("big too");
    printf("%d log file(s)\n", files_named(argv[1], "lazyrep."));
    return 0;
}
// STDOUT: 1 log file(s)
// LOG-CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// LOG-CHECK: WARNING: {{.*}}: use-of-uninitialized-value
