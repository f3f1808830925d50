// A raw write(2) by inline-asm `syscall`, annotated UMSAN_COPY_OUT(...,
// copied): only the bytes the kernel took (the return value) must be
// initialized. A pipe write that fails (-EBADF on a closed descriptor)
// transfers nothing, so its uninitialized buffer is not a report; a
// fully initialized buffer is fine.
// EXPECT: clean
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <umsan.h>
#include <unistd.h>

/* A use umsan checks whatever the optimizer does: x becomes an index. */
static unsigned seen[256];
#define TOUCH(x) (seen[(unsigned char)(x)]++)

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

long raw_read(int fd, void *buf, size_t len);
UMSAN_COPY_IN(raw_read, 1, 2, copied);

__attribute__((noinline)) long raw_read(int fd, void *buf, size_t len) {
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(0L /* __NR_read */), "D"((long)fd), "S"(buf), "d"(len)
                     : "rcx", "r11", "memory");
    return ret;
}

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    unsigned char *junk = uninit_heap(32);
    close(fds[0]);
    int bad = fds[0]; /* closed: the write fails with -EBADF, nothing leaves */
    long n = raw_write(bad, junk, 32);
    printf("bad write: %s\n", n < 0 ? "error" : "??");
    if (pipe(fds) != 0)
        return 1;
    char msg[] = "hello, pipe";
    n = raw_write(fds[1], msg, sizeof msg);
    printf("wrote %ld\n", n);
    /* raw_read: the bytes it got are initialized (COPY_IN, copied). */
    unsigned char *in = uninit_heap(64);
    long got = raw_read(fds[0], in, 64);
    long sum = 0;
    for (long i = 0; i < got; i++) {
        TOUCH(in[i]);
        sum += in[i] == 'p';
    }
    printf("read %ld, %ld p's: %s\n", got, sum, (char *)in);
    free(junk);
    free(in);
    return 0;
}
