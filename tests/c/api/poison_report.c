// umsan_poison marks initialized memory as uninitialized; a later use is
// reported.
// EXPECT: report
#include "../common/opaque.h"
#include <umsan.h>

int main(void) {
    int values[4] = {1, 2, 3, 4};
    int *v = opaque(values);
    umsan_poison(&v[2], sizeof v[2]);
    if (v[1] == 2)
        puts("v[1] fine");
    if (v[2] == 3) // REPORT
        puts("v[2] is 3");
    return 0;
}
