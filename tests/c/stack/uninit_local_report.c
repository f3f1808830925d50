// A scalar local assigned only on one path, used after the join.
// EXPECT: report
#include "../common/opaque.h"

static __attribute__((noinline)) int parse_sign(const char *s, int *out) {
    if (s[0] == '-')
        *out = -1;
    else if (s[0] == '+')
        *out = 1;
    return s[0] != 0;
}

int main(void) {
    int sign;
    int *ps = opaque(&sign);
    if (parse_sign(opaque((void *)"7"), ps))
        if (*ps < 0) // REPORT
            puts("negative");
    puts("done");
    return 0;
}
