// Generated code's callbacks (see jit_callback_clean.c) do not hide
// anything else: the same callback reached from instrumented code with a
// block nobody wrote reports, and so does an uninitialized value the
// callback reads through a pointer the generated code did not hand over.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (MemorySanitizer also reports the bytes the generated code wrote: what this fixes)
#include "../common/opaque.h"
#include "../common/mini_jit.h"

static volatile int sink;
static unsigned char *volatile other;

__attribute__((noinline)) static void callback(struct jit_block *b, long *frame_word) {
    (void)frame_word;
    if (b->number == 42) // REPORT
        sink = 1;
    if (other[3] == 1) // REPORT
        sink = 2;
}

int main(void) {
    jit_fn f = mini_jit_compile();
    if (!f)
        return 1;
    static unsigned char zeros[8];
    other = zeros;
    struct jit_block *fresh = uninit_heap(sizeof *fresh);
    long w = 7;
    callback(fresh, &w); /* called from instrumented code: b->number reported */
    other = uninit_heap(8);
    struct jit_block *heap = uninit_heap(sizeof *heap);
    struct jit_args a = {callback, heap};
    f(&a); /* block clean (generated code), other[3] reported */
    return 0;
}
