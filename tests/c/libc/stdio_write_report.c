// Bytes written to a FILE leave the program: fwrite, fputs and puts of
// uninitialized bytes are uninit-copy-out reports naming the range.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (msan reports these as use-of-uninitialized-value)
#include "../common/opaque.h"
#include <umsan.h>

int main(void) {
    char *msg = uninit_heap(16);
    memcpy(msg, "0123", 4);
    memset(msg + 4, 'x', 6);
    msg[10] = 0;
    umsan_poison(msg + 4, 6); /* "0123xxxxxx": the x's count as uninitialized */
    FILE *f = tmpfile();
    if (!f)
        return 1;
    fwrite(msg, 1, 4, f); /* initialized: clean */
    fwrite(msg, 2, 3, f); // REPORT: uninit-copy-out
    fputs(msg, f); // REPORT: uninit-copy-out
    fclose(f);
    return 0;
}
// CHECK: bytes [4, 6) of 6 are uninitialized
// CHECK: bytes [4, 10) of 10 are uninitialized
