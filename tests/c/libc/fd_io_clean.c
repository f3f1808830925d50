// File-descriptor and socket I/O: pipe, socketpair, readv/writev,
// recv/send, recvfrom/sendto, recvmsg/sendmsg, and the process and system
// queries (waitpid, getrlimit, uname, getrusage) initialize their outputs.
// Report counterparts: fd_io_report.c, net_report.c, process_report.c (the
// outputs of failed calls). uname and getrusage have none: when they
// succeed they write their whole struct, and they do not fail here.
// EXPECT: clean
#include "../common/opaque.h"
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int p[2];
    if (pipe(p) != 0)
        return 1;
    struct iovec out[2] = {{"hello ", 6}, {"world", 5}};
    if (writev(p[1], out, 2) != 11)
        return 2;
    char *a = uninit_heap(4), *b = uninit_heap(16);
    struct iovec in[2] = {{a, 4}, {b, 16}};
    ssize_t n = readv(p[0], in, 2); /* 4 + 7 bytes */
    int vowels = 0;
    for (int i = 0; i < 4; i++)
        vowels += a[i] == 'e' || a[i] == 'o';
    for (ssize_t i = 0; i < n - 4; i++)
        vowels += b[i] == 'e' || b[i] == 'o';
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 3;
    send(sv[0], "ping", 4, 0);
    char *r = uninit_heap(8);
    ssize_t k = recv(sv[1], r, 8, 0);
    sendto(sv[1], "pong!", 5, 0, NULL, 0);
    struct sockaddr_storage from;
    socklen_t fromlen = sizeof from;
    char *r2 = uninit_heap(8);
    ssize_t k2 = recvfrom(sv[0], r2, 8, 0, (struct sockaddr *)&from, &fromlen);
    char m1[3] = "ab", m2[4] = "cde";
    struct iovec mo[2] = {{m1, 2}, {m2, 3}};
    struct msghdr mh = {0};
    mh.msg_iov = mo;
    mh.msg_iovlen = 2;
    sendmsg(sv[0], &mh, 0);
    char *g = uninit_heap(8);
    struct iovec gi = {g, 8};
    struct msghdr gh;
    memset(&gh, 0, sizeof gh);
    gh.msg_iov = &gi;
    gh.msg_iovlen = 1;
    ssize_t k3 = recvmsg(sv[1], &gh, 0);
    int flags = gh.msg_flags;
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return 4;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 5;
    struct utsname un;
    if (uname(&un) != 0)
        return 6;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 7;
    printf("%zd %d %zd %c%c %zd %c %zd %c%c%c%c%c %d %d %d %d %d\n", n, vowels, k, r[0], r[3], k2, r2[4], k3, g[0],
           g[1], g[2], g[3], g[4], flags != 12345, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
           rl.rlim_cur > 0, un.sysname[0] != 0, ru.ru_utime.tv_sec >= 0);
    return 0;
}
