// Raw system calls that send only initialized bytes (a write of part of a
// half-initialized buffer, iovecs and a msghdr over its initialized part):
// no report, and what was sent arrives.
// EXPECT: clean
#define _GNU_SOURCE
#include "../common/opaque.h"
#include "../common/scratch_file.h"
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    int fd = scratch_fd();
    if (fd < 0)
        return 1;
    char *buf = uninit_heap(16);
    memcpy(buf, "0123456789", 10);
    long n = syscall(SYS_write, fd, buf, 10);
    struct iovec iov[2] = {{buf, 4}, {buf + 6, 4}};
    n += syscall(SYS_writev, fd, iov, 2);
    char back[32] = {0};
    if (pread(fd, back, sizeof back - 1, 0) != n)
        return 2;
    printf("wrote %ld: %s\n", n, back);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 3;
    struct msghdr msg = {0};
    struct iovec one = {buf + 2, 6};
    msg.msg_iov = &one;
    msg.msg_iovlen = 1;
    long sent = syscall(SYS_sendmsg, sv[0], &msg, 0);
    char got[16] = {0};
    long r = recv(sv[1], got, sizeof got - 1, 0);
    printf("sent %ld, received %ld: %s\n", sent, r, got);
    return 0;
}
