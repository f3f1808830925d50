// Raw system calls (libuv's uv__preadv, uv__recvmmsg): the kernel writes
// the buffers of the iovecs `syscall(SYS_readv / SYS_preadv / SYS_recvmsg /
// SYS_recvmmsg, …)` is given, which are reached through the memory its
// arguments point to: exactly the bytes received count as written, and the
// lengths the kernel stores (msg_len, msg_namelen).
// EXPECT: clean
#define _GNU_SOURCE
#include "../common/opaque.h"
#include "../common/scratch_file.h"
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static unsigned sum(const unsigned char *p, long n) {
    unsigned s = 0;
    for (long i = 0; i < n; i++)
        if (p[i] != ' ')
            s += p[i];
    return s;
}

int main(void) {
    int fd = scratch_fd();
    if (fd < 0)
        return 1;
    const char text[] = "the quick brown fox jumps over the lazy dog, again and again";
    if (write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1))
        return 2;

    /* preadv at offset 4 into two fresh buffers. */
    unsigned char *a = uninit_heap(16), *b = uninit_heap(64);
    struct iovec iov[2] = {{a, 16}, {b, 64}};
    long n = syscall(SYS_preadv, fd, iov, 2, 4L, 0L);
    if (n != (long)sizeof text - 1 - 4)
        return 3;
    printf("preadv %ld: %u %u\n", n, sum(a, 16), sum(b, n - 16));

    /* readv from the start (after a seek). */
    lseek(fd, 0, SEEK_SET);
    unsigned char *c = uninit_heap(10), *d = uninit_heap(10);
    struct iovec iov2[2] = {{c, 10}, {d, 10}};
    n = syscall(SYS_readv, fd, iov2, 2);
    if (n != 20)
        return 4;
    printf("readv %ld: %u %u\n", n, sum(c, 10), sum(d, 10));
    close(fd);

    /* recvmsg and recvmmsg over a datagram socket pair. */
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 5;
    send(sv[0], "first datagram", 14, 0);
    unsigned char *e = uninit_heap(32);
    struct iovec iov3 = {e, 32};
    struct msghdr *mh = uninit_heap(sizeof *mh);
    mh->msg_name = NULL;
    mh->msg_namelen = 0;
    mh->msg_iov = &iov3;
    mh->msg_iovlen = 1;
    mh->msg_control = NULL;
    mh->msg_controllen = 0;
    n = syscall(SYS_recvmsg, sv[1], mh, 0);
    if (n != 14)
        return 6;
    printf("recvmsg %ld: %u flags %d\n", n, sum(e, n), mh->msg_flags);

    send(sv[0], "one", 3, 0);
    send(sv[0], "two two", 7, 0);
    enum { M = 4 };
    struct mmsghdr *msgs = uninit_heap(M * sizeof *msgs);
    struct iovec iovs[M];
    for (int i = 0; i < M; i++) {
        iovs[i].iov_base = uninit_heap(16);
        iovs[i].iov_len = 16;
        msgs[i].msg_hdr.msg_name = NULL;
        msgs[i].msg_hdr.msg_namelen = 0;
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_control = NULL;
        msgs[i].msg_hdr.msg_controllen = 0;
        msgs[i].msg_hdr.msg_flags = 0;
    }
    n = syscall(SYS_recvmmsg, sv[1], msgs, M, MSG_DONTWAIT, NULL);
    if (n != 2)
        return 7;
    for (int i = 0; i < n; i++)
        printf("recvmmsg %d: len %u sum %u\n", i, msgs[i].msg_len, sum(iovs[i].iov_base, msgs[i].msg_len));
    for (int i = 0; i < M; i++)
        free(iovs[i].iov_base);
    free(msgs);
    free(mh);
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    return 0;
}
