/* Installing an SA_SIGINFO handler, shared by the signal tests (included
 * as "../common/siginfo.h"). */
#ifndef UMSAN_TEST_SIGINFO_H
#define UMSAN_TEST_SIGINFO_H

#include <signal.h>
#include <string.h>

/* sigaction(sig) with handler h, SA_SIGINFO | extra_flags, empty mask;
 * sigaction's result. */
static inline int install_siginfo_handler(int sig, void (*h)(int, siginfo_t *, void *), int extra_flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | extra_flags;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

#endif
