/*
 * umsan runtime: C++ allocation wrappers (umsan_abi::ALLOC_WRAPPERS).
 *
 * The pass redirects direct calls of `operator new` / `operator new[]` in
 * instrumented code (every variant: plain, nothrow, aligned, aligned
 * nothrow) to `__umsan_<mangled name>`. Each wrapper calls the real
 * operator — libstdc++'s, or the program's replacement — so the
 * new-handler, `std::bad_alloc` and alignment behave exactly as without
 * umsan, and then has the runtime poison the bytes asked for, with a heap
 * origin whose stack starts at this wrapper's frame. An exception from the
 * operator passes through the wrapper (it has unwind tables and nothing to
 * clean up) before anything is poisoned. `new` done by uninstrumented code
 * (libstdc++'s own out-of-line code) calls the operator directly: that
 * memory stays clean, as the interposed `malloc` left it.
 *
 * This object is its own archive member: only programs with instrumented
 * C++ reference its symbols, so C programs never need libstdc++.
 * Compiled by build.rs with the system C compiler; never instrumented.
 */
#include <stddef.h>

/* std::nothrow_t is passed by reference, std::align_val_t as a size_t. */
extern void *_Znwm(size_t n);
extern void *_Znam(size_t n);
extern void *_ZnwmRKSt9nothrow_t(size_t n, const void *nt);
extern void *_ZnamRKSt9nothrow_t(size_t n, const void *nt);
extern void *_ZnwmSt11align_val_t(size_t n, size_t al);
extern void *_ZnamSt11align_val_t(size_t n, size_t al);
extern void *_ZnwmSt11align_val_tRKSt9nothrow_t(size_t n, size_t al, const void *nt);
extern void *_ZnamSt11align_val_tRKSt9nothrow_t(size_t n, size_t al, const void *nt);

extern void __umsan_rt_operator_new(void *p, size_t n, int array, void *fp);

#define UMSAN_ENTRY __attribute__((visibility("default"), noinline))
/* The frame handed over must stay live while the Rust side walks it. */
#define UMSAN_NO_TAIL_CALL() __asm__ volatile("" ::: "memory")

#define UMSAN_NEW(mangled, array, params, args)                                   \
    UMSAN_ENTRY void *__umsan##mangled params {                                  \
        void *p = mangled args;                                                   \
        __umsan_rt_operator_new(p, n, array, __builtin_frame_address(0));         \
        UMSAN_NO_TAIL_CALL();                                                     \
        return p;                                                                 \
    }

UMSAN_NEW(_Znwm, 0, (size_t n), (n))
UMSAN_NEW(_Znam, 1, (size_t n), (n))
UMSAN_NEW(_ZnwmRKSt9nothrow_t, 0, (size_t n, const void *nt), (n, nt))
UMSAN_NEW(_ZnamRKSt9nothrow_t, 1, (size_t n, const void *nt), (n, nt))
UMSAN_NEW(_ZnwmSt11align_val_t, 0, (size_t n, size_t al), (n, al))
UMSAN_NEW(_ZnamSt11align_val_t, 1, (size_t n, size_t al), (n, al))
UMSAN_NEW(_ZnwmSt11align_val_tRKSt9nothrow_t, 0, (size_t n, size_t al, const void *nt), (n, al, nt))
UMSAN_NEW(_ZnamSt11align_val_tRKSt9nothrow_t, 1, (size_t n, size_t al, const void *nt), (n, al, nt))
