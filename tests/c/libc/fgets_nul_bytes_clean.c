// fgets reads a line that holds NUL bytes (binary data read line by line:
// curl's test server reads its test files so, and scans each line up to
// its '\n' with its own loop, past the NULs): every byte up to the '\n'
// and the terminating NUL was written by fgets, also after a NUL inside
// the line; and a buffer fgets filled (no '\n' in it) is written to its
// last byte, NULs inside or not. Before the `fgetslen` model, umsan (as
// MemorySanitizer's fgets interceptor, which marks strlen + 1 bytes)
// counted only the bytes up to the first NUL as written.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer's fgets interceptor marks only strlen + 1 bytes: it reports these lines)
#include "../common/opaque.h"

/* curl's tests/server/getpart.c line_length(): up to the '\n', not
 * stopping at NUL bytes. */
static size_t line_length(const char *buffer, int bytestocheck) {
    size_t length = 1;
    while (*buffer != '\n' && --bytestocheck) {
        length++;
        buffer++;
    }
    if (*buffer != '\n')
        length--;
    return length;
}

int main(void) {
    FILE *f = tmpfile();
    if (!f)
        return 1;
    static const char data[] = "ab\0cd\0\0ef\n"   /* NULs inside a line */
                               "\0\n"             /* a NUL, then the '\n' */
                               "plain\n"
                               "0123456\0" "89abcdefgh\n"; /* longer than the 16-byte buffer, a NUL in its first part */
    fwrite(data, 1, sizeof data - 1, f);
    rewind(f);
    char *buf = uninit_heap(16);
    size_t lens[6];
    int k = 0;
    while (k < 6 && fgets(buf, 16, f)) {
        lens[k] = line_length(buf, 16);
        unsigned sum = 0;
        for (size_t i = 0; i < lens[k]; i++) /* every byte fgets read */
            sum += (unsigned char)buf[i];
        printf("line %d: %zu bytes, sum %u\n", k, lens[k], sum);
        k++;
    }
    free(buf);
    fclose(f);
    return k == 5 ? 0 : 2;
}
