// Reads from `static const` tables and string literals at computed
// indexes (their shadow is never loaded: the bytes of a read-only global
// are always initialized) mixed with defined data: no report, and the
// program's output is the native one.
// EXPECT: clean
#include "../common/opaque.h"

static const unsigned char crc_like[256] = {
#define R(i) (unsigned char)((i) * 37u + 11u)
#define R4(i) R(i), R(i + 1), R(i + 2), R(i + 3)
#define R16(i) R4(i), R4(i + 4), R4(i + 8), R4(i + 12)
#define R64(i) R16(i), R16(i + 16), R16(i + 32), R16(i + 48)
    R64(0), R64(64), R64(128), R64(192)};

struct op { const char *name; int arity; };
static const struct op ops[] = {{"neg", 1}, {"add", 2}, {"fma", 3}};

int main(void) {
    unsigned h = 0;
    const char *text = opaque("the quick brown fox");
    for (size_t i = 0; text[i]; i++)
        h = (h << 1) ^ crc_like[(unsigned char)(text[i] ^ h) & 255];
    int n = OPAQUE_INT(2);
    const char *digits = "0123456789abcdef";
    printf("%08x %s/%d %c\n", h, ops[n].name, ops[n].arity, digits[h & 15]);
    return h == 0;
}
