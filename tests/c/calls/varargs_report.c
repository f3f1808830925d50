// An uninitialized value passed through `...` is used by the variadic callee.
// EXPECT: report
#include "../common/opaque.h"
#include <stdarg.h>

static __attribute__((noinline)) void log_levels(int n, ...) {
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        int level = va_arg(ap, int);
        if (level > 3) // REPORT
            puts("verbose");
    }
    va_end(ap);
}

int main(void) {
    int *cfg = uninit_heap(2 * sizeof(int));
    cfg[0] = 1; /* cfg[1] never set */
    log_levels(2, cfg[0], cfg[1]);
    puts("done");
    return 0;
}
