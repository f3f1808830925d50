// -fno-umsan-msan-compat: __has_feature(memory_sanitizer) is false again,
// so the project's `#if` branch with __msan_unpoison after its raw
// `syscall` is not compiled, and umsan (which cannot see what the
// instruction wrote) reports the first branch on the bytes read.
// EXPECT: report
// CFLAGS: -fno-umsan-msan-compat
// ORACLE: skip (MemorySanitizer has no switch for its own feature test)
#include "../common/opaque.h"
#include "../common/raw_syscall.h"

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
