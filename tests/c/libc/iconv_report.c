// iconv's output counts as written only up to where it left the output
// pointer: a byte after it, in the same fresh buffer, is still
// uninitialized.
// EXPECT: report
#include "../common/opaque.h"
#include <iconv.h>

int main(void) {
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    if (cd == (iconv_t)-1)
        return 1;
    char in[] = "h\xc3\xa9llo";
    unsigned char *out = uninit_heap(64);
    char *ip = in, *op = (char *)out;
    size_t il = strlen(in), ol = 64;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
        return 2;
    iconv_close(cd);
    long n = op - (char *)out;
    if (out[0] == 'h' && out[n - 1] == 0)
        puts("written bytes ok");
    if (out[n + OPAQUE_INT(1)] == 0x42) // REPORT
        puts("past the output");
    free(out);
    return 0;
}
