// Signals delivered to several threads while they work. Four threads call
// instrumented functions (fixed and variadic arguments, all initialized)
// and malloc/free in a loop; the main thread sends each of them SIGUSR1
// (sigaction, SA_SIGINFO) and SIGUSR2 (signal), 100 of each, a round at a
// time.
// The handlers run instrumented code: they pass uninitialized values to
// instrumented functions (fixed and variadic) without using them — which
// must not leak into the interrupted calls' argument shadows — and branch on
// initialized data. No report, no deadlock, the native build's output.
// CFLAGS: -pthread
// EXPECT: clean
#include "../common/opaque.h"
#include "../common/siginfo.h"
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 4
#define PER_THREAD 100

static volatile long sink;
static _Thread_local int my_id = -1;
static int handled1[NTHREADS], handled2[NTHREADS];
static volatile int done_sending;
static sem_t handled; /* posted by the handlers (async-signal-safe) */

__attribute__((noinline)) static void take(long a, long b, long c) {
    sink = a + b + c; /* not a use */
}

__attribute__((noinline)) static void vtake(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, long); /* not a use */
    va_end(ap);
    sink = s;
}

__attribute__((noinline)) static long decide(long a, long b, long c) {
    if (a + b + c == -1) /* initialized arguments: never a report */
        return 1;
    return a & 1;
}

__attribute__((noinline)) static long vsum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++) {
        long v = va_arg(ap, long);
        if (v % 3 == 0) /* initialized arguments: never a report */
            s += v;
    }
    va_end(ap);
    return s;
}

/* Runs inside the handlers. */
static void handler_work(int sig) {
    long junk[6];
    long *p = opaque_mt(junk);
    take(p[0], p[1], p[2]);
    vtake(3, p[3], p[4], p[5]);
    int local[8];
    for (int i = 0; i < 8; i++)
        local[i] = i * sig;
    int s = 0;
    for (int i = 0; i < 8; i++)
        if (local[i] & 1)
            s++;
    sink = s;
}

static void on_usr1(int sig, siginfo_t *info, void *ctx) {
    (void)ctx;
    handler_work(sig + info->si_signo - SIGUSR1);
    __atomic_fetch_add(&handled1[my_id], 1, __ATOMIC_RELEASE);
    sem_post(&handled);
}

static void on_usr2(int sig) {
    handler_work(sig);
    __atomic_fetch_add(&handled2[my_id], 1, __ATOMIC_RELEASE);
    sem_post(&handled);
}

static long results[NTHREADS];
static volatile int ready[NTHREADS];

static void *worker(void *arg) {
    my_id = (int)(long)arg;
    /* One allocation before the first signal can come: the runtime's
     * per-thread set-up for origins is not re-entrant yet (see
     * signal_during_malloc_report.c). */
    free(opaque_mt(malloc(8)));
    ready[my_id] = 1;
    long sum = 0;
    for (long i = 0; !__atomic_load_n(&done_sending, __ATOMIC_ACQUIRE) || i < 200000; i++) {
        if (i < 200000) {
            sum += decide(i, i + my_id, 3);
            sum += vsum(4, i, i + 1, i + 2, (long)my_id);
            if ((i & 255) == 0) {
                char *b = opaque_mt(malloc(4096 + (size_t)(i & 1023)));
                memset(b, (int)i, 64);
                if (b[63] == (char)i)
                    sum++;
                free(b);
            }
        }
    }
    results[my_id] = sum;
    return NULL;
}

/* Send sig to every worker, wait until all have handled it. */
static void round_of(pthread_t *th, int sig, int *counters, int k) {
    for (int i = 0; i < NTHREADS; i++)
        pthread_kill(th[i], sig);
    for (int i = 0; i < NTHREADS; i++)
        while (sem_wait(&handled) != 0)
            ;
    for (int i = 0; i < NTHREADS; i++)
        if (__atomic_load_n(&counters[i], __ATOMIC_ACQUIRE) != k)
            abort();
}

int main(void) {
    sem_init(&handled, 0, 0);
    if (install_siginfo_handler(SIGUSR1, on_usr1, SA_RESTART) != 0 || signal(SIGUSR2, on_usr2) == SIG_ERR)
        return 1;
    pthread_t th[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        while (!ready[i])
            sched_yield();
    for (int k = 1; k <= PER_THREAD; k++) {
        round_of(th, SIGUSR1, handled1, k);
        round_of(th, SIGUSR2, handled2, k);
    }
    __atomic_store_n(&done_sending, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < NTHREADS; i++)
        printf("thread %d: %ld, %d+%d signals\n", i, results[i], handled1[i], handled2[i]);
    return 0;
}
