// Without origins umsan-cc leaves frame pointers to the user (nothing walks
// their chain); a report's stack comes from the unwind tables and still
// names every caller, at -O2 too, through frames that keep no frame pointer.
// CFLAGS: -fno-umsan-track-origins
// EXPECT: report
// ORACLE: skip (MemorySanitizer words stacks differently)
#include "../common/opaque.h"

static __attribute__((noinline)) int inner(const int *v) {
    if (*v > 3) { // REPORT
        puts("big");
        return 1;
    }
    return 0;
}

static __attribute__((noinline)) int middle(const int *v, int k) {
    int r = inner(v);
    return r + opaque_long(k) > 1 ? 2 : r;
}

int main(void) {
    int *v = malloc(sizeof *v);
    int r = middle(opaque(v), OPAQUE_INT(1));
    printf("%d\n", r);
    free(v);
    return 0;
}
// CHECK: #0 {{.*}} in inner {{.*}}report_stack_without_origins.c:[[@LINE-19]]
// CHECK-NEXT: #1 {{.*}} in middle {{.*}}report_stack_without_origins.c:[[@LINE-12]]
// CHECK-NEXT: #2 {{.*}} in main {{.*}}report_stack_without_origins.c:[[@LINE-7]]
