// A program that keeps malloc in a pointer and allocates through it (curl:
// `Curl_cmalloc = malloc`, called from every file) gets uninitialized
// memory as from a direct call; realloc through a pointer keeps the old
// block's state and leaves the new tail uninitialized. Each read of an
// uninitialized byte is reported, with the allocation as its origin.
// EXPECT: report
// ENV: UMSAN_OPTIONS=halt_on_error=0
// CHECK: Uninitialized value was created by a heap allocation
// CHECK-NEXT: in malloc
#include <stdio.h>
#include <stdlib.h>

typedef void *(*alloc_fn)(size_t);
typedef void *(*realloc_fn)(void *, size_t);

/* Set once, as curl's curl_global_init does; volatile so the optimizer
 * cannot see which function the calls reach. */
static volatile alloc_fn my_malloc = malloc;
static volatile realloc_fn my_realloc = realloc;

struct conn {
    int state;
    int retries;
};

static __attribute__((noinline)) struct conn *new_conn(void) {
    // CHECK-NEXT: in new_conn {{.*}}indirect_malloc_report.c:[[@LINE+1]]
    struct conn *c = my_malloc(sizeof *c);
    c->state = 1; /* forgot retries */
    return c;
}

int main(void) {
    struct conn *c = new_conn();
    if (c->retries > 3) // REPORT
        puts("giving up");
    int *v = my_malloc(2 * sizeof(int));
    v[0] = 1;
    v[1] = 2;
    v = my_realloc(v, 4 * sizeof(int));
    if (v[0] + v[1] != 3)
        puts("lost the prefix");
    if (v[3] == 0) // REPORT
        puts("zero tail");
    free(v);
    free(c);
    puts("done");
    return 0;
}
