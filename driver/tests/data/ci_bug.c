/* umsan ci end-to-end test: one use of an uninitialized heap value. */
#include <stdio.h>
#include <stdlib.h>

static void check(const int *v) {
    if (v[1] > 0) /* UMSAN-BUG: v[1] was never written */
        puts("positive");
}

int main(int argc, char **argv) {
    int *v = malloc(4 * sizeof *v);
    (void)argv;
    if (v == NULL)
        return 2;
    v[0] = argc;
    check(v);
    free(v);
    return 0;
}
