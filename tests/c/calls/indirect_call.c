// Calling through an uninitialized function pointer.
// EXPECT: report
// ORACLE: skip (MemorySanitizer does not check indirect call targets)
#include "../common/opaque.h"

struct ops {
    int (*open)(int);
    int (*close)(int);
};

static int my_open(int x) { return x + 1; }

int main(void) {
    struct ops *ops = uninit_heap(sizeof *ops);
    ops->open = my_open; /* close is never set */
    int fd = ops->open(OPAQUE_INT(2));
    int r = ops->close(fd); // REPORT
    printf("%d\n", r);
    return 0;
}
