// Clean many-thread stress: sixteen threads allocate (malloc, calloc,
// realloc, posix_memalign, aligned_alloc), fill, copy through a
// UMSAN_MEMCPY_LIKE copy loop, pass blocks to the next thread through a
// mutex-protected mailbox (the receiver branches on every byte and frees
// what another thread allocated), and join. No report, no deadlock, and the
// same output as the native build.
// CFLAGS: -pthread
// EXPECT: clean
#include "../common/opaque.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <umsan.h>

#define NTHREADS 16
#define ROUNDS 300
#define SLOTS 4

#include "../common/copy_mc.h"

struct msg {
    size_t len;
    unsigned char *data;
};

/* Mailbox of thread i: filled by thread i-1. */
struct mailbox {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct msg slot[SLOTS];
    int head, count;
} boxes[NTHREADS];

static void post(int to, struct msg m) {
    struct mailbox *b = &boxes[to];
    pthread_mutex_lock(&b->mu);
    while (b->count == SLOTS)
        pthread_cond_wait(&b->cv, &b->mu);
    b->slot[(b->head + b->count) % SLOTS] = m;
    b->count++;
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
}

static struct msg take(int me) {
    struct mailbox *b = &boxes[me];
    pthread_mutex_lock(&b->mu);
    while (b->count == 0)
        pthread_cond_wait(&b->cv, &b->mu);
    struct msg m = b->slot[b->head];
    b->head = (b->head + 1) % SLOTS;
    b->count--;
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
    return m;
}

static unsigned char *alloc_kind(int k, size_t n) {
    void *p = NULL;
    switch (k % 5) {
    case 0: p = malloc(n); break;
    case 1: p = calloc(n, 1); break;
    case 2: p = realloc(malloc(n / 2 + 1), n); break;
    case 3: if (posix_memalign(&p, 64, n) != 0) p = NULL; break;
    default: p = aligned_alloc(32, (n + 31) & ~(size_t)31); break;
    }
    return opaque_mt(p);
}

static unsigned long results[NTHREADS];

static void *worker(void *arg) {
    int id = (int)(long)arg;
    unsigned long sum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t n = 16 + (size_t)((id * 37 + round * 11) % 500);
        unsigned char *tmp = alloc_kind(round + id, n);
        for (size_t i = 0; i < n; i++)
            tmp[i] = (unsigned char)(i * 7 + id + round);
        unsigned char *out = alloc_kind(round + id + 1, n);
        copy_mc(out, tmp, n);
        free(tmp);
        post((id + 1) % NTHREADS, (struct msg){n, out});
        struct msg m = take(id);
        for (size_t i = 0; i < m.len; i++) {
            if (m.data[i] % 3 == 0)
                sum += m.data[i];
            else if (m.data[i] > 200)
                sum ^= i;
        }
        free(m.data);
    }
    results[id] = sum;
    return NULL;
}

int main(void) {
    pthread_t th[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        pthread_mutex_init(&boxes[i].mu, NULL);
        pthread_cond_init(&boxes[i].cv, NULL);
    }
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)i) != 0)
            return 1;
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < NTHREADS; i++)
        printf("thread %d: %lu\n", i, results[i]);
    return 0;
}
