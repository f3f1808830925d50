/*
 * MemorySanitizer's interface (<sanitizer/msan_interface.h>) on umsan's
 * runtime: the entry points that need their caller's return address (a
 * report starting at the caller) or frame address (an origin stack), or the
 * thread-local argument slots. Everything else is in src/msan_compat.rs.
 *
 * Compiled by build.rs with the system C compiler, never instrumented.
 */
#include <stddef.h>
#include <string.h>

#define UMSAN_ENTRY __attribute__((visibility("default"), noinline))

extern __thread unsigned long long __umsan_param_tls[100]
    __attribute__((tls_model("initial-exec")));

extern void __umsan_rt_check_initialized(const volatile void *p, size_t n, void *pc);
extern void __umsan_rt_allocated_memory(const volatile void *p, size_t n, void *fp);

/* Reports (use-of-uninitialized-value, at the caller's line) if any byte of
 * [x, x + size) is uninitialized. */
UMSAN_ENTRY void __msan_check_mem_is_initialized(const volatile void *x, size_t size) {
    __umsan_rt_check_initialized(x, size, __builtin_return_address(0));
}

/* Memory from a custom allocator: uninitialized, with a heap origin whose
 * stack starts at the caller. */
UMSAN_ENTRY void __msan_allocated_memory(const volatile void *data, size_t size) {
    __umsan_rt_allocated_memory(data, size, __builtin_frame_address(0));
    /* No tail call: the origin's stack walk starts at this live frame. */
    __asm__ volatile("" ::: "memory");
}

/* The first n arguments of the next call are initialized. (umsan's callees
 * read argument shadows only when the caller was instrumented code that
 * named them, so this matters only between such a store and the call.) */
UMSAN_ENTRY void __msan_unpoison_param(size_t n) {
    size_t slots = sizeof(__umsan_param_tls) / sizeof(__umsan_param_tls[0]);
    memset(__umsan_param_tls, 0, (n < slots ? n : slots) * sizeof(__umsan_param_tls[0]));
}

/* <sanitizer/common_interface_defs.h>'s unaligned accesses. The pass turns
 * direct calls into plain `align 1` loads and stores (msan_compat.rs), which
 * carry shadow; these definitions serve calls through a pointer, which count
 * as calls into uninstrumented code (a clean result). */
#define UMSAN_UNALIGNED(bits)                                                  \
    UMSAN_ENTRY __UINT##bits##_TYPE__ __sanitizer_unaligned_load##bits(const void *p) { \
        __UINT##bits##_TYPE__ v;                                               \
        memcpy(&v, p, sizeof v);                                               \
        return v;                                                              \
    }                                                                          \
    UMSAN_ENTRY void __sanitizer_unaligned_store##bits(void *p, __UINT##bits##_TYPE__ v) { \
        memcpy(p, &v, sizeof v);                                               \
    }
UMSAN_UNALIGNED(16)
UMSAN_UNALIGNED(32)
UMSAN_UNALIGNED(64)
