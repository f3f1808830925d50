// Static functions called only directly ("closed") get their arguments'
// shadows as extra parameters instead of through thread-local slots
// (instrument/ipo.rs, shadow_arguments). With eight parameters the shadows
// go on the stack; a recursive call passes them along; each call site
// passes its own. Exactly the uses of uninitialized arguments are
// reported, in the callee, with the heap origin.
// CFLAGS: -fumsan-track-origins
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
#include "../common/opaque.h"

static __attribute__((noinline)) long wide(long a, long b, long c, long d, long e, long f, long g, long h) {
    long s = a + b + c + d;
    if (h > 3) { // REPORT
        puts("h");
        s += e;
    }
    if (g < 0) { // REPORT
        puts("g");
        s -= f;
    }
    return s;
}

static __attribute__((noinline)) int walk(int depth, int key, int bias) {
    if (depth == 0) {
        if (key + bias > 10) { // REPORT
            puts("far");
            return 1;
        }
        return 0;
    }
    return walk(depth - 1, key, bias) + 1;
}

int main(void) {
    long *v = uninit_heap(8 * sizeof(long));
    for (int i = 0; i < 6; i++)
        v[i] = i + 1;
    long r = 0;
    r += wide(v[0], v[1], v[2], v[3], v[4], v[5], 1, 2); /* clean */
    r += wide(v[0], v[1], v[2], v[3], v[4], v[5], 1, v[6]); /* h uninitialized */
    r += wide(v[0], v[1], v[2], v[3], v[4], v[5], v[7], 2); /* g uninitialized */
    int *k = uninit_heap(2 * sizeof(int));
    k[0] = 4;
    int w = walk(OPAQUE_INT(3), k[0], 2); /* clean */
    w += walk(OPAQUE_INT(5), k[0], k[1]); /* bias uninitialized */
    printf("%d %d\n", r > 0, w > 0);
    return 0;
}
// STDOUT: 1 1
// CHECK-COUNT-3: Uninitialized value was created by a heap allocation
