// The clean twin of debug_records_report.c: the same shapes over
// initialized memory, built with -g and the verifier on at the end of the
// pipeline (the module must verify: no phi after debug records), print
// what a native build prints.
// CFLAGS: -fumsan-track-origins -fverify-intermediate-code
// EXPECT: clean
#include "../common/opaque.h"

int global_count;

static __attribute__((noinline)) void use(int v) { printf("%d\n", v); }

static __attribute__((noinline)) int from_heap(int n) {
    int scaled = n * 3;
    use(scaled);
    int *t = opaque(malloc(4 * sizeof(int)));
    for (int i = 0; i < 4; i++)
        t[i] = i * n;
    int w = t[2] + global_count;
    if (w > 3)
        use(scaled + w);
    free(t);
    return scaled;
}

static __attribute__((noinline)) int from_stack(int n) {
    int scaled = n * 5;
    use(scaled);
    int slot = n;
    int *ps = opaque(&slot);
    if (*ps < scaled)
        use(scaled - *ps);
    return scaled;
}

int main(void) {
    int a = from_heap(OPAQUE_INT(2));
    int b = from_stack(OPAQUE_INT(2));
    printf("%d %d\n", a, b);
    return 0;
}
// STDOUT: 6
// STDOUT: 10
