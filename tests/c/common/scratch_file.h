/* A scratch file for tests that write through descriptors (raw syscall()
 * sends and iovecs): created in /tmp, already unlinked, so nothing is left
 * behind. Returns its descriptor, or -1. */
#ifndef UMSAN_TEST_SCRATCH_FILE_H
#define UMSAN_TEST_SCRATCH_FILE_H

#include <stdlib.h>
#include <unistd.h>

static inline int scratch_fd(void) {
    char path[] = "/tmp/umsan-scratch-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    return fd;
}

#endif
