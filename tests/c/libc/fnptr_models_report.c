// A library function with a model, called through a function pointer: the
// model still applies. `read` through a pointer initializes exactly the
// bytes received (the rest of the buffer stays uninitialized), and
// `memcpy` through a pointer copies the metadata of what it copies, so an
// uninitialized source byte stays uninitialized in the destination.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <unistd.h>

typedef ssize_t (*read_fn)(int, void *, size_t);
typedef void *(*copy_fn)(void *, const void *, size_t);
static read_fn volatile do_read = read;
static copy_fn volatile do_copy = memcpy;

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    unsigned char *buf = uninit_heap(32);
    if (write(fds[1], "abcd", 4) != 4)
        return 1;
    ssize_t got = do_read(fds[0], buf, 32);
    if (got == 4 && buf[0] == 'a' && buf[3] == 'd')
        printf("read %zd\n", got);
    if (buf[4] == 'e') // REPORT
        printf("five\n");
    unsigned char *src = uninit_heap(8), *dst = opaque(malloc(8));
    memset(dst, 1, 8);
    src[0] = 'x';
    do_copy(dst, src, 8);
    if (dst[0] == 'x')
        printf("copied\n");
    if (dst[1] == 'y') // REPORT
        printf("y\n");
    return 0;
}
