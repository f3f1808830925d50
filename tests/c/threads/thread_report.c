// An uninitialized value used inside a thread is reported at the thread's
// line.
// CFLAGS: -pthread
// EXPECT: report
#include "../common/opaque.h"
#include <pthread.h>

struct job {
    int id;
    int priority; /* never set */
};

static void *worker(void *arg) {
    struct job *j = arg;
    if (j->priority > 5) // REPORT
        puts("urgent");
    return NULL;
}

int main(void) {
    struct job *j = uninit_heap(sizeof *j);
    j->id = 1;
    pthread_t t;
    pthread_create(&t, NULL, worker, j);
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
