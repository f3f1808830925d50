/* Shared by the log_path file tests (included as "../common/logfiles.h"). */
#ifndef UMSAN_TEST_LOGFILES_H
#define UMSAN_TEST_LOGFILES_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Number of entries of directory `dir` whose name starts with `prefix`. */
static int files_named(const char *dir, const char *prefix) {
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

/* Runs this program again in a forked and exec'd child, as
 * `argv[0] argv[1] child` (so the child sees argc > 2); returns its exit
 * status. */
static int run_self_as_child(char **argv) {
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        execl("/proc/self/exe", argv[0], argv[1], "child", (char *)0);
        _exit(127);
    }
    int status = 0;
    waitpid(c, &status, 0);
    return WEXITSTATUS(status);
}

#endif
