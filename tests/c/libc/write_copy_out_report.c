// write(2) sends bytes out of the program: uninitialized ones are reported
// as uninit-copy-out (libc models shipped with umsan), naming the range.
// EXPECT: report
// ORACLE: skip (MemorySanitizer reports this as use-of-uninitialized-value)
#include "../common/opaque.h"
#include <unistd.h>

int main(void) {
    char *msg = uninit_heap(16);
    memcpy(msg, "hello ", 6);
    msg[15] = '\n'; /* bytes [6, 15) never written */
    write(1, msg, 16); // REPORT: uninit-copy-out
    return 0;
}
// CHECK: bytes [6, 15) of 16 are uninitialized
