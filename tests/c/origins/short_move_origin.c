// Short moves of a run-time length with origins (a record copied with a
// length the compiler does not know): the runtime copies the shadow and
// tests it in one pass, and moves origins only when a moved byte is
// uninitialized. The uninitialized bytes keep the origin of the block they
// came from, initialized bytes moved over poisoned ones clean them, and an
// overlapping move (memmove within one buffer) still moves both.
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// ORACLE: skip (MemorySanitizer does not deduplicate reports)
#include "../common/opaque.h"

static __attribute__((noinline)) char *half_written(void) {
    char *p = opaque(malloc(40));
    memset(p, 'a', 20); /* p[20..40) uninitialized */
    return p;
}

int main(void) {
    char *src = half_written();
    char *dst = opaque(malloc(48)); /* uninitialized, another origin */
    memcpy(dst, src, opaque_long(40)); /* 40 bytes: 20 clean, 20 not */
    if (dst[3] == 'a')
        puts("clean part");
    if (dst[33] == 'b') // REPORT
        puts("b");
    char clean[31];
    memset(clean, 'c', sizeof clean);
    memcpy(dst, clean, opaque_long(31)); /* cleans dst[0..31) */
    if (dst[25] == 'c')
        puts("overwritten");
    memmove(dst + 3, dst + 30, opaque_long(7)); /* dst[30] clean, dst[31..37) not */
    if (dst[3] == 'c')
        puts("moved clean");
    if (dst[6] == 'd') // REPORT
        puts("d");
    memmove(dst + 28, dst + 30, opaque_long(8)); /* overlapping: dst[29..36) not */
    if (dst[28] == 'c')
        puts("overlap clean");
    if (dst[34] == 'e') // REPORT
        puts("e");
    return 0;
}
// STDOUT: clean part
// STDOUT: overwritten
// STDOUT: moved clean
// STDOUT: overlap clean
// CHECK: short_move_origin.c:25
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in half_written {{.*}}short_move_origin.c:14
// CHECK: short_move_origin.c:35
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in half_written {{.*}}short_move_origin.c:14
// CHECK: short_move_origin.c:40
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in half_written {{.*}}short_move_origin.c:14
