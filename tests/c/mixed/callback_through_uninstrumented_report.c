// Memory umsan's code poisoned stays poisoned while uninstrumented code
// (here a function umsan does not instrument) hands it to an instrumented
// callback: the callback's use is reported there. Arguments the
// uninstrumented caller passes count as initialized.
// EXPECT: report
#include "../common/opaque.h"

static volatile int sink;

__attribute__((noinline)) static void visit(char *p, int k) {
    if (k == 7) /* k comes from uninstrumented code: clean */
        sink = 1;
    if (p[0] == 'x') // REPORT
        sink = 2;
}

__attribute__((noinline, disable_sanitizer_instrumentation)) static void apply(void (*cb)(char *, int), char *p) {
    cb(p, 7);
}

int main(void) {
    char *buf = uninit_heap(16);
    apply(visit, buf);
    return 0;
}
