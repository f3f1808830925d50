// A project prepared for MemorySanitizer: it reads with a raw `syscall`
// instruction (no libc call any model or interceptor could see), and under
// `__has_feature(memory_sanitizer)` it tells the sanitizer how many bytes
// arrived with __msan_unpoison. That call is what keeps MemorySanitizer
// clean here; umsan-cc compiles the same source unchanged and must agree:
// no report, and the program's output is the native build's.
// EXPECT: clean
#include "../common/opaque.h"
#include "../common/raw_syscall.h"

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 2;
    if (write(fds[1], "umsan", 5) != 5)
        return 3;
    unsigned char *buf = uninit_heap(64);
    long got = raw_read(fds[0], buf, 64);
    if (got != 5)
        return 4;
    unsigned sum = 0;
    for (long i = 0; i < got; i++)
        if (buf[i] >= 'a') /* a branch on every byte read */
            sum += buf[i];
    printf("read %ld bytes, sum %u\n", got, sum);
    free(buf);
    return 0;
}
// STDOUT: read 5 bytes, sum 548
