// Sixteen threads at once allocate, copy through a UMSAN_MEMCPY_LIKE copy
// loop, reallocate and free, and use only initialized bytes — except that
// each thread, after a barrier (so that they report concurrently), uses an
// uninitialized copied byte at its own line (bug_0 .. bug_15), 100 times,
// and all threads use one at a shared line (shared_bug), 100 times each.
// With halt_on_error=0: exactly 17 reports — one per distinct site (a
// repeated report is printed once, even when threads race to print it),
// none lost, nothing spurious, no deadlock — and the clean computation's
// result is the native one.
// CFLAGS: -pthread
// ENV: UMSAN_OPTIONS=halt_on_error=0
// EXPECT: report
// EXIT: 0
// REPORT-ORDER: any
// ORACLE: skip (umsan annotation and report deduplication)
#include "../common/opaque.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <umsan.h>

#define NTHREADS 16
#define ROUNDS 200
#define BLOCK 64
#define INIT 32 /* bytes [0, 32) of each block are initialized, [32, 64) not */

/* Returns p, opaque to the optimizer (per call: no shared global). */
/* Copies like Linux's copy_mc_to_kernel: returns the bytes NOT copied. */
#include "../common/copy_mc.h"

static volatile long sink;

__attribute__((noinline)) static void bug_0(const unsigned char *p) {
    if (p[INIT + 0] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_1(const unsigned char *p) {
    if (p[INIT + 1] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_2(const unsigned char *p) {
    if (p[INIT + 2] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_3(const unsigned char *p) {
    if (p[INIT + 3] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_4(const unsigned char *p) {
    if (p[INIT + 4] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_5(const unsigned char *p) {
    if (p[INIT + 5] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_6(const unsigned char *p) {
    if (p[INIT + 6] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_7(const unsigned char *p) {
    if (p[INIT + 7] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_8(const unsigned char *p) {
    if (p[INIT + 8] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_9(const unsigned char *p) {
    if (p[INIT + 9] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_10(const unsigned char *p) {
    if (p[INIT + 10] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_11(const unsigned char *p) {
    if (p[INIT + 11] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_12(const unsigned char *p) {
    if (p[INIT + 12] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_13(const unsigned char *p) {
    if (p[INIT + 13] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_14(const unsigned char *p) {
    if (p[INIT + 14] == 3) // REPORT
        sink++;
}
__attribute__((noinline)) static void bug_15(const unsigned char *p) {
    if (p[INIT + 15] == 3) // REPORT
        sink++;
}

/* Every thread, same call stack: one report in all. */
__attribute__((noinline)) static void shared_bug(const unsigned char *p) {
    if (p[BLOCK - 1] > 7) // REPORT
        sink++;
}

static void (*const bugs[NTHREADS])(const unsigned char *) = {
    bug_0, bug_1, bug_2,  bug_3,  bug_4,  bug_5,  bug_6,  bug_7,
    bug_8, bug_9, bug_10, bug_11, bug_12, bug_13, bug_14, bug_15,
};

/* The one call site of the bugs (so each site has a single stack). */
__attribute__((noinline)) static void hit_bugs(int id, const unsigned char *p) {
    bugs[id](p);
    shared_bug(p);
}

static pthread_barrier_t barrier;
static unsigned long results[NTHREADS];

static void *worker(void *arg) {
    int id = (int)(long)arg;
    unsigned long sum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        unsigned char *src = opaque_mt(malloc(BLOCK));
        for (int i = 0; i < INIT; i++)
            src[i] = (unsigned char)(id * 31 + round * 7 + i);
        unsigned char *dst = opaque_mt(malloc(BLOCK / 2));
        dst = opaque_mt(realloc(dst, BLOCK)); /* grows: the tail is uninitialized */
        copy_mc(dst, src, BLOCK);
        free(src);
        unsigned char *z = opaque_mt(calloc(BLOCK, 1));
        copy_mc(z, dst, INIT); /* z stays fully initialized */
        for (int i = 0; i < BLOCK; i++) {
            if (i < INIT && (dst[i] & 1))
                sum += dst[i];
            if (z[i] & 2)
                sum += z[i] * 3;
        }
        free(z);
        if (round == ROUNDS / 2)
            pthread_barrier_wait(&barrier);
        if (round >= ROUNDS / 2)
            hit_bugs(id, dst);
        free(dst);
    }
    results[id] = sum;
    return NULL;
}

int main(void) {
    pthread_t th[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)i) != 0)
            return 1;
    unsigned long total = 0;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], NULL);
        total += results[i] * (i + 1);
    }
    printf("threads %d total %lu\n", NTHREADS, total);
    return 0;
}
// STDOUT: threads 16 total 224243968
