/*
 * main.c — uses copy_mc (see copy_mc.S / copy_mc.h) the way a kernel uses
 * copy_mc_to_kernel: the copy may stop early, and only the bytes it really
 * copied may be used.
 *
 *   ./copy_mc full       whole buffer copied, all of it used        (clean)
 *   ./copy_mc partial    source runs into a PROT_NONE page: the copy
 *                        stops early, only the copied prefix used  (clean)
 *   ./copy_mc overread   same copy, then a byte past the prefix is
 *                        used                                       (report)
 *   ./copy_mc copyout    a struct with uninitialized padding goes
 *                        into a pipe through raw_write             (report)
 */
#include "copy_mc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define LEN 64

static unsigned checksum(const unsigned char *p, size_t n) {
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = sum * 31 + p[i];
    return sum;
}

/* A source buffer whose last `readable` bytes sit just before a PROT_NONE
 * page: copying more than that from it faults. */
static unsigned char *straddling_source(size_t readable) {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect(map + page, page, PROT_NONE) != 0) {
        perror("mmap/mprotect");
        exit(1);
    }
    unsigned char *src = map + page - readable;
    for (size_t i = 0; i < readable; i++)
        src[i] = (unsigned char)('a' + i % 26);
    return src;
}

static int full(void) {
    unsigned char *src = malloc(LEN), *dst = malloc(LEN);
    for (int i = 0; i < LEN; i++)
        src[i] = (unsigned char)i;
    size_t left = copy_mc(dst, src, LEN);
    printf("full: copied %zu of %d bytes, checksum %08x\n", LEN - left, LEN, checksum(dst, LEN - left));
    free(src);
    free(dst);
    return 0;
}

static int partial(void) {
    unsigned char *src = straddling_source(16);
    unsigned char *dst = malloc(LEN); /* uninitialized */
    size_t left = copy_mc(dst, src, LEN);
    size_t n = LEN - left;
    printf("partial: copied %zu of %d bytes: %.*s\n", n, LEN, (int)n, (const char *)dst);
    printf("partial: checksum of the copied bytes %08x\n", checksum(dst, n));
    free(dst);
    return 0;
}

static int overread(void) {
    unsigned char *src = straddling_source(16);
    unsigned char *dst = malloc(LEN); /* uninitialized */
    size_t left = copy_mc(dst, src, LEN);
    size_t n = LEN - left;
    printf("overread: copied %zu of %d bytes\n", n, LEN);
    fflush(stdout);
    /* Bug: assumes the whole buffer was copied. dst[n..LEN) was never written. */
    if (dst[LEN - 1] == '\n')
        puts("overread: line ends with a newline");
    free(dst);
    return 0;
}

struct msg {
    uint8_t type;   /* followed by 3 bytes of padding, never written */
    uint32_t value;
};

static int copyout(void) {
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    char hello[] = "hello";
    long w = raw_write(fds[1], hello, sizeof hello); /* fully initialized: fine */
    printf("copyout: wrote %ld initialized bytes\n", w);
    fflush(stdout);
    struct msg m;
    m.type = 1;
    m.value = 42;
    /* Bug: the padding bytes [1, 4) of m leave the program. */
    w = raw_write(fds[1], &m, sizeof m);
    printf("copyout: wrote %ld more bytes\n", w);
    return 0;
}

int main(int argc, char **argv) {
    copy_mc_install_handler();
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "full"))
        return full();
    if (!strcmp(mode, "partial"))
        return partial();
    if (!strcmp(mode, "overread"))
        return overread();
    if (!strcmp(mode, "copyout"))
        return copyout();
    fprintf(stderr, "usage: %s full|partial|overread|copyout\n", argv[0]);
    return 2;
}
