// glibc's obstacks over an instrumented chunk allocator (GMP's test suite:
// tests/misc/t-printf.c, gmp_obstack_vprintf): the chunks come from malloc
// through the program's own function, so they start uninitialized, and
// glibc fills them unseen: obstack_vprintf/obstack_printf format into the
// growing object, and _obstack_newchunk (called by the obstack_grow macros
// and inside obstack_vprintf when a chunk is full) moves the object into a
// new chunk with its own memcpy. The models (configs/libc.toml) mark what
// glibc wrote: the formatted text, the moved object, the chunk header and
// the obstack's fields. obstack_vprintf is also called through a function
// pointer, as GMP's __gmp_doprnt does.
// EXPECT: clean
// ORACLE: skip (MemorySanitizer needs its obstack interceptors and an instrumented libc for obstack_vprintf)
#define _GNU_SOURCE /* obstack_printf, obstack_vprintf */
#include "../common/opaque.h"
#include <obstack.h>
#include <stdarg.h>

static void *chunk_alloc(long n) { return uninit_heap((size_t)n); }
#define obstack_chunk_alloc chunk_alloc
#define obstack_chunk_free free

typedef int (*format_fn)(void *, const char *, va_list);
static format_fn fmt_fn = (format_fn)obstack_vprintf;

static int fmt(struct obstack *ob, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    format_fn fn = (format_fn)opaque((void *)fmt_fn);
    int n = fn(ob, f, ap);
    va_end(ap);
    return n;
}

/* A branch on every byte of the current object. */
static unsigned check(struct obstack *ob) {
    const char *p = obstack_base(ob);
    unsigned n = obstack_object_size(ob), s = 0;
    for (unsigned i = 0; i < n; i++)
        if (p[i] == 'x')
            s++;
    return s;
}

int main(void) {
    struct obstack ob;
    obstack_init(&ob);
    unsigned s = 0;
    /* Small pieces: the text lands in the first chunk. */
    fmt(&ob, "%d-%s|", 42, "x");
    obstack_grow(&ob, "grown|", 6);
    obstack_printf(&ob, "%ld:%c|", (long)opaque_long(7), 'x');
    s += check(&ob);
    /* Then well past the chunk (4064 bytes by default): obstack_vprintf
     * moves the object into a new chunk itself. */
    for (int i = 0; i < 300; i++) {
        fmt(&ob, "[%04d x %s]", i, "abcdef");
        if (i % 7 == 0) {
            static char piece[64];
            memset(piece, 'x', sizeof piece);
            obstack_grow(&ob, piece, sizeof piece);
        }
    }
    s += check(&ob);
    /* A piece larger than the room left: obstack_grow's _obstack_newchunk
     * moves the whole object. */
    static char big[5000];
    memset(big, 'y', sizeof big);
    obstack_grow(&ob, big, sizeof big);
    s += check(&ob);
    printf("%u %d %d\n", s, obstack_object_size(&ob), obstack_empty_p(&ob));
    char *whole = obstack_finish(&ob);
    printf("%.20s\n", whole);
    obstack_free(&ob, NULL);
    return 0;
}
