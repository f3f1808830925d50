// Process and system queries write their outputs only when they succeed:
// getrlimit of an unknown resource, pipe2 with bad flags, socketpair of an
// unsupported family fail without writing, and waitpid(WNOHANG) finding no
// exited child returns 0 without writing the status. getenv decides on the
// bytes of the name it is given.
// uname has no report case: when it succeeds it writes the whole struct
// utsname (see fd_io_clean.c for the clean counterparts).
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan does not check getenv's name and unpoisons the status of a waitpid that returned 0)
#define _GNU_SOURCE
#include "../common/opaque.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <umsan.h>
#include <unistd.h>

static volatile int sink;

int main(void) {
    struct rlimit rl;
    if (getrlimit(OPAQUE_INT(9999), &rl) != 0 && rl.rlim_cur > 0) // REPORT
        sink = 1;
    int p[2];
    if (pipe2(p, OPAQUE_INT(0x7fff0000)) != 0 && p[0] > 2) // REPORT
        sink = 2;
    int sv[2];
    if (socketpair(OPAQUE_INT(12345), SOCK_STREAM, 0, sv) != 0 && sv[1] > 2) // REPORT
        sink = 3;
    int go[2];
    if (pipe(go) != 0)
        return 1;
    pid_t pid = fork();
    if (pid < 0)
        return 2;
    if (pid == 0) {
        char c;
        close(go[1]);
        _exit(read(go[0], &c, 1) == 0 ? 5 : 6); /* waits for the parent */
    }
    close(go[0]);
    int status;
    /* the child is still waiting: waitpid returns 0 */
    if (waitpid(pid, &status, WNOHANG) == 0 && WIFEXITED(status)) // REPORT
        sink = 4;
    close(go[1]);
    int done;
    if (waitpid(pid, &done, 0) == pid && WIFEXITED(done) && WEXITSTATUS(done) == 5) /* written: clean */
        sink = 5;
    char *name = uninit_heap(8);
    memcpy(name, "HOME", 5);
    umsan_poison(name + 1, 1); /* "HOME": the 'O' counts as uninitialized */
    if (getenv(name)) // REPORT
        sink = 6;
    free(name);
    return 0;
}
