/*
 * umsan runtime — signal handlers and setjmp/longjmp.
 *
 *  1. Signal handlers. Instrumented code passes argument and return-value
 *     shadows in thread-local slots (umsan_abi::tls) between a caller's
 *     stores and the callee's loads. A handler running in between (itself
 *     instrumented, calling instrumented functions) would overwrite them.
 *     `signal` and `sigaction` are interposed: a handler is installed as
 *     `umsan_signal_trampoline`, which saves every shadow slot (parameters,
 *     variadic arguments and their overflow size, return value, origins,
 *     tags) on its own stack, clears the parameter tag (so the handler's own
 *     arguments count as initialized), runs the user's handler and restores
 *     the slots. No
 *     allocation, no locks: the user's handlers live in a static table
 *     updated with atomic stores. `oldact` reports the user's handler, never
 *     the trampoline.
 *  2. setjmp/longjmp. Frames that longjmp skips never run their epilogue,
 *     so their stack shadow stays poisoned. The model library applies
 *     `__umsan_clean_stack_below(on)` after `setjmp` & co. return non-zero
 *     (configs/libc.toml): it cleans the shadow of [thread stack low bound,
 *     current frame).
 *
 * Compiled by build.rs with the system C compiler; never instrumented.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

extern __thread unsigned long long __umsan_param_tls[100];
extern __thread unsigned long long __umsan_retval_tls[100];
extern __thread void *__umsan_param_tag;
extern __thread void *__umsan_retval_tag;
extern __thread unsigned int __umsan_param_origin_tls[200];
extern __thread unsigned int __umsan_retval_origin_tls;
extern __thread unsigned long long __umsan_va_arg_tls[100];
extern __thread unsigned long long __umsan_va_arg_overflow_size_tls;
extern __thread unsigned int __umsan_va_arg_origin_tls[200];

extern int __sigaction(int sig, const struct sigaction *act, struct sigaction *oldact);
extern void __umsan_unpoison(const void *p, size_t n);

#define UMSAN_NSIG 65
/* The user's handler per signal, and whether it takes SA_SIGINFO args. */
static void *volatile umsan_handlers[UMSAN_NSIG];
static volatile int umsan_siginfo[UMSAN_NSIG];

static void umsan_signal_trampoline(int sig, siginfo_t *info, void *uctx) {
    unsigned long long param[100], retval[100];
    unsigned long long va_args[100], va_args_overflow_size;
    unsigned int param_origin[200], retval_origin, va_arg_origin[200];
    void *param_tag, *retval_tag;
    memcpy(param, __umsan_param_tls, sizeof param);
    memcpy(va_args, __umsan_va_arg_tls, sizeof va_args);
    va_args_overflow_size = __umsan_va_arg_overflow_size_tls;
    memcpy(retval, __umsan_retval_tls, sizeof retval);
    memcpy(param_origin, __umsan_param_origin_tls, sizeof param_origin);
    memcpy(va_arg_origin, __umsan_va_arg_origin_tls, sizeof va_arg_origin);
    retval_origin = __umsan_retval_origin_tls;
    param_tag = __umsan_param_tag;
    retval_tag = __umsan_retval_tag;
    __umsan_param_tag = 0;
    __umsan_retval_tag = 0;

    void *h = sig > 0 && sig < UMSAN_NSIG ? __atomic_load_n(&umsan_handlers[sig], __ATOMIC_ACQUIRE) : 0;
    if (h && h != (void *)SIG_IGN && h != (void *)SIG_DFL) {
        if (umsan_siginfo[sig]) {
            /* The kernel wrote them on the stack, where stale shadow of
             * earlier frames may lie. */
            if (info)
                __umsan_unpoison(info, sizeof *info);
            if (uctx)
                __umsan_unpoison(uctx, sizeof(ucontext_t));
            ((void (*)(int, siginfo_t *, void *))h)(sig, info, uctx);
        }
        else
            ((void (*)(int))h)(sig);
    }

    memcpy(__umsan_param_tls, param, sizeof param);
    memcpy(__umsan_va_arg_tls, va_args, sizeof va_args);
    __umsan_va_arg_overflow_size_tls = va_args_overflow_size;
    memcpy(__umsan_retval_tls, retval, sizeof retval);
    memcpy(__umsan_param_origin_tls, param_origin, sizeof param_origin);
    memcpy(__umsan_va_arg_origin_tls, va_arg_origin, sizeof va_arg_origin);
    __umsan_retval_origin_tls = retval_origin;
    __umsan_param_tag = param_tag;
    __umsan_retval_tag = retval_tag;
}

__attribute__((visibility("default"))) int sigaction(int sig, const struct sigaction *act,
                                                     struct sigaction *oldact) {
    if (sig <= 0 || sig >= UMSAN_NSIG)
        return __sigaction(sig, act, oldact);
    void *prev = __atomic_load_n(&umsan_handlers[sig], __ATOMIC_ACQUIRE);
    int prev_info = umsan_siginfo[sig];
    int r;
    if (act) {
        void *h = (act->sa_flags & SA_SIGINFO) ? (void *)act->sa_sigaction : (void *)act->sa_handler;
        if (h == (void *)SIG_IGN || h == (void *)SIG_DFL) {
            r = __sigaction(sig, act, oldact);
        } else {
            struct sigaction wrapped = *act;
            wrapped.sa_sigaction = umsan_signal_trampoline;
            wrapped.sa_flags |= SA_SIGINFO;
            umsan_siginfo[sig] = (act->sa_flags & SA_SIGINFO) != 0;
            __atomic_store_n(&umsan_handlers[sig], h, __ATOMIC_RELEASE);
            r = __sigaction(sig, &wrapped, oldact);
        }
    } else {
        r = __sigaction(sig, act, oldact);
    }
    if (r == 0 && oldact && oldact->sa_sigaction == umsan_signal_trampoline) {
        /* Report the user's own handler, as installed. */
        if (prev_info) {
            oldact->sa_sigaction = (void (*)(int, siginfo_t *, void *))prev;
        } else {
            oldact->sa_handler = (void (*)(int))prev;
            oldact->sa_flags &= ~SA_SIGINFO;
        }
    }
    return r;
}

/* glibc's BSD semantics: restart system calls, block the signal in its
 * handler. */
__attribute__((visibility("default"))) sighandler_t signal(int sig, sighandler_t handler) {
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, sig);
    act.sa_flags = SA_RESTART;
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

/* Lowest address of this thread's stack (0 = unknown), cached. */
static __thread uintptr_t umsan_stack_lo;

__attribute__((visibility("default"), noinline)) void __umsan_clean_stack_below(long on) {
    if (!on)
        return;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (!umsan_stack_lo) {
        /* pthread_getattr_np takes the thread's lock (and mallocs): with
         * signals blocked, a handler that longjmps can never re-enter it. */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        pthread_attr_t attr;
        void *addr;
        size_t size;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            if (pthread_attr_getstack(&attr, &addr, &size) == 0)
                umsan_stack_lo = (uintptr_t)addr;
            pthread_attr_destroy(&attr);
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    uintptr_t lo = umsan_stack_lo;
    const uintptr_t cap = (uintptr_t)256 << 20;
    if (!lo || lo >= here || here - lo > cap)
        lo = here > cap ? here - cap : 0;
    if (lo < here)
        __umsan_unpoison((const void *)lo, here - lo);
}
