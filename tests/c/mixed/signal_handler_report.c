// A signal handler runs through the runtime's trampoline but is still
// instrumented: its own use of an uninitialized value is reported there.
// EXPECT: report
#include "../common/opaque.h"
#include "../common/siginfo.h"
#include <signal.h>

static volatile int sink;

static void on_usr1(int sig, siginfo_t *info, void *ctx) {
    (void)ctx;
    int *u = uninit_heap(sizeof(int));
    if (*u == sig + info->si_signo) // REPORT
        sink = 1;
}

int main(void) {
    if (install_siginfo_handler(SIGUSR1, on_usr1, 0) != 0)
        return 1;
    raise(SIGUSR1);
    return 0;
}
