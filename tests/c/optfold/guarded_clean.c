// The other side of the folded-path reports: locals assigned on some
// paths and read only on paths where they were assigned stay clean at
// every level, however the optimizer rearranges the paths.
// MODES: O0 O1 O2 O3
// EXPECT: clean
#include "../common/opaque.h"

static __attribute__((noinline)) int first_positive(const int *a, int n) {
    int best;
    int have = 0;
    for (int i = 0; i < n; i++) {
        if (a[i] > 0 && (!have || a[i] < best)) {
            best = a[i];
            have = 1;
        }
    }
    return have ? best : -1;
}

static __attribute__((noinline)) long sum_if(int c, const long *v) {
    long x;
    if (c)
        x = v[0] + v[1];
    long r = 0;
    for (int i = 0; i < 4; i++)
        if (c)
            r += x * i;
    return r;
}

static int classify(int k) {
    int w;
    switch (k) {
    case 0: w = 3; break;
    case 1: w = 5; break;
    default: return -1;
    }
    return w;
}

struct result {
    int ok;
    int val;
};

/* An Option-like struct: `val` is set only when `ok` is. */
static __attribute__((noinline)) struct result parse_digit(int c) {
    struct result r;
    r.ok = c >= '0' && c <= '9';
    if (r.ok)
        r.val = c - '0';
    return r;
}

/* The uninitialized argument is passed but not used when flag is 0. */
static __attribute__((noinline)) int pick(int flag, int v) {
    return flag ? v : 0;
}

int main(void) {
    int a[6] = {-1, 7, -3, 2, 9, 0};
    long v[2] = {3, 4};
    printf("%d\n", first_positive(a, OPAQUE_INT(6)));
    printf("%d\n", first_positive(a, OPAQUE_INT(1)));
    printf("%ld %ld\n", sum_if(OPAQUE_INT(1), v), sum_if(OPAQUE_INT(0), v));
    int total = 0;
    for (int k = 0; k < 4; k++)
        total += classify(OPAQUE_INT(k));
    printf("%d\n", total);
    int m;
    int found = 0;
    for (int i = 0; i < 6; i++)
        if (a[i] == OPAQUE_INT(9)) {
            m = i;
            found = 1;
        }
    if (found)
        printf("at %d\n", m);
    for (const char *s = "4x2"; *s; s++) {
        struct result r = parse_digit(OPAQUE_INT(*s));
        if (r.ok)
            printf("digit %d\n", r.val);
    }
    int u;
    int flag = OPAQUE_INT(0);
    if (flag)
        u = 3;
    printf("%d\n", pick(flag, u));
    return 0;
}
