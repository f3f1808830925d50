// A signal handler's report may interrupt anything — here, threads that
// spend their time inside malloc, realloc and free (blocks too large for
// glibc's per-thread cache, so the arena lock is taken). Each thread receives
// SIGUSR1s, one at a time; from the 100th delivery on, the handler uses an
// uninitialized value. The first report (default halt_on_error=1) must be
// printed and the program must exit 77 — the report may not wait for a
// lock the interrupted code holds (the report lock, glibc's malloc arena).
// With origins (the default), so that the first origin a thread creates —
// its stack bounds come from pthread_getattr_np, which takes a lock and
// mallocs — can be interrupted by a handler creating one too.
// CFLAGS: -pthread
// EXPECT: report
#include "../common/opaque.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 4

static volatile long sink;
static int deliveries;
static int handled;

static void on_usr1(int sig) {
    int junk[2];
    int *u = opaque_mt(junk);
    if (__atomic_add_fetch(&deliveries, 1, __ATOMIC_RELAXED) >= 100) {
        if (u[sig & 1] == 7) // REPORT
            sink++;
    }
    __atomic_add_fetch(&handled, 1, __ATOMIC_RELEASE);
}

static void *worker(void *arg) {
    long id = (long)arg;
    void *keep[8] = {0};
    for (unsigned long i = 0;; i++) {
        /* 1.1 to 3 KB: past the per-thread cache, cheap to clean */
        size_t n = 1100 + ((i * 97 + (unsigned long)id * 13) % 1900);
        free(keep[i & 7]);
        keep[i & 7] = opaque_mt(malloc(n));
        if ((i & 3) == 0)
            keep[i & 7] = opaque_mt(realloc(keep[i & 7], n + 700));
    }
    return NULL;
}

int main(void) {
    if (signal(SIGUSR1, on_usr1) == SIG_ERR)
        return 1;
    pthread_t th[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int k = 1; k <= 10000; k++) {
        pthread_kill(th[k % NTHREADS], SIGUSR1);
        while (__atomic_load_n(&handled, __ATOMIC_ACQUIRE) < k)
            sched_yield();
    }
    puts("never reached");
    return 0;
}
