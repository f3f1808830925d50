// Bytes a raw system call sends leave the program, as with the libc
// functions of the same names: uninitialized ones are reported at the
// `syscall(SYS_write / SYS_pwritev / SYS_sendmsg, …)` (libuv writes through
// `syscall`), counting only the bytes the kernel took.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer does not look into raw syscall())
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
    memcpy(buf, "0123456789", 10); /* bytes 10..15 uninitialized */
    syscall(SYS_write, fd, buf, 10); /* initialized bytes only: clean */
    syscall(SYS_write, fd, buf, 12); // REPORT: uninit-copy-out
    struct iovec iov[2] = {{buf, 4}, {buf + 8, 4}}; /* the second iovec holds 10, 11 */
    syscall(SYS_pwritev, fd, iov, 2, 0L, 0L); // REPORT: uninit-copy-out
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 2;
    struct msghdr msg = {0};
    struct iovec one = {buf + 6, 8}; /* 6..13 */
    msg.msg_iov = &one;
    msg.msg_iovlen = 1;
    syscall(SYS_sendmsg, sv[0], &msg, 0); // REPORT: uninit-copy-out
    puts("done");
    return 0;
}
