/*
 * umsan runtime: stack shadow after C++ exceptions (umsan_abi::rt::LANDING_PAD).
 *
 * Instrumented frames clean their stack slots when they return; frames an
 * exception unwinds never return. Their poisoned slots would stay below the
 * stack pointer, and uninstrumented code reusing that stack (libstdc++'s
 * number formatting hands its stack buffer to a user streambuf) would pass
 * stale poison to instrumented code: a false report.
 *
 * So the runtime interposes the two entry points that start unwinding —
 * `_Unwind_RaiseException` (throw, std::rethrow_exception) and
 * `_Unwind_Resume_or_Rethrow` (`throw;`) — recording the stack pointer
 * there (every unwound frame lies above it), and forwards to libgcc's
 * (dlsym RTLD_NEXT; resolved once). Every landing pad of instrumented code
 * calls `__umsan_landing_pad`, which cleans the shadow from that point up
 * to its own frame and moves the point up to it: the next landing pad of
 * the same exception (after a cleanup's `_Unwind_Resume`) cleans only the
 * frames above. The stack below a landing pad is dead, so cleaning it
 * never hides a use.
 *
 * Its own archive member, pulled in by the landing pads' calls: C programs
 * without exceptions never contain it. Compiled by build.rs with the
 * system C compiler; never instrumented.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

struct _Unwind_Exception;
typedef int (*umsan_unwind_fn)(struct _Unwind_Exception *);

extern void __umsan_unpoison(const void *p, size_t n);

#define UMSAN_ENTRY __attribute__((visibility("default"), noinline))

/* The lowest stack address the exception being propagated may have left
 * poisoned, 0 when none. */
static __thread __attribute__((tls_model("initial-exec"))) uintptr_t umsan_unwind_low;

/* At most this much stack is cleaned at once (a bad value is ignored). */
#define UMSAN_MAX_UNWOUND ((uintptr_t)256 << 20)

static umsan_unwind_fn umsan_real(umsan_unwind_fn *cache, const char *name) {
    umsan_unwind_fn f = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (!f) {
        f = (umsan_unwind_fn)dlsym(RTLD_NEXT, name);
        if (!f) {
            static const char msg[] = "==umsan==ERROR: cannot find the unwinder's entry point (libgcc_s)\n";
            (void)!write(2, msg, sizeof msg - 1);
            _exit(1);
        }
        __atomic_store_n(cache, f, __ATOMIC_RELEASE);
    }
    return f;
}

UMSAN_ENTRY int _Unwind_RaiseException(struct _Unwind_Exception *e) {
    static umsan_unwind_fn real;
    umsan_unwind_low = (uintptr_t)__builtin_frame_address(0);
    return umsan_real(&real, "_Unwind_RaiseException")(e);
}

UMSAN_ENTRY int _Unwind_Resume_or_Rethrow(struct _Unwind_Exception *e) {
    static umsan_unwind_fn real;
    umsan_unwind_low = (uintptr_t)__builtin_frame_address(0);
    return umsan_real(&real, "_Unwind_Resume_or_Rethrow")(e);
}

UMSAN_ENTRY void __umsan_landing_pad(void) {
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    uintptr_t lo = umsan_unwind_low;
    if (lo && lo < here && here - lo <= UMSAN_MAX_UNWOUND)
        __umsan_unpoison((const void *)lo, here - lo);
    umsan_unwind_low = here;
}
