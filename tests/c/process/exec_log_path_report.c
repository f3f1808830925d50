// exec keeps the pid, so both images report to the same log_path file
// PATH.PID: the first image's report (halt_on_error=0, it goes on and
// execs itself) must survive — the new image appends — and the new image,
// whose runtime starts afresh, adds its own.
// ENV: UMSAN_OPTIONS=halt_on_error=0:log_path=%t/log
// EXPECT: report
// EXIT: 0
// ORACLE: skip (umsan's log file across exec)
#include "../common/opaque.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile long sink;

__attribute__((noinline)) static void first_image(char **argv) {
    int *v = opaque_mt(malloc(2 * sizeof(int)));
    v[0] = 1;
    if (v[1] == v[0]) // REPORT
        sink++;
    char *args[] = {argv[0], "again", NULL};
    execv("/proc/self/exe", args);
    perror("execv");
    exit(1);
}

__attribute__((noinline)) static void second_image(void) {
    int *v = opaque_mt(malloc(2 * sizeof(int)));
    v[1] = 1;
    if (v[0] == v[1]) // REPORT
        sink++;
    puts("second image done");
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "again") == 0)
        second_image();
    else
        first_image(argv);
    return 0;
}
// STDOUT: second image done
// LOG-CHECK: WARNING: umsan: use-of-uninitialized-value
// LOG-CHECK: SUMMARY: {{.*}}exec_log_path_report.c:{{[0-9]+}}:{{[0-9]+}} in first_image
// LOG-CHECK: WARNING: umsan: use-of-uninitialized-value
// LOG-CHECK: SUMMARY: {{.*}}exec_log_path_report.c:{{[0-9]+}}:{{[0-9]+}} in second_image
