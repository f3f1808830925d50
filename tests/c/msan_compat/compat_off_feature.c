// -fno-umsan-msan-compat: __has_feature(memory_sanitizer) is false again,
// so the project's `#if` branch with __msan_unpoison after its raw
// `syscall` is not compiled, and umsan (which cannot see what the
// instruction wrote) reports the first branch on the bytes read.
// EXPECT: report
// CFLAGS: -fno-umsan-msan-compat
// ORACLE: skip (MemorySanitizer has no switch for its own feature test)
#include "../common/opaque.h"
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define PROJECT_UNDER_MSAN 1
#endif
#endif

static long raw_read(int fd, void *buf, unsigned long n) {
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"((long)SYS_read), "D"((long)fd), "S"(buf), "d"(n)
                     : "rcx", "r11", "memory");
#ifdef PROJECT_UNDER_MSAN
    if (ret > 0)
        __msan_unpoison(buf, (size_t)ret);
#endif
    return ret;
}

int main(void) {
#ifdef PROJECT_UNDER_MSAN
    puts("__has_feature(memory_sanitizer) is true despite -fno-umsan-msan-compat");
    return 1;
#endif
    int fds[2];
    if (pipe(fds) != 0 || write(fds[1], "umsan", 5) != 5)
        return 2;
    char *buf = uninit_heap(64);
    if (raw_read(fds[0], buf, 64) != 5)
        return 4;
    if (buf[0] == 'u') // REPORT
        puts("read");
    free(buf);
    return 0;
}
