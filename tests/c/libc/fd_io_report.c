// Uninitialized bytes sent out through writev, sendmsg, send or sendto are
// uninit-copy-out reports; readv and recv initialize only what arrived.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan reports these as use-of-uninitialized-value)
#include "../common/opaque.h"
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static volatile int sink;

int main(void) {
    int p[2];
    if (pipe(p) != 0)
        return 1;
    char *u = uninit_heap(8);
    memcpy(u, "ab", 2);
    struct iovec out[2] = {{"ok", 2}, {u, 8}};
    writev(p[1], out, 2); // REPORT: uninit-copy-out
    char *a = uninit_heap(16);
    struct iovec in = {a, 16};
    ssize_t n = readv(p[0], &in, 1); /* 10 bytes arrive */
    if (a[n - 1] == 'z') /* arrived: clean */
        sink = 1;
    if (a[12] == 'z') // REPORT
        sink = 2;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 3;
    struct msghdr mh;
    memset(&mh, 0, sizeof mh);
    mh.msg_iov = out + 1;
    mh.msg_iovlen = 1;
    sendmsg(sv[0], &mh, 0); // REPORT: uninit-copy-out
    send(sv[0], u, 4, 0); // REPORT: uninit-copy-out
    sendto(sv[0], u + 1, 4, 0, NULL, 0); // REPORT: uninit-copy-out
    return 0;
}
// CHECK: bytes [2, 8) of 8 are uninitialized
