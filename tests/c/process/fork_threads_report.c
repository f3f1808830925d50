// fork from a threaded program. Four threads keep allocating, copying and
// hitting the same uninitialized use (worker_bug: one report, then every
// hit is a duplicate — each still goes through the runtime's report path)
// while the main thread forks 64 children. Each child (one thread, whatever
// runtime state the others held at fork time) allocates, copies, and uses
// an uninitialized byte (child_bug) — its report, with the child's pid, is
// read from a pipe by the parent, which checks it and that the child exits
// 0 within 20 s (no deadlock). Then the parent itself hits child_bug: its
// own report (the children's reports never reached its state).
// CFLAGS: -pthread
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
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
#include <time.h>
#include <unistd.h>
#include <umsan.h>

#define NWORKERS 4
#define NFORKS 64

#include "../common/copy_mc.h"

static volatile long sink;
static volatile int stop;
static int hits[NWORKERS];

__attribute__((noinline)) static void worker_bug(const unsigned char *p) {
    if (p[20] == 9) // REPORT
        sink++;
}

enum { CHILD_BUG_LINE = __LINE__ + 2 };
__attribute__((noinline)) static void child_bug(const unsigned char *p) {
    if (p[30] == 5) // REPORT
        sink++;
}

static void *worker(void *arg) {
    int id = (int)(long)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        unsigned char *src = opaque_mt(malloc(32));
        memset(src, id, 16); /* [16, 32) uninitialized */
        unsigned char *dst = opaque_mt(malloc(32));
        copy_mc(dst, src, 32);
        free(src);
        if (dst[3] == id) /* initialized */
            worker_bug(dst);
        free(dst);
        __atomic_store_n(&hits[id], 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

/* The child: instrumented work, one report (on the pipe), exit 0. */
static void child_main(int k) {
    unsigned char *src = opaque_mt(malloc(64));
    memset(src, k, 24); /* [24, 64) uninitialized */
    unsigned char *dst = opaque_mt(malloc(64));
    copy_mc(dst, src, 64);
    long sum = 0;
    for (int i = 0; i < 24; i++)
        if (dst[i] == k)
            sum++;
    child_bug(dst);
    free(src);
    free(dst);
    _exit(sum == 24 ? 0 : 3);
}

/* Read everything from fd until EOF; -1 on a 20 s timeout. */
static int read_all(int fd, char *buf, size_t cap) {
    size_t len = 0;
    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, 20000);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == cap - 1)
            break;
    }
    buf[len] = 0;
    return (int)len;
}

static int count(const char *hay, const char *needle) {
    int c = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        c++;
    return c;
}

/* One fork: 0 when the child's report and exit are right. */
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
        close(fds[1]);
        child_main(k);
    }
    close(fds[1]);
    static char text[1 << 16];
    int n = read_all(fds[0], text, sizeof text);
    close(fds[0]);
    if (n < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        printf("child %d: no EOF within 20 s (deadlock?)\n", k);
        return 3;
    }
    int status;
    waitpid(pid, &status, 0);
    char head[64], summary[128];
    snprintf(head, sizeof head, "==%d==WARNING: umsan: use-of-uninitialized-value\n", (int)pid);
    snprintf(summary, sizeof summary, "fork_threads_report.c:%d:", CHILD_BUG_LINE);
    const char *sum = strstr(text, "SUMMARY: umsan: use-of-uninitialized-value ");
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && count(text, "WARNING: umsan:") == 1 &&
             strstr(text, head) == text && sum && strstr(sum, summary) && strstr(sum, " in child_bug\n");
    if (!ok) {
        printf("child %d: bad (status %#x):\n%s\n", k, status, text);
        return 4;
    }
    return 0;
}

int main(void) {
    pthread_t th[NWORKERS];
    for (long i = 0; i < NWORKERS; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)i) != 0)
            return 1;
    /* The workers' (single) report is printed before any fork. */
    for (int i = 0; i < NWORKERS; i++)
        while (!__atomic_load_n(&hits[i], __ATOMIC_ACQUIRE))
            sched_yield();
    int bad = 0;
    for (int k = 0; k < NFORKS; k++)
        bad += one_child(k) != 0;
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(th[i], NULL);
    printf("%d of %d children reported correctly\n", NFORKS - bad, NFORKS);
    fflush(stdout);
    /* The parent's own use at the children's line is its own report. */
    unsigned char *p = opaque_mt(malloc(64));
    child_bug(p);
    free(p);
    return 0;
}
// STDOUT: 64 of 64 children reported correctly
