// Options do not change a clean program: same output, its own exit status.
// ENV: UMSAN_OPTIONS=exitcode=42:halt_on_error=1
// EXPECT: clean
#include <stdio.h>

int main(int argc, char **argv) {
    printf("%d %s\n", argc, argv[1]);
    return 3;
}
// ARGS: hello
