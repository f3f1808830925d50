// __msan_unpoison covers exactly the bytes the raw `syscall` read: the byte
// after them is still uninitialized, and a branch on it is reported (as
// MemorySanitizer does), at that branch.
// EXPECT: report
#include "../common/opaque.h"
#include "../common/raw_syscall.h"

int main(void) {
    int fds[2];
    if (pipe(fds) != 0 || write(fds[1], "abc", 3) != 3)
        return 2;
    char *buf = uninit_heap(16);
    long got = raw_read(fds[0], buf, 16);
    if (got != 3)
        return 4;
    if (buf[0] == 'a' && buf[2] == 'c')
        puts("read abc");
    if (buf[got] == 0) // REPORT
        puts("terminated");
    free(buf);
    return 0;
}
