/* Report throughput with halt_on_error=0 (bench/report_rate.sh).
 *
 *   report_rate repeat N    N reports from one check (one distinct stack):
 *                           the cost of a repeat that dedup drops
 *   report_rate distinct N  N reports with N distinct stacks (recursion
 *                           depth 0..N-1): each one unwound, symbolized,
 *                           printed
 *   report_rate once        one report, for the many-short-processes case
 *
 * Prints "<N> reports in <s> s: <r> reports/s" on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile int sink;
static int *volatile uninit;

__attribute__((noinline)) static void use(int depth) {
    if (depth > 0) {
        use(depth - 1);
        sink++;
        return;
    }
    if (*uninit > 0)
        sink++;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "repeat";
    long n = argc > 2 ? atol(argv[2]) : 1;
    uninit = malloc(sizeof(int));
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (strcmp(mode, "distinct") == 0) {
        for (long i = 0; i < n; i++)
            use((int)i);
    } else {
        if (strcmp(mode, "once") == 0)
            n = 1;
        for (long i = 0; i < n; i++)
            use(0);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%ld reports in %.3f s: %.0f reports/s\n", n, s, (double)n / s);
    fflush(stdout); /* MemorySanitizer ends a run that reported with _exit */
    free(uninit);
    return 0;
}
