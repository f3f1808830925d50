// `a && b` with b uninitialized but a false: never a use of b, even when
// -O2 evaluates b speculatively (select / freeze / and of i1).
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int get_flag(const int *p) { return *p; }

int main(void) {
    int *junk = uninit_heap(2 * sizeof(int));
    int b = get_flag(junk);            /* uninitialized */
    int a = OPAQUE_INT(0);
    if (a && b)
        puts("both");
    else
        puts("not both");
    int c = get_flag(junk + 1);        /* uninitialized */
    int one = OPAQUE_INT(1);
    if (one || c)
        puts("either");
    int x = OPAQUE_INT(5);
    int y = (x > 10 && b > 3) ? 1 : 2;
    printf("%d\n", y);
    free(junk);
    return 0;
}
