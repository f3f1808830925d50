/* A project prepared for MemorySanitizer (tests/c/msan_compat): it reads
 * with a raw `syscall` instruction — no libc call any model or interceptor
 * could see — and, under `__has_feature(memory_sanitizer)`, tells the
 * sanitizer how many bytes arrived with __msan_unpoison. */
#ifndef UMSAN_TEST_RAW_SYSCALL_H
#define UMSAN_TEST_RAW_SYSCALL_H

#include <stddef.h>
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

#endif
