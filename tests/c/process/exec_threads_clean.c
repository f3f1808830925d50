// An instrumented program re-executes itself three times (argument = depth)
// from a threaded process; each image runs threads, allocates, copies and
// branches on initialized data only: no report in any image, and the output
// of the native build.
// CFLAGS: -pthread
// EXPECT: clean
#include "../common/opaque.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long results[4];
static int depth;

static void *worker(void *arg) {
    int id = (int)(long)arg;
    long sum = 0;
    for (int r = 0; r < 2000; r++) {
        int *a = opaque_mt(malloc(64 * sizeof(int)));
        for (int i = 0; i < 64; i++)
            a[i] = i * id + r + depth;
        int *b = opaque_mt(realloc(opaque_mt(malloc(8)), 64 * sizeof(int)));
        memcpy(b, a, 64 * sizeof(int));
        for (int i = 0; i < 64; i++)
            if (b[i] & 4)
                sum += b[i];
        free(a);
        free(b);
    }
    results[id] = sum;
    return NULL;
}

int main(int argc, char **argv) {
    depth = argc > 1 ? atoi(argv[1]) : 0;
    pthread_t th[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    printf("image %d:", depth);
    for (int i = 0; i < 4; i++)
        printf(" %ld", results[i]);
    printf("\n");
    fflush(stdout);
    if (depth == 3)
        return 5;
    /* exec while a thread is still running */
    pthread_t busy;
    pthread_create(&busy, NULL, worker, (void *)3);
    char arg[16];
    snprintf(arg, sizeof arg, "%d", depth + 1);
    char *args[] = {argv[0], arg, NULL};
    execv("/proc/self/exe", args);
    perror("execv");
    return 1;
}
