// Code generated at run time is code umsan did not compile (pcre2's JIT,
// issue 16: 5,726 false reports): it fills a block in memory instrumented
// code allocated — a local array used as its stack, a malloc'd buffer — and
// calls back into an instrumented function with pointers to it and to its
// own frame. What it hands over counts as written by it: no report, and the
// output is the native build's. Several calls at overlapping places of one
// array, as pcre2's callouts at different depths of its stack.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer reports the bytes the generated code wrote: what this fixes)
#include "../common/opaque.h"
#include "../common/mini_jit.h"

static long total;

static void callback(struct jit_block *b, long *frame_word) {
    b->version = 2;
    if (b->number == 42) /* written by the generated code */
        total += b->value;
    if (*frame_word == 7) /* the generated code's own frame */
        total += 1;
}

static void run_on_stack(jit_fn f) {
    unsigned char space[512]; /* the "JIT stack": poisoned, then handed over */
    struct jit_args a = {callback, NULL};
    for (int off = 256; off >= 0; off -= 40) {
        a.blk = (struct jit_block *)opaque(space + off);
        f(&a);
    }
    for (int off = 8; off < 400; off += 56) {
        a.blk = (struct jit_block *)opaque(space + off);
        f(&a);
    }
}

int main(void) {
    jit_fn f = mini_jit_compile();
    if (!f) {
        puts("no executable memory");
        return 0;
    }
    run_on_stack(f);
    struct jit_block *heap = uninit_heap(sizeof *heap);
    struct jit_args a = {callback, heap};
    f(&a);
    printf("total %ld\n", total);
    free(heap);
    return 0;
}
// STDOUT: total 20070
