// Only what the kernel received counts as written: the byte after the
// data `syscall(SYS_recvmmsg, …)` put in an iovec's buffer, and the
// msg_len of a message it did not receive, are still uninitialized.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
#define _GNU_SOURCE
#include "../common/opaque.h"
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 1;
    send(sv[0], "hello", 5, 0);
    struct mmsghdr *msgs = uninit_heap(2 * sizeof *msgs);
    unsigned char *buf[2] = {uninit_heap(16), uninit_heap(16)};
    struct iovec iov[2] = {{buf[0], 16}, {buf[1], 16}};
    for (int i = 0; i < 2; i++) {
        msgs[i].msg_hdr.msg_name = NULL;
        msgs[i].msg_hdr.msg_namelen = 0;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_control = NULL;
        msgs[i].msg_hdr.msg_controllen = 0;
    }
    long n = syscall(SYS_recvmmsg, sv[1], msgs, 2, MSG_DONTWAIT, NULL);
    if (n != 1 || msgs[0].msg_len != 5)
        return 2;
    if (buf[0][4] == 'o')
        puts("received bytes ok");
    if (buf[0][5 + OPAQUE_INT(0)] == 'x') // REPORT
        puts("past the datagram");
    if (msgs[OPAQUE_INT(1)].msg_len == 3) // REPORT
        puts("second message");
    puts("done");
    return 0;
}
