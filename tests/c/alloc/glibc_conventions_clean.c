// The allocation functions keep glibc's conventions, whatever heap is
// under them: malloc(0) gives distinct non-NULL blocks, realloc(p, 0) frees
// and returns NULL, realloc(NULL, n) allocates, memalign rounds an alignment
// that is not a power of two up, valloc/pvalloc are page-aligned (pvalloc
// rounds the size up to whole pages), malloc_usable_size covers the request
// (0 for NULL), calloc zeroes a block that reuses dirty memory. Through the
// wrappers instrumented code calls directly and through function pointers
// (the process-wide functions). The native build's output.
// EXPECT: clean
#define _GNU_SOURCE
#include "../common/opaque.h"
#include <malloc.h>
#include <stdint.h>

typedef void *(*malloc_fn)(size_t);
typedef void *(*realloc_fn)(void *, size_t);
typedef void *(*memalign_fn)(size_t, size_t);
typedef void *(*calloc_fn)(size_t, size_t);

static void check(const char *how, malloc_fn m, realloc_fn r, memalign_fn ma, calloc_fn c) {
    void *a = m(0), *b = m(0);
    printf("%s: malloc(0) non-null %d distinct %d\n", how, a != NULL && b != NULL, a != b);
    free(a);
    free(b);

    char *p = m(100);
    memset(p, 1, 100);
    printf("%s: usable >= 100 %d, usable(NULL) %zu\n", how, malloc_usable_size(p) >= 100,
           malloc_usable_size(NULL));
    printf("%s: realloc(p, 0) %s\n", how, r(p, 0) == NULL ? "NULL" : "non-null");

    char *q = r(NULL, 40);
    memset(q, 2, 40);
    q = r(q, 4000);
    printf("%s: realloc grow keeps %d\n", how, q[0] == 2 && q[39] == 2);
    free(q);

    void *al = ma(48, 100);
    printf("%s: memalign(48) 64-aligned %d\n", how, (uintptr_t)al % 64 == 0);
    free(al);
    al = ma(4096, 10);
    printf("%s: memalign(4096) aligned %d\n", how, (uintptr_t)al % 4096 == 0);
    free(al);

    for (int i = 0; i < 8; i++) {
        char *d = m(256);
        memset(d, 0xaa, 256);
        free(d);
        unsigned char *z = c(1, 256);
        int zero = 1;
        for (int k = 0; k < 256; k++)
            zero &= z[k] == 0;
        if (!zero)
            printf("%s: calloc not zeroed\n", how);
        free(z);
    }
    printf("%s: calloc zeroed\n", how);
}

int main(void) {
    /* Direct calls (instrumented code's wrappers). */
    void *a = malloc(0), *b = malloc(0);
    printf("direct: malloc(0) non-null %d distinct %d\n", a != NULL && b != NULL, a != b);
    free(a);
    free(b);
    char *p = malloc(100);
    memset(p, 1, 100);
    printf("direct: realloc(p, 0) %s\n", realloc(opaque(p), OPAQUE_INT(0)) == NULL ? "NULL" : "non-null");
    void *v = valloc(10), *pv = pvalloc(10);
    printf("direct: valloc page-aligned %d, pvalloc page-aligned %d usable >= 4096 %d\n",
           (uintptr_t)v % 4096 == 0, (uintptr_t)pv % 4096 == 0, malloc_usable_size(pv) >= 4096);
    free(v);
    free(pv);
    void *al = memalign(OPAQUE_INT(48), 100);
    printf("direct: memalign(48) 64-aligned %d\n", (uintptr_t)al % 64 == 0);
    free(al);

    /* Through pointers: the process-wide functions. */
    check("pointers", (malloc_fn)opaque((void *)malloc), (realloc_fn)opaque((void *)realloc),
          (memalign_fn)opaque((void *)memalign), (calloc_fn)opaque((void *)calloc));
    return 0;
}
