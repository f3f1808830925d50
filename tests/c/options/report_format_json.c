// report_format=json: one JSON object per line, naming the kind and the
// location.
// ENV: UMSAN_OPTIONS=report_format=json
// EXPECT: report
// ORACLE: skip (umsan-only option)
#include "../common/opaque.h"

int main(void) {
    int *v = uninit_heap(sizeof *v);
    if (*v > 3) // REPORT
        puts("big");
    return 0;
}
// CHECK: {{^\{.*"kind": ?"use-of-uninitialized-value".*\}$}}
// CHECK-NOT: ==WARNING
