// Other common shapes of a use whose value came from a heap or stack
// allocation: each report carries the origin. Scalar intrinsics (bswap,
// popcount, overflow checks, rotates), a struct copied with memcpy then
// read, a struct passed by value, atomics, libc checks (memcmp, strlen,
// write), a switch, a divisor, a bit-field, a double, realloc's new tail,
// values returned and passed by instrumented functions.
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// ORACLE: skip (MemorySanitizer words stack origins differently)
#include "../common/opaque.h"
#include <unistd.h>

struct rec {
    int a, b;
    long pad[3];
    unsigned flag : 3, kind : 5;
};

static unsigned *h;

static __attribute__((noinline)) void intrinsics(void) {
    if (__builtin_bswap32(h[0]) & 0x100) // REPORT
        puts("bswap");
    if (__builtin_popcount(h[1]) > 3) // REPORT
        puts("popcount");
    int r;
    if (__builtin_add_overflow((int)h[2], 5, &r)) // REPORT
        puts("overflow");
    unsigned x = h[3];
    if (((x << 7) | (x >> 25)) & 1) // REPORT
        puts("rotate");
}

static __attribute__((noinline)) void struct_copy(const struct rec *src) {
    struct rec local;
    memcpy(&local, src, sizeof local);
    if (local.b > 1) // REPORT
        puts("copy");
}

static __attribute__((noinline)) void by_value(struct rec r) {
    if (r.b > 1) // REPORT
        puts("by value");
}

static __attribute__((noinline)) void bitfield(const struct rec *r) {
    if (r->kind == 3) // REPORT
        puts("kind");
}

static __attribute__((noinline)) void atomics(int *p) {
    if (__atomic_load_n(&p[0], __ATOMIC_ACQUIRE) > 2) // REPORT
        puts("atomic");
    static int target;
    int expected = p[1];
    if (__atomic_compare_exchange_n(&target, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) // REPORT
        puts("cas");
}

static __attribute__((noinline)) void libc_checks(char *s) {
    if (memcmp(s, "abcdefgh", OPAQUE_INT(8)) < 0) // REPORT
        puts("memcmp");
    s[4] = 'x';
    s[6] = 0;
    if (strlen(s + 4) > 1) // REPORT
        puts("strlen");
    write(1, s, 6); // REPORT: uninit-copy-out
}

static __attribute__((noinline)) void control(int *p, double *d) {
    switch (p[2]) { // REPORT
    case 1:
        puts("one");
        break;
    case 7:
        puts("seven");
        break;
    }
    if (100 / OPAQUE_INT(p[3] | 1) > 3) // REPORT
        puts("divided");
    if (d[0] > 1.5) // REPORT
        puts("double");
}

static __attribute__((noinline)) void grown(void) {
    int *p = opaque(malloc(2 * sizeof(int)));
    p[0] = p[1] = 1;
    p = opaque(realloc(p, 8 * sizeof(int)));
    if (p[5] > 1) // REPORT
        puts("realloc tail");
    free(p);
}

static __attribute__((noinline)) int leak_local(void) {
    int unset;
    return *(int *)opaque(&unset);
}

static __attribute__((noinline)) void take(int v) {
    if (v > 3) // REPORT
        puts("param");
}

int main(void) {
    h = uninit_heap(4 * sizeof(unsigned));
    intrinsics();
    struct rec *r = uninit_heap(sizeof(struct rec));
    r->a = 1;
    struct_copy(r);
    r->pad[0] = r->pad[1] = r->pad[2] = 0;
    by_value(*r);
    bitfield(r);
    atomics(uninit_heap(2 * sizeof(int)));
    libc_checks(uninit_heap(8));
    control(uninit_heap(4 * sizeof(int)), uninit_heap(sizeof(double)));
    grown();
    take(*(int *)uninit_heap(sizeof(int)));
    int v = leak_local();
    if (v == 12345) // REPORT
        puts("returned");
    return 0;
}
// CHECK: #0 {{.*}} in intrinsics {{.*}}shapes_origin.c:23:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in intrinsics {{.*}}shapes_origin.c:25:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in intrinsics {{.*}}shapes_origin.c:28:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in intrinsics {{.*}}shapes_origin.c:31:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in struct_copy {{.*}}shapes_origin.c:38:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in by_value {{.*}}shapes_origin.c:43:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in bitfield {{.*}}shapes_origin.c:48:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in atomics {{.*}}shapes_origin.c:53:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in atomics {{.*}}shapes_origin.c:57:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in libc_checks {{.*}}shapes_origin.c:62:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in libc_checks {{.*}}shapes_origin.c:66:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in libc_checks {{.*}}shapes_origin.c:68:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in control {{.*}}shapes_origin.c:72:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in control {{.*}}shapes_origin.c:80:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in control {{.*}}shapes_origin.c:82:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in grown {{.*}}shapes_origin.c:90:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in take {{.*}}shapes_origin.c:101:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: #0 {{.*}} in main {{.*}}shapes_origin.c:120:
// CHECK-NOT: SUMMARY
// CHECK: Uninitialized value was created by a stack allocation of 'unset' in leak_local
