// In-place read-modify-write (`count[x]++`): the value written back keeps
// the shadow and origin it was read with — an uninitialized counter stays
// uninitialized (with its heap origin) however often it is incremented, an
// initialized one stays initialized; and a write through an alias between
// the read and the write-back does not make the written-back value clean.
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// ORACLE: skip (MemorySanitizer has no halt_on_error=0 without -fsanitize-recover)
#include "../common/opaque.h"

static __attribute__((noinline)) void histogram(unsigned *count, const unsigned char *in, int n) {
    for (int i = 0; i < n; i++)
        count[in[i]]++;
}

static __attribute__((noinline)) void bump_after_alias_write(int *p, int *q) {
    int v = *p; /* uninitialized */
    *q = 5;     /* q == p: initializes *p ... */
    *p = v + 1; /* ... which the write-back makes uninitialized again */
}

int main(void) {
    unsigned *count = uninit_heap(256 * sizeof *count);
    memset(count, 0, 128 * sizeof *count); /* counters 128..255 uninitialized */
    unsigned char in[4096];
    for (int i = 0; i < (int)sizeof in; i++)
        in[i] = (unsigned char)(i * 7);
    histogram(count, opaque(in), OPAQUE_INT(sizeof in));
    if (count[5] == 16)
        printf("count[5] = 16\n");
    if (count[200] > 3) // REPORT
        printf("count[200] big\n");

    int *cell = uninit_heap(sizeof *cell);
    bump_after_alias_write(cell, opaque(cell));
    if (*cell > 0) // REPORT
        printf("cell positive\n");
    free(cell);
    free(count);
    return 0;
}
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in main {{.*}}increment_in_place.c:[[@LINE-20]]
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in main {{.*}}increment_in_place.c:[[@LINE-11]]
// STDOUT: count[5] = 16
