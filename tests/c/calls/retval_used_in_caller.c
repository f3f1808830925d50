// A function returns an uninitialized value; the caller's branch is the use.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) int read_setting(const int *settings, int which) {
    return settings[which];
}

int main(void) {
    int *settings = uninit_heap(4 * sizeof(int));
    settings[0] = 10;
    int s = read_setting(settings, OPAQUE_INT(3));
    if (s == 10) // REPORT
        puts("ten");
    puts("done");
    return 0;
}
