// `write` called through a function pointer: its model (copy-out) runs in a
// wrapper the pass made for the indirect call, but the report names the
// user's call: frame #0 is the line of the call through the pointer, not
// the wrapper (which has no source line).
// EXPECT: report
// ORACLE: skip (umsan function models)
#include "../common/opaque.h"
#include <unistd.h>

typedef ssize_t (*write_fn)(int, const void *, size_t);
static write_fn volatile do_write = write;

int main(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    char *buf = uninit_heap(8);
    memcpy(buf, "hi", 2);
    do_write(fds[1], buf, 8); // REPORT: uninit-copy-out
    return 0;
}
