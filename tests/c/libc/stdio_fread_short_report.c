// fread initializes only what it read (ret * size bytes): the rest of the
// buffer stays uninitialized, and fgets at end of file leaves its buffer
// alone.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan does not poison fgets' untouched buffer either, but its fread tail check differs)
#include "../common/opaque.h"

static volatile int sink;

int main(void) {
    FILE *f = tmpfile();
    if (!f)
        return 1;
    fwrite("abcdefgh", 1, 8, f);
    rewind(f);
    char *buf = uninit_heap(16);
    size_t got = fread(buf, 4, 4, f); /* 2 items: 8 bytes */
    if (buf[7] == 'h') /* read: clean */
        sink = (int)got;
    if (buf[8] == 'i') // REPORT
        sink = 2;
    char *line = uninit_heap(16);
    if (!fgets(line, 16, f)) /* at EOF: nothing written */
        if (line[0] == 'x') // REPORT
            sink = 3;
    fclose(f);
    return 0;
}
