// printf-family arguments checked against their format: the report carries
// the origin of the uninitialized argument (an int, a `*` width, a double,
// a stack variable, and one read from a `va_list` by vfprintf).
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"
#include <stdarg.h>

static void log_line(const char *fmt, ...);

int main(void) {
    int *h = uninit_heap(4 * sizeof(int));
    double *d = uninit_heap(2 * sizeof(double));
    h[0] = 3;
    printf("value %d\n", h[1]); // REPORT
    printf("[%*d]\n", h[2], 7); // REPORT
    printf("%.3f\n", d[1]); // REPORT
    int unset;
    int *pu = opaque(&unset);
    printf("local %d\n", *pu); // REPORT
    log_line("logged %d %d\n", h[0], h[3]);
    return 0;
}

/* Defined after main: the reports come in the order of the file. */
__attribute__((noinline)) static void log_line(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap); // REPORT
    va_end(ap);
}
// CHECK: #0 {{.*}} in main {{.*}}printf_origin.c:17
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in main {{.*}}printf_origin.c:18
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in main {{.*}}printf_origin.c:19
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in main {{.*}}printf_origin.c:22
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a stack allocation of 'unset' in main
// CHECK: #0 {{.*}} in log_line {{.*}}printf_origin.c:31
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
