/* umsan ci end-to-end test: the same program, fully initialized. */
#include <stdio.h>
#include <stdlib.h>

static void check(const int *v) {
    if (v[1] > 0)
        puts("positive");
}

int main(int argc, char **argv) {
    int *v = calloc(4, sizeof *v);
    (void)argv;
    if (v == NULL)
        return 2;
    v[0] = argc;
    check(v);
    free(v);
    return 0;
}
