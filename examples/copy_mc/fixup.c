/*
 * fixup.c — makes copy_mc recoverable: a SIGSEGV/SIGBUS handler that looks the
 * faulting instruction up in copy_mc.S's exception table and, if it is there,
 * resumes execution at the matching fixup (which returns the remaining count).
 * Any other fault is fatal as usual.
 */
#define _GNU_SOURCE
#include "copy_mc.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

/* One entry of the table: both addresses relative to the field itself. */
struct extable_entry {
    int32_t insn;
    int32_t fixup;
};

/* Provided by the linker around the `copy_mc_extable` section. */
extern const struct extable_entry __start_copy_mc_extable[];
extern const struct extable_entry __stop_copy_mc_extable[];

static uintptr_t fixup_for(uintptr_t ip) {
    for (const struct extable_entry *e = __start_copy_mc_extable; e < __stop_copy_mc_extable; e++) {
        uintptr_t insn = (uintptr_t)&e->insn + (intptr_t)e->insn;
        if (insn == ip)
            return (uintptr_t)&e->fixup + (intptr_t)e->fixup;
    }
    return 0;
}

static void on_fault(int sig, siginfo_t *info, void *ctx) {
    ucontext_t *uc = ctx;
    uintptr_t fixup = fixup_for((uintptr_t)uc->uc_mcontext.gregs[REG_RIP]);
    (void)info;
    if (fixup) {
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)fixup;
        return;
    }
    /* Not ours: die of the signal as if there were no handler. */
    signal(sig, SIG_DFL);
    raise(sig);
}

void copy_mc_install_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
