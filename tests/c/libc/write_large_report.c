// A copy-out check of more than a chunk (1 MiB, checked chunk by chunk for
// mapped memory so that a length nothing can read does not scan terabytes
// of shadow) still finds an uninitialized byte far into a mapped buffer.
// EXPECT: report
#include "../common/opaque.h"
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    size_t n = 3u << 20;
    char *buf = opaque(malloc(n));
    memset(buf, 'a', n);
    buf[n - 100] = *(char *)opaque(malloc(1)); /* one uninitialized byte near the end */
    int fd = open("/dev/null", O_WRONLY);
    ssize_t w = write(fd, buf, n); // REPORT: uninit-copy-out
    printf("%zd\n", w);
    return 0;
}
