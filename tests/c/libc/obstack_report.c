// The obstack models (configs/libc.toml) mark what glibc wrote and nothing
// more: an uninitialized argument of obstack_printf is reported at the
// call, and the bytes obstack_blank reserves without writing stay
// uninitialized after the formatted text, also when reserving them moved
// the object into a new chunk (_obstack_newchunk marks only the object it
// moved).
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// ORACLE: skip (umsan's obstack models; MemorySanitizer's interceptors differ)
#define _GNU_SOURCE /* obstack_printf */
#include "../common/opaque.h"
#include <obstack.h>

/* Chunks from instrumented code: uninitialized (glibc calling malloc itself
 * would get clean memory, as every uninstrumented caller does). */
static void *chunk_alloc(long n) { return uninit_heap((size_t)n); }
#define obstack_chunk_alloc chunk_alloc
#define obstack_chunk_free free

int main(void) {
    struct obstack ob;
    obstack_init(&ob);
    int *u = uninit_heap(sizeof(int));
    obstack_printf(&ob, "%d|", *u); // REPORT
    obstack_printf(&ob, "abc");
    obstack_blank(&ob, 8); /* reserved, not written */
    const char *p = obstack_base(&ob);
    int n = obstack_object_size(&ob);
    if (p[n - 9] == 'c')
        puts("text");
    if (p[n - 1] == 0) // REPORT
        puts("blank");
    obstack_free(&ob, NULL);
    /* A fresh obstack: the reserved bytes do not fit the first chunk. */
    obstack_init(&ob);
    obstack_printf(&ob, "xyz");
    obstack_blank(&ob, 10000);
    p = obstack_base(&ob);
    if (p[2] == 'z')
        puts("moved text");
    if (p[3 + (int)opaque_long(5000)] == 0) // REPORT
        puts("moved blank");
    obstack_free(&ob, NULL);
    return 0;
}
