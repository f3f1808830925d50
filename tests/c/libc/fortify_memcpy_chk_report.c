// _FORTIFY_SOURCE=2: __memcpy_chk copies shadow like memcpy, so a byte it
// copies from an uninitialized source is still uninitialized in the copy.
// EXPECT: report
// CFLAGS: -D_FORTIFY_SOURCE=2
#include "../common/opaque.h"

__attribute__((noinline)) static void copy(char *dst, const char *src, size_t n) {
    memcpy(dst, src, n);
}

int main(void) {
    char *src = uninit_heap(8);
    char dst[8];
    src[0] = 'a';
    copy(dst, src, (size_t)OPAQUE_INT(8));
    if (*(char *)opaque(&dst[1]) == 'b') // REPORT
        puts("b");
    return 0;
}
