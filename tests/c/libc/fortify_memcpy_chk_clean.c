// libsodium's argon2 encode_string with _FORTIFY_SOURCE=2 (as Debian builds
// it): a variable-length memcpy into a fixed-size local becomes glibc's
// __memcpy_chk, uninstrumented; the copied digits keep their shadow and the
// strlen after it reads initialized bytes.
// EXPECT: clean
// CFLAGS: -D_FORTIFY_SOURCE=2
// ORACLE: skip (MemorySanitizer 19 has no __memcpy_chk interceptor: it reports strlen here, libsodium's pwhash tests)
#include "../common/opaque.h"
#include <stdint.h>

static void u32_to_string(char *str, uint32_t x) {
    char tmp[10];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)(x % 10U + '0');
        x /= 10U;
    } while (x != 0U && i != 0U);
    memcpy(str, &tmp[i], sizeof tmp - i);
    str[sizeof tmp - i] = 0;
}

__attribute__((noinline)) static size_t encode(char *dst, uint32_t x) {
    char tmp[11];
    u32_to_string(tmp, x);
    size_t n = strlen(tmp);
    memmove(dst, tmp, n + 1);
    return n;
}

int main(void) {
    char out[32];
    size_t n = encode(out, (uint32_t)OPAQUE_INT(4096));
    printf("%zu %s\n", n, out);
    return 0;
}
