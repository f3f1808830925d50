// Null check of a pointer local that was never assigned.
// The local's address escapes to a function that does not write it.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) void maybe_find(const char **out, int want) {
    if (want) /* not taken: *out is left as it was */
        *out = "found";
}

int main(void) {
    const char *name;
    const char **slot = opaque(&name);
    maybe_find(slot, OPAQUE_INT(0));
    if (*slot != NULL) // REPORT
        puts("have a name");
    puts("done");
    return 0;
}
