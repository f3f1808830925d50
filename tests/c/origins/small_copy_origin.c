// -fumsan-track-origins: a small struct copy (memcpy of constant size, its
// shadow copied inline) keeps the origins of the uninitialized field, and
// copies of initialized bytes leave nothing stale behind.
// CFLAGS: -fumsan-track-origins
// EXPECT: report
#include "../common/opaque.h"

struct rec { long id; long val; long pad; };

static __attribute__((noinline)) struct rec *make_rec(void) {
    return opaque(malloc(sizeof(struct rec)));
}

int main(void) {
    struct rec *src = make_rec();
    src->id = 1;
    src->pad = 0; /* val never set */
    struct rec dst, clean = {2, 3, 4};
    struct rec *pd = opaque(&dst);
    memcpy(pd, &clean, sizeof dst);   /* all initialized */
    if (pd->val == 3)
        puts("clean copy");
    memcpy(pd, src, sizeof dst);      /* val uninitialized */
    if (pd->id == 1)
        puts("id copied");
    if (pd->val > 3) // REPORT
        puts("val");
    return 0;
}
// CHECK: WARNING: {{.*}}: use-of-uninitialized-value
// CHECK: Uninitialized value was created by a heap allocation
// CHECK: in make_rec {{.*}}small_copy_origin.c:11
