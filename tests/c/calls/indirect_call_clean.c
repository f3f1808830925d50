// Indirect calls through initialized function pointers; the table has an
// uninitialized slot that is never called.
// EXPECT: clean
#include "../common/opaque.h"

struct ops {
    int (*open)(int);
    int (*close)(int);
    int (*unused)(int);
};

static int my_open(int x) { return x + 1; }
static int my_close(int x) { return x * 2; }

int main(void) {
    struct ops *ops = uninit_heap(sizeof *ops);
    ops->open = my_open;
    ops->close = my_close;
    int fd = ops->open(OPAQUE_INT(2));
    int r = ops->close(fd);
    int (*fp)(int) = opaque((void *)my_close);
    printf("%d %d\n", r, fp(r));
    free(ops);
    return 0;
}
