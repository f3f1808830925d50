// Loops, phis and loop-carried values over initialized data.
// EXPECT: clean
#include "../common/opaque.h"

int main(void) {
    int n = OPAQUE_INT(64);
    int *a = uninit_heap((n + 8) * sizeof(int)); /* 8 spare, never used */
    for (int i = 0; i < n; i++)
        a[i] = (i * 7919) % 101;
    unsigned h = 0;
    int max = -1, argmax = -1;
    for (int i = 0; i < n; i++) {
        h = h * 31 + (unsigned)a[i];
        if (a[i] > max) {
            max = a[i];
            argmax = i;
        }
    }
    int i = 0;
    while (i < n && a[i] != 50)
        i++;
    printf("%u %d %d %d\n", h, max, argmax, i);
    free(a);
    return 0;
}
