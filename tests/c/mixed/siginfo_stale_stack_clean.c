// The siginfo and ucontext the kernel hands an SA_SIGINFO handler are
// initialized, wherever on the stack it puts them — also over stale
// uninitialized shadow below the stack pointer (left there by code that
// switched stacks or unwound frames behind the runtime's back; here made
// explicitly with umsan_poison). The handler branches on the siginfo and on
// a saved register. No report, the native build's output.
// CFLAGS: -D_GNU_SOURCE
// EXPECT: clean
#include "../common/opaque.h"
#include "../common/siginfo.h"
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <umsan.h>

static volatile int seen_signo, seen_code, saw_sp;

static void on_usr1(int sig, siginfo_t *info, void *ctx) {
    ucontext_t *uc = ctx;
    if (info->si_signo == sig)
        seen_signo = 1;
    if (info->si_code == SI_TKILL || info->si_code == SI_USER)
        seen_code = 1;
    if (uc->uc_mcontext.gregs[REG_RSP] != 0)
        saw_sp = 1;
}

/* No locals: everything below this frame is free stack. */
static __attribute__((noinline)) void raise_over_stale_shadow(void) {
    char *fa = __builtin_frame_address(0);
    umsan_poison(fa - 64 * 1024, 64 * 1024 - 64);
    raise(SIGUSR1);
}

int main(void) {
    if (install_siginfo_handler(SIGUSR1, on_usr1, 0) != 0)
        return 1;
    raise_over_stale_shadow();
    printf("signo %d code %d sp %d\n", seen_signo, seen_code, saw_sp);
    return 0;
}
