// With the default options (halt_on_error=1), a child forked from a
// threaded program halts at its first report: exit status 77, its report
// (with its own pid) on its stderr, read by the parent through a pipe.
// Each of 16 children also checks, before its bug, that the memory it
// inherited is exactly as initialized as it was in the parent: the
// parent's initialized block is clean in the child, its uninitialized
// block is still uninitialized (umsan_test_initialized). The parent goes on
// unaffected and reports its own bug at the end.
// CFLAGS: -pthread
// EXPECT: report
// ORACLE: skip (parses umsan's report text)
#include "../common/opaque.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <umsan.h>

#define NWORKERS 4
#define NFORKS 16

static volatile long sink;
static volatile int stop;
static unsigned char *inited, *uninited;

static void *worker(void *arg) {
    long id = (long)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        unsigned char *a = opaque_mt(malloc(256));
        memset(a, (int)id, 200);
        if (a[199] == id) /* initialized */
            sink++;
        free(a);
    }
    return NULL;
}

enum { CHILD_BUG_LINE = __LINE__ + 2 };
__attribute__((noinline)) static void child_bug(const unsigned char *p) {
    if (p[5] == 1) // REPORT
        sink++;
}

static int child_main(void) {
    if (umsan_test_initialized(inited, 64) != -1)
        return 10;
    if (umsan_test_initialized(uninited, 64) != 0)
        return 11;
    unsigned char *p = opaque_mt(malloc(16));
    child_bug(p); /* halts: exit 77 */
    return 12;
}

static int one_child(int k) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    pid_t pid = fork();
    if (pid < 0)
        return 2;
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        _exit(child_main());
    }
    close(fds[1]);
    static char text[1 << 16];
    size_t len = 0;
    for (;;) {
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int r = poll(&pfd, 1, 20000);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            kill(pid, SIGKILL);
            printf("child %d: no EOF within 20 s (deadlock?)\n", k);
            break;
        }
        ssize_t n = read(fds[0], text + len, sizeof text - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    text[len] = 0;
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    char head[64], where[64];
    snprintf(head, sizeof head, "==%d==WARNING: umsan: use-of-uninitialized-value\n", (int)pid);
    snprintf(where, sizeof where, "fork_child_halts_report.c:%d:", CHILD_BUG_LINE);
    const char *sum = strstr(text, "\nSUMMARY: umsan: use-of-uninitialized-value ");
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 77 && strstr(text, head) == text &&
          strstr(text + strlen(head), "WARNING: umsan:") == NULL && sum && strstr(sum, where) &&
          strstr(sum, " in child_bug\n"))) {
        printf("child %d: bad (status %#x):\n%s\n", k, status, text);
        return 3;
    }
    return 0;
}

int main(void) {
    inited = opaque_mt(malloc(64));
    memset(inited, 1, 64);
    uninited = opaque_mt(malloc(64));
    pthread_t th[NWORKERS];
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    int bad = 0;
    for (int k = 0; k < NFORKS; k++)
        bad += one_child(k) != 0;
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(th[i], NULL);
    printf("%d of %d children halted correctly\n", NFORKS - bad, NFORKS);
    fflush(stdout);
    child_bug(uninited);
    return 0;
}
// STDOUT: 16 of 16 children halted correctly
