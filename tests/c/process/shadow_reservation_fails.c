// When the shadow memory cannot be reserved — here the address space is
// limited (setrlimit(RLIMIT_AS) = `ulimit -v`, 4 GiB) before the program
// execs itself — start-up fails with a clear fatal message naming umsan,
// the range, the error and the limit, exit status 1, before main runs. The
// first image is just a launcher that passes the second's status on.
// EXPECT: error
// EXIT: 1
// ORACLE: skip (umsan's start-up message)
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc > 1) {
        puts("limited image ran");
        return 0;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {(rlim_t)4 << 30, (rlim_t)4 << 30};
        if (setrlimit(RLIMIT_AS, &rl) != 0)
            _exit(90);
        char *args[] = {argv[0], "limited", NULL};
        execv("/proc/self/exe", args);
        _exit(91);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return 92;
    if (WIFSIGNALED(status)) {
        printf("killed by signal %d\n", WTERMSIG(status));
        return 93;
    }
    return WEXITSTATUS(status);
}
// CHECK: {{^}}=={{[0-9]+}}==FATAL: umsan: cannot reserve shadow memory: mmap of the {{shadow|origin|protected}} range [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) failed: Cannot allocate memory; the address space is limited to 4096 MiB (ulimit -v / RLIMIT_AS) but umsan reserves {{[0-9]+}} TiB of it for shadow memory (reserved, not used): run without the limit
// CHECK-NOT: panicked
// STDOUT-NOT: limited image ran
