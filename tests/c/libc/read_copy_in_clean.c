// read(2) fills a heap buffer: the bytes read are initialized; fgets, memcpy
// from libc-produced data and getenv results too.
// EXPECT: clean
#include "../common/opaque.h"
#include <unistd.h>

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    const char msg[] = "line one\nline two\n";
    if (write(fds[1], msg, sizeof msg - 1) != (ssize_t)(sizeof msg - 1))
        return 2;
    close(fds[1]);
    char *buf = uninit_heap(64);
    ssize_t n = read(fds[0], buf, 64);
    close(fds[0]);
    int lines = 0;
    for (ssize_t i = 0; i < n; i++)
        if (buf[i] == '\n')
            lines++;
    printf("%zd bytes, %d lines\n", n, lines);

    FILE *f = tmpfile();
    if (!f)
        return 3;
    fputs("alpha\nbeta\n", f);
    rewind(f);
    char line[32];
    int count = 0;
    while (fgets(line, sizeof line, f))
        if (line[0] == 'a' || line[0] == 'b')
            count++;
    fclose(f);
    const char *home = getenv("UMSAN_TEST_VALUE");
    if (home && home[0] == 'x')
        count += 10;
    printf("%d\n", count);
    free(buf);
    return 0;
}
// ENV: UMSAN_TEST_VALUE=xyz
