// Allocations with origins from several threads and two alternating sites
// (each thread remembers its last allocation's stack: runtime/src/origin.rs),
// every block fully written before it is read: no report, the native output.
// The blocks pass through opaque_mt: with opaque()'s one shared global, two
// threads could swap pointers and free each other's block twice (1 run in 10
// crashed in mimalloc or hung once threads really overlapped).
// CFLAGS: -fumsan-track-origins -pthread
// EXPECT: clean
#include <pthread.h>
#include "../common/opaque.h"

static __attribute__((noinline)) long *site_a(int n) {
    long *p = opaque_mt(malloc(n * sizeof(long)));
    for (int i = 0; i < n; i++)
        p[i] = i;
    return p;
}

static __attribute__((noinline)) long *site_b(int n) {
    long *p = opaque_mt(malloc(n * sizeof(long)));
    memset(p, 1, n * sizeof(long));
    return p;
}

static void *work(void *arg) {
    long sum = (long)arg;
    for (int i = 0; i < 2000; i++) {
        long *p = i % 3 ? site_a(1 + i % 7) : site_b(1 + i % 5);
        sum += p[0] + p[i % 3 ? i % 7 : i % 5];
        free(p);
    }
    return (void *)sum;
}

int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    long total = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        total += (long)r;
    }
    printf("%ld\n", total);
    return 0;
}
