// exec from a threaded program: while four threads allocate, copy and free,
// the main thread execs the program itself with an argument. The new image
// (same pid) starts the runtime afresh, runs clean instrumented code, and
// its uninitialized use is reported at the right line, with exit status 77.
// Nothing is reported before the exec.
// CFLAGS: -pthread
// EXPECT: report
#include "../common/opaque.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile long sink;
static volatile int started[4];

static void *worker(void *arg) {
    int id = (int)(long)arg;
    for (;;) {
        unsigned char *a = opaque_mt(malloc(128));
        memset(a, id, 128);
        unsigned char *b = opaque_mt(malloc(128));
        memcpy(b, a, 128);
        if (b[100] != id) /* initialized */
            abort();
        free(a);
        free(b);
        started[id] = 1;
    }
    return NULL;
}

__attribute__((noinline)) static int second_image(void) {
    long *v = opaque_mt(malloc(8 * sizeof(long)));
    for (int i = 0; i < 4; i++)
        v[i] = i * 3;
    long sum = 0;
    for (int i = 0; i < 4; i++)
        if (v[i] % 2 == 0) /* initialized */
            sum += v[i];
    printf("second image: %ld\n", sum);
    fflush(stdout);
    if (v[6] > sum) // REPORT
        sink++;
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "again") == 0)
        return second_image();
    pthread_t th[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        while (!started[i])
            sched_yield();
    puts("first image");
    fflush(stdout);
    char *args[] = {argv[0], "again", NULL};
    execv("/proc/self/exe", args);
    perror("execv");
    return 1;
}
// STDOUT: first image
// STDOUT-NEXT: second image: 6
