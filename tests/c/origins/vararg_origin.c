// A value passed through `...` and used in the variadic callee: the report
// carries the origin of the uninitialized argument, whether it was passed in
// a general-purpose register, a vector register or on the stack (overflow
// area), read directly or through a `va_list` handed to another function,
// from the heap or from a stack variable.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"
#include <stdarg.h>

/* Each callee uses its last variadic argument (of n). */
static __attribute__((noinline)) void gp_arg(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int v = 0;
    for (int i = 0; i < n; i++)
        v = va_arg(ap, int);
    va_end(ap);
    if (v > 5) // REPORT
        puts("gp big");
}

static __attribute__((noinline)) void stack_arg(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long v = 0;
    for (int i = 0; i < n; i++)
        v = va_arg(ap, long);
    va_end(ap);
    if (v > 5) // REPORT
        puts("overflow big");
}

static __attribute__((noinline)) void fp_arg(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double v = 0;
    for (int i = 0; i < n; i++)
        v = va_arg(ap, double);
    va_end(ap);
    if (v > 5.0) // REPORT
        puts("fp big");
}

static __attribute__((noinline)) void use_list(int n, va_list ap) {
    int v = 0;
    for (int i = 0; i < n; i++)
        v = va_arg(ap, int);
    if (v > 5) // REPORT
        puts("list big");
}

static __attribute__((noinline)) void forward(int n, ...) {
    va_list ap;
    va_start(ap, n);
    use_list(n, ap);
    va_end(ap);
}

static __attribute__((noinline)) void local_arg(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int v = 0;
    for (int i = 0; i < n; i++)
        v = va_arg(ap, int);
    va_end(ap);
    if (v > 5) // REPORT
        puts("local big");
}

int main(void) {
    int *h = uninit_heap(4 * sizeof(int));
    long *l = uninit_heap(4 * sizeof(long));
    double *d = uninit_heap(4 * sizeof(double));
    h[0] = 1;
    gp_arg(2, h[0], h[1]);
    stack_arg(9, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, l[2]);
    fp_arg(2, 1.0, d[3]);
    forward(3, 1, 2, h[2]);
    int unset;
    int *pu = opaque(&unset);
    local_arg(1, *pu);
    return 0;
}
// CHECK: #0 {{.*}} in gp_arg {{.*}}vararg_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in stack_arg {{.*}}vararg_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in fp_arg {{.*}}vararg_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in use_list {{.*}}vararg_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in local_arg {{.*}}vararg_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a stack allocation of 'unset' in main
