// Indirect calls with malloc's, calloc's and realloc's types that reach
// other functions, or calloc, keep their usual meaning: calloc's block is
// zeroed, a program's own allocator returns what it wrote, a realloc'd
// block keeps its initialized prefix, and a pointer compared with malloc
// still equals it (umsan changes the call's target, not the pointer).
// EXPECT: clean
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*alloc_fn)(size_t);
typedef void *(*calloc_fn)(size_t, size_t);
typedef void *(*realloc_fn)(void *, size_t);

static char arena[256];
static size_t used;

static __attribute__((noinline)) void *bump_alloc(size_t n) {
    void *p = arena + used;
    memset(p, 0x5a, n); /* this allocator hands out filled memory */
    used += (n + 15) & ~(size_t)15;
    return p;
}

static volatile alloc_fn my_malloc = malloc;
static volatile alloc_fn my_bump = bump_alloc;
static volatile calloc_fn my_calloc = calloc;
static volatile realloc_fn my_realloc = realloc;

int main(void) {
    int *z = my_calloc(8, sizeof(int));
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += z[i];
    printf("calloc sum %d\n", sum);
    unsigned char *b = my_bump(24);
    printf("bump %d %d\n", b[0], b[23]);
    int *v = my_malloc(2 * sizeof(int));
    v[0] = 40;
    v[1] = 2;
    v = my_realloc(v, 64 * sizeof(int));
    printf("realloc prefix %d\n", v[0] + v[1]);
    printf("pointer is malloc: %d\n", my_malloc == malloc);
    free(v);
    free(z);
    return 0;
}
