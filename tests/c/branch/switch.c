// switch on an uninitialized value.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) void a(void) { puts("a"); }
static __attribute__((noinline)) void b(void) { puts("b"); }
static __attribute__((noinline)) void c(void) { puts("c"); }

int main(void) {
    unsigned *op = uninit_heap(sizeof *op);
    switch (*op) { // REPORT
    case 1: a(); break;
    case 2: b(); break;
    case 7: c(); break;
    default: puts("other"); break;
    }
    return 0;
}
