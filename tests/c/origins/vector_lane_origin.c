// A report on a vector lane carries the origin of the uninitialized element
// the lane came from: lanes extracted after arithmetic, a shuffle, a vector
// built element by element, a vector select, a vector carried through a
// loop (phi), a reduction, and a loop the optimizer vectorizes into one.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"

typedef int v4si __attribute__((vector_size(16)));

static __attribute__((noinline)) v4si load4(const int *p) {
    v4si v;
    memcpy(&v, p, sizeof v);
    return v;
}

static __attribute__((noinline)) void shuffled(const int *h) {
    v4si a = load4(h), b = load4(h + 4);
    v4si s = __builtin_shufflevector(a, b, 6, 1, 2, 3);
    if (s[OPAQUE_INT(0)] > 5) // REPORT
        puts("shuffle big");
}

static __attribute__((noinline)) void built(const int *h) {
    v4si v = {h[0], h[1], h[2], h[3]};
    v = v * 3 + 1;
    if (v[OPAQUE_INT(2)] > 5) // REPORT
        puts("built big");
}

/* A lane chosen by a mask (a vector select at -O2). */
static __attribute__((noinline)) void selected(const int *h) {
    v4si a = load4(h), b = load4(h + 4);
    v4si m = a >= (v4si){0, 0, 0, 0};
    v4si r = (m & b) | (~m & a);
    if (r[OPAQUE_INT(2)] > 5) // REPORT
        puts("select big");
}

static __attribute__((noinline)) void looped(const int *h, int n) {
    v4si acc = {0, 0, 0, 0};
    for (int i = 0; i < n; i++)
        acc += load4(h + 4 * i);
    if (acc[OPAQUE_INT(2)] > 5) // REPORT
        puts("loop big");
}

static __attribute__((noinline)) void reduced(const int *h) {
    v4si v = load4(h + 4);
    if (__builtin_reduce_add(v) > 5) // REPORT
        puts("reduce big");
}

static __attribute__((noinline)) void vectorized(const int *h, int n) {
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += h[i];
    if (sum > 5) // REPORT
        puts("sum big");
}

static __attribute__((noinline)) void local_lane(void) {
    int local[8];
    int *p = opaque(local);
    for (int i = 0; i < 8; i++)
        if (i != 6)
            p[i] = i;
    v4si v = load4(p + 4) + load4(p);
    if (v[OPAQUE_INT(2)] > 5) // REPORT
        puts("local big");
}

int main(void) {
    int *h = uninit_heap(16 * sizeof(int));
    for (int i = 0; i < 16; i++)
        if (i != 6)
            h[i] = i & 1;
    /* h[6] (lane 2 of the second vector) is the only uninitialized element. */
    shuffled(h);
    int *h2 = uninit_heap(4 * sizeof(int));
    h2[0] = h2[1] = h2[3] = 1;
    built(h2);
    selected(h);
    looped(h, 2);
    reduced(h);
    vectorized(h, OPAQUE_INT(16));
    local_lane();
    return 0;
}
// CHECK: #0 {{.*}} in shuffled {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in built {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in selected {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in looped {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in reduced {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in vectorized {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in local_lane {{.*}}vector_lane_origin.c:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a stack allocation of 'local' in local_lane
