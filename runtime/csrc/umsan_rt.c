/*
 * umsan runtime — the small part that must be C.
 *
 *  1. The thread-local slots shared with instrumented code. The pass emits
 *     `external thread_local(initialexec)` references to exactly these names
 *     (see umsan_abi::tls), so they are defined here with the initial-exec
 *     TLS model and default visibility.
 *  2. Start-up: a `.preinit_array` entry runs the Rust initialisation
 *     (`__umsan_rt_init`) before any shared library constructor and before
 *     any instrumented code; a `constructor(101)` is the fallback for links
 *     where the preinit entry is dropped. Initialisation is idempotent.
 *     `__umsan_preinit_anchor` lives in this object so that
 *     `-Wl,-u,__umsan_preinit_anchor` pulls it (and, through the table
 *     below, the whole runtime) out of the archive.
 *  3. Entry points that report: they capture the return address of the call
 *     made by instrumented code with __builtin_return_address(0), so the
 *     report's frame #0 is the instrumented caller and runtime frames never
 *     appear.
 *
 * This file is compiled by build.rs with the system C compiler and is never
 * instrumented.
 */
#include <stddef.h>
#include <sys/types.h>

/* ---- 1. TLS shared with instrumented code (umsan_abi::tls) ---- */
#define UMSAN_TLS __thread __attribute__((tls_model("initial-exec"), visibility("default")))
UMSAN_TLS unsigned long long __umsan_param_tls[100];
UMSAN_TLS unsigned long long __umsan_retval_tls[100];
UMSAN_TLS void *__umsan_param_tag;
UMSAN_TLS void *__umsan_retval_tag;
UMSAN_TLS unsigned int __umsan_param_origin_tls[200];
UMSAN_TLS unsigned int __umsan_retval_origin_tls;

/* ---- 2. Start-up ---- */
extern void __umsan_rt_init(char **envp);

static void umsan_preinit(int argc, char **argv, char **envp) {
    (void)argc; (void)argv;
    __umsan_rt_init(envp);
}

__attribute__((section(".preinit_array"), used))
static void (*const umsan_preinit_entry)(int, char **, char **) = umsan_preinit;

__attribute__((constructor(101)))
static void umsan_ctor(int argc, char **argv, char **envp) {
    (void)argc; (void)argv;
    __umsan_rt_init(envp);
}

/* Referenced with -Wl,-u,__umsan_preinit_anchor by umsan-cc. */
__attribute__((visibility("default"), used)) int __umsan_preinit_anchor = 1;

/* Everything the runtime interposes or exports (defined in Rust), referenced
 * from this object so that pulling this object out of the archive pulls the
 * rest too. Declared through asm labels to stay clear of builtin prototypes. */
#define UMSAN_KEEP(name) extern const char umsan_keep_##name __asm__(#name);
UMSAN_KEEP(malloc)
UMSAN_KEEP(free)
UMSAN_KEEP(calloc)
UMSAN_KEEP(realloc)
UMSAN_KEEP(reallocarray)
UMSAN_KEEP(memalign)
UMSAN_KEEP(posix_memalign)
UMSAN_KEEP(aligned_alloc)
UMSAN_KEEP(valloc)
UMSAN_KEEP(pvalloc)
UMSAN_KEEP(mmap)
UMSAN_KEEP(mmap64)
UMSAN_KEEP(munmap)
UMSAN_KEEP(__umsan_malloc)
UMSAN_KEEP(__umsan_calloc)
UMSAN_KEEP(__umsan_realloc)
UMSAN_KEEP(__umsan_reallocarray)
UMSAN_KEEP(__umsan_free)
UMSAN_KEEP(__umsan_posix_memalign)
UMSAN_KEEP(__umsan_aligned_alloc)
UMSAN_KEEP(__umsan_memalign)
UMSAN_KEEP(__umsan_valloc)
UMSAN_KEEP(__umsan_pvalloc)
UMSAN_KEEP(__umsan_poison)
UMSAN_KEEP(__umsan_unpoison)
UMSAN_KEEP(__umsan_unpoison_escaped)
UMSAN_KEEP(__umsan_poison_stack)
UMSAN_KEEP(__umsan_move_shadow)
UMSAN_KEEP(__umsan_memcpy)
UMSAN_KEEP(__umsan_memmove)
UMSAN_KEEP(__umsan_memset)
UMSAN_KEEP(umsan_memmove_metadata)
UMSAN_KEEP(umsan_poison)
UMSAN_KEEP(umsan_unpoison)
UMSAN_KEEP(umsan_test_initialized)
#undef UMSAN_KEEP
#define UMSAN_KEEP(name) &umsan_keep_##name,
__attribute__((used)) static const void *const umsan_keep[] = {
    UMSAN_KEEP(malloc)
    UMSAN_KEEP(free)
    UMSAN_KEEP(calloc)
    UMSAN_KEEP(realloc)
    UMSAN_KEEP(reallocarray)
    UMSAN_KEEP(memalign)
    UMSAN_KEEP(posix_memalign)
    UMSAN_KEEP(aligned_alloc)
    UMSAN_KEEP(valloc)
    UMSAN_KEEP(pvalloc)
    UMSAN_KEEP(mmap)
    UMSAN_KEEP(mmap64)
    UMSAN_KEEP(munmap)
    UMSAN_KEEP(__umsan_malloc)
    UMSAN_KEEP(__umsan_calloc)
    UMSAN_KEEP(__umsan_realloc)
    UMSAN_KEEP(__umsan_reallocarray)
    UMSAN_KEEP(__umsan_free)
    UMSAN_KEEP(__umsan_posix_memalign)
    UMSAN_KEEP(__umsan_aligned_alloc)
    UMSAN_KEEP(__umsan_memalign)
    UMSAN_KEEP(__umsan_valloc)
    UMSAN_KEEP(__umsan_pvalloc)
    UMSAN_KEEP(__umsan_poison)
    UMSAN_KEEP(__umsan_unpoison)
    UMSAN_KEEP(__umsan_unpoison_escaped)
    UMSAN_KEEP(__umsan_poison_stack)
    UMSAN_KEEP(__umsan_move_shadow)
    UMSAN_KEEP(__umsan_memcpy)
    UMSAN_KEEP(__umsan_memmove)
    UMSAN_KEEP(__umsan_memset)
    UMSAN_KEEP(umsan_memmove_metadata)
    UMSAN_KEEP(umsan_poison)
    UMSAN_KEEP(umsan_unpoison)
    UMSAN_KEEP(umsan_test_initialized)
};
#undef UMSAN_KEEP

/* ---- 3. Reporting entry points: capture the caller's return address ---- */
extern void __umsan_rt_warning(unsigned int origin, void *pc);
extern void __umsan_rt_copy_out_check(const void *p, size_t n, void *pc);
extern void __umsan_rt_check_initialized(const volatile void *p, size_t n, void *pc);

#define UMSAN_ENTRY __attribute__((visibility("default"), noinline))

UMSAN_ENTRY void __umsan_warning(unsigned int origin) {
    __umsan_rt_warning(origin, __builtin_return_address(0));
}

UMSAN_ENTRY void __umsan_copy_out_check(const void *p, size_t n) {
    __umsan_rt_copy_out_check(p, n, __builtin_return_address(0));
}

UMSAN_ENTRY void umsan_check_initialized(const volatile void *p, size_t n) {
    __umsan_rt_check_initialized(p, n, __builtin_return_address(0));
}
