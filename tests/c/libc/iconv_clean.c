// iconv writes its output through the pointer it is handed by address
// (`&out`) and advances it: the bytes it produced count as written, also
// when it stops early (E2BIG) after a partial conversion, and the shift
// sequence of a flush (in = NULL). libarchive's charset conversions.
// EXPECT: clean
#include "../common/opaque.h"
#include <errno.h>
#include <iconv.h>

static unsigned sum(const unsigned char *p, const unsigned char *end) {
    unsigned s = 0;
    for (; p < end; p++)
        if (*p != 0)
            s += *p;
    return s;
}

int main(void) {
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    if (cd == (iconv_t)-1)
        return 1;
    char in[] = "h\xc3\xa9llo w\xc3\xb6rld";
    unsigned char *out = uninit_heap(64);
    char *ip = in, *op = (char *)out;
    size_t il = strlen(in), ol = 64;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
        return 2;
    printf("converted %ld bytes, sum %u\n", (long)(op - (char *)out), sum(out, (unsigned char *)op));

    /* E2BIG: 6 bytes of room, three characters written, -1 returned. */
    unsigned char *small = uninit_heap(6);
    ip = in;
    il = strlen(in);
    op = (char *)small;
    ol = 6;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    printf("partial: r=%ld e2big=%d wrote %ld, sum %u, left %zu\n", (long)r, r == (size_t)-1 && errno == E2BIG,
           (long)(op - (char *)small), sum(small, (unsigned char *)op), il);
    iconv_close(cd);

    /* A stateful encoding: the flush writes the closing shift sequence. */
    cd = iconv_open("ISO-2022-JP", "UTF-8");
    if (cd == (iconv_t)-1)
        return 3;
    char jp[] = "\xe6\x97\xa5";
    unsigned char *sh = uninit_heap(32);
    ip = jp;
    il = strlen(jp);
    op = (char *)sh;
    ol = 32;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
        return 4;
    char *mid = op;
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        return 5;
    printf("iso-2022-jp: %ld + %ld bytes, sum %u\n", (long)(mid - (char *)sh), (long)(op - mid),
           sum(sh, (unsigned char *)op));
    iconv(cd, NULL, NULL, NULL, NULL);
    iconv_close(cd);
    free(out);
    free(small);
    free(sh);
    return 0;
}
