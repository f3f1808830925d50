/* LD_PRELOAD shim: fork() whose parent sleeps 50 ms before returning, so
 * the child runs first. Shows races between a parent's buffered output and
 * its child's (pcre2grep's script callouts, RESULTS.md, session 22) in a
 * native build, without a sanitizer or a loaded machine:
 *
 *   clang-19 -shared -fPIC -O2 fork_parent_delay.c -o fork_parent_delay.so -ldl
 *   LD_PRELOAD=$PWD/fork_parent_delay.so ./RunGrepTest
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <time.h>
#include <unistd.h>

pid_t fork(void) {
    pid_t (*real)(void) = (pid_t (*)(void))dlsym(RTLD_NEXT, "fork");
    pid_t pid = real();
    if (pid > 0) {
        struct timespec delay = {0, 50 * 1000 * 1000};
        nanosleep(&delay, NULL);
    }
    return pid;
}
