// A pointer left unassigned on one path, then dereferenced.
// MODES: O0 O1 O2 O3
// EXPECT: report
#include "../common/opaque.h"

static char buf[16] = "hello";

int main(void) {
    char *p;
    if (OPAQUE_INT(0))
        p = buf;
    putchar(*p); // REPORT
    putchar('\n');
    return 0;
}
// CHECK: Uninitialized value was created by a stack allocation of 'p' in main
