// arc4random_buf (uninstrumented) writes only the local whose address it
// gets: a second local beside it stays uninitialized.
// EXPECT: report
#include "../common/opaque.h"
#include <stdlib.h>

__attribute__((noinline)) static unsigned long pick(void) {
    unsigned long entropy, tweak;
    arc4random_buf(&entropy, sizeof(entropy));
    return entropy ^ *(unsigned long *)opaque(&tweak);
}

int main(void) {
    if (pick() & 1) // REPORT
        puts("odd");
    return 0;
}
