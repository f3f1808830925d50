// A raw write(2) done with inline-asm `syscall` (no libc, so no model from
// umsan's library applies) and annotated UMSAN_COPY_OUT(..., copied): the
// bytes the kernel took leave the program and must be initialized. A struct
// with uninitialized padding written to a pipe is an uninit-copy-out report
// at the call, naming the padding bytes.
// EXPECT: report
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <stdint.h>
#include <umsan.h>
#include <unistd.h>

long raw_write(int fd, const void *buf, size_t len);
UMSAN_COPY_OUT(raw_write, 1, 2, copied);

__attribute__((noinline)) long raw_write(int fd, const void *buf, size_t len) {
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(1L /* __NR_write */), "D"((long)fd), "S"(buf), "d"(len)
                     : "rcx", "r11", "memory");
    return ret;
}

struct msg {
    uint16_t type; /* followed by 2 bytes of padding */
    uint32_t value;
};

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    long n = raw_write(fds[1], "ok", 2);
    printf("wrote %ld\n", n);
    fflush(stdout);
    struct msg *m = uninit_heap(sizeof *m);
    m->type = 1;
    m->value = 2;
    raw_write(fds[1], m, sizeof *m); // REPORT: uninit-copy-out
    puts("sent");
    return 0;
}
// CHECK: bytes [2, 4) of 8 are uninitialized
