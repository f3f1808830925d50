// A multithreaded program on initialized data: thread arguments, thread
// locals, heap blocks handed between threads, return values via join.
// CFLAGS: -pthread
// EXPECT: clean
#include "../common/opaque.h"
#include <pthread.h>

#define NTHREADS 4
#define N 20000

struct task {
    int id;
    int *data;
    long result;
};

static _Thread_local int tls_counter;

static void *worker(void *arg) {
    struct task *t = arg;
    int local[256];
    for (int i = 0; i < 256; i++)
        local[i] = i ^ t->id;
    long sum = 0;
    for (int i = 0; i < N; i++) {
        if (t->data[i] % 3 == t->id % 3)
            sum += t->data[i] + local[i & 255];
        tls_counter++;
    }
    t->result = sum + tls_counter;
    long *ret = malloc(sizeof *ret);
    *ret = t->id * 1000L;
    return ret;
}

int main(void) {
    int *data = malloc(N * sizeof(int));
    for (int i = 0; i < N; i++)
        data[i] = (i * 31) % 1000;
    pthread_t th[NTHREADS];
    struct task tasks[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        tasks[i].id = i;
        tasks[i].data = data;
        pthread_create(&th[i], NULL, worker, &tasks[i]);
    }
    long total = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        long *r = ret;
        if (*r >= 0)
            total += tasks[i].result + *r;
        free(r);
    }
    printf("%ld\n", total);
    free(data);
    return 0;
}
