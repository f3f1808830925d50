// A static function called only directly (a "closed" function) whose
// call sites all pass initialized arguments but one: umsan drops the
// shadow passing for arguments every call site proves initialized, never
// for one that a single call site may pass uninitialized. Each use of an
// uninitialized argument is reported in the callee; the clean calls are not.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// REPORT-ORDER: any
#include "../common/opaque.h"

static int table[8] = {1, 2, 3, 4, 5, 6, 7, 8};

static __attribute__((noinline)) int level_of(const int *t, int i, int bias) {
    int v = t[i & 7] + bias;
    if (v > 4) // REPORT
        puts("loud");
    return i;
}

static __attribute__((noinline)) int scaled(int k) {
    return k * 3;
}

int main(void) {
    int *cfg = uninit_heap(4 * sizeof(int));
    cfg[0] = 2;
    int n = 0;
    n += level_of(table, 1, 0);      /* constant arguments */
    n += level_of(table, cfg[0], 1); /* initialized */
    n += level_of(table, 3, cfg[1]); /* bias uninitialized: reported in level_of */
    int s = scaled(cfg[2]);          /* passing and returning is not a use */
    if (scaled(n) > 100)
        puts("many");
    if (s == 12345) // REPORT
        puts("odd");
    puts("done");
    return 0;
}
// STDOUT: done
