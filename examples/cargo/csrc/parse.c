/* C code of the example crate, called from Rust (see src/lib.rs). */

#include <stddef.h>
#include <string.h>

/* Clean: counts the digits of a NUL-terminated string. */
int count_digits(const char *s) {
    int n = 0;
    for (size_t i = 0; s[i] != '\0'; i++)
        if (s[i] >= '0' && s[i] <= '9')
            n++;
    return n;
}

/* Clean: sums `len` bytes that Rust allocated and filled. */
unsigned sum_bytes(const unsigned char *buf, size_t len) {
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += buf[i];
    return sum;
}

/* Clean: calls back into Rust for every element; the callback's result
 * (written by uninstrumented Rust) is initialized. */
int map_sum(const int *xs, size_t len, int (*f)(int)) {
    int total = 0;
    for (size_t i = 0; i < len; i++)
        total += f(xs[i]);
    return total;
}

/* Seeded bug: `v` is left uninitialized unless s[0] == 'x', and is then
 * used in a branch. `parse("y")` is a use of an uninitialized value. */
int parse(const char *s) {
    int v;
    if (s[0] == 'x')
        v = 1;
    if (v > 0) /* <- umsan reports this line for parse("y") */
        return 1;
    return 0;
}
