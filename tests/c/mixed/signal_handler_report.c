// A signal handler runs through the runtime's trampoline but is still
// instrumented: its own use of an uninitialized value is reported there.
// EXPECT: report
#include "../common/opaque.h"
#include <signal.h>

static volatile int sink;

static void on_usr1(int sig, siginfo_t *info, void *ctx) {
    (void)ctx;
    int *u = uninit_heap(sizeof(int));
    if (*u == sig + info->si_signo) // REPORT
        sink = 1;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    raise(SIGUSR1);
    return 0;
}
