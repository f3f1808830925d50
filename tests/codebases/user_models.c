/* The `models/user-config` case: fill_records is modelled by
 * user_models.toml (extended format), so its body is not instrumented and
 * after each call exactly `ret * 16` bytes of `out` count as initialized
 * (when ret > 0), while the tag it reads must be initialized.
 * `user_models clean` uses only the records written; `user_models` also the
 * third one, which was never written: a report at the marked line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long fill_records(void *out, const char *tag, long max);

__attribute__((noinline)) long fill_records(void *out, const char *tag, long max) {
    long n = max < 2 ? max : 2;
    for (long i = 0; i < n; i++) {
        volatile char *r = (volatile char *)out + 16 * i;
        for (int k = 0; k < 16; k++)
            r[k] = (char)(tag[0] + i + k);
    }
    return n;
}

static void *volatile keep;

int main(int argc, char **argv) {
    char *recs = malloc(4 * 16);
    keep = recs;
    recs = keep;
    long n = fill_records(recs, "t", 4);
    int sum = 0;
    for (long i = 0; i < n * 16; i++)
        if (recs[i] > 't')
            sum++;
    if (argc < 2 || strcmp(argv[1], "clean") != 0)
        if (recs[2 * 16] == 'x') /* UNINIT-USE */
            puts("never"); /* a call keeps the branch at -O2 */
    printf("%ld %d\n", n, sum);
    free(recs);
    return 0;
}
