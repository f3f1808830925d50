// The fgets model counts what fgets wrote also for lines holding NUL bytes
// (fgets_nul_bytes_clean.c), and no more: the bytes after the NUL that
// ends a line are still uninitialized — after a line with NULs in it that
// ends in '\n', and after a last line without '\n' (curl's getpart.c
// line_length() scans such a line past its end, into bytes fgets never
// wrote: a real use of uninitialized memory).
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer also reports the bytes after the first NUL, which fgets did write)
#include "../common/opaque.h"

static volatile int sink;

int main(void) {
    FILE *f = tmpfile();
    if (!f)
        return 1;
    static const char data[] = "a\0b\n" /* 4 bytes and the NUL */
                               "last";  /* no '\n': 4 bytes and the NUL */
    fwrite(data, 1, sizeof data - 1, f);
    rewind(f);
    char *buf = uninit_heap(32);
    if (!fgets(buf, 32, f))
        return 2;
    if (buf[2] == 'b' && buf[3] == '\n' && buf[4] == 0) /* written: clean */
        sink = 1;
    if (buf[5] == 'x') // REPORT
        sink = 2;
    char *last = uninit_heap(32);
    if (!fgets(last, 32, f))
        return 3;
    if (last[3] == 't' && last[4] == 0) /* written: clean */
        sink = 3;
    if (last[5] == 'x') // REPORT
        sink = 4;
    free(last);
    free(buf);
    fclose(f);
    return 0;
}
