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
 *  4. Entry points that create origins (`__umsan_malloc` & co.,
 *     `__umsan_poison_stack`): they hand their own frame address
 *     (__builtin_frame_address(0)) to the Rust side, which walks the
 *     frame-pointer chain from there when origins are tracked. The origin
 *     switch `__umsan_track_origins` (defined, weak, by modules instrumented
 *     with origins) is read here, where a weak reference is possible, and
 *     passed to the Rust initialisation.
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
UMSAN_TLS unsigned long long __umsan_va_arg_tls[100];
UMSAN_TLS unsigned long long __umsan_va_arg_overflow_size_tls;
UMSAN_TLS unsigned int __umsan_va_arg_origin_tls[200];

/* ---- 2. Start-up ---- */
extern void __umsan_rt_init(char **envp, int track_origins, const void *const *alloc_wrappers);

/* Defined (weak, = 1) by modules instrumented with origin tracking. */
extern int __umsan_track_origins __attribute__((weak));

/* The origin-creating allocation wrappers (section 4), in the order of the
 * runtime's AllocFn: their addresses are frame #0 of heap origins. */
void *__umsan_malloc(size_t n);
void *__umsan_realloc(void *p, size_t n);
void *__umsan_reallocarray(void *p, size_t nmemb, size_t size);
int __umsan_posix_memalign(void **out, size_t align, size_t n);
void *__umsan_aligned_alloc(size_t align, size_t n);
void *__umsan_memalign(size_t align, size_t n);
void *__umsan_valloc(size_t n);
void *__umsan_pvalloc(size_t n);
/* The C++ wrappers (csrc/umsan_cxx.c, a member of its own that only
 * programs with instrumented C++ pull in): weak, so that C programs need
 * no libstdc++. */
void *__umsan_Znwm(size_t n) __attribute__((weak));
void *__umsan_Znam(size_t n) __attribute__((weak));
void __msan_allocated_memory(const volatile void *data, size_t size);
static const void *const umsan_alloc_wrappers[] = {
    (const void *)__umsan_malloc,        (const void *)__umsan_realloc,
    (const void *)__umsan_reallocarray,  (const void *)__umsan_posix_memalign,
    (const void *)__umsan_aligned_alloc, (const void *)__umsan_memalign,
    (const void *)__umsan_valloc,        (const void *)__umsan_pvalloc,
    (const void *)__umsan_Znwm,          (const void *)__umsan_Znam,
    (const void *)__msan_allocated_memory,
};

static void umsan_init(char **envp) {
    int track = &__umsan_track_origins != 0 && __umsan_track_origins != 0;
    __umsan_rt_init(envp, track, umsan_alloc_wrappers);
}

static void umsan_preinit(int argc, char **argv, char **envp) {
    (void)argc; (void)argv;
    umsan_init(envp);
}

__attribute__((section(".preinit_array"), used))
static void (*const umsan_preinit_entry)(int, char **, char **) = umsan_preinit;

__attribute__((constructor(101)))
static void umsan_ctor(int argc, char **argv, char **envp) {
    (void)argc; (void)argv;
    umsan_init(envp);
}

/* Every instrumented object refers to it (umsan_abi::rt::LINK_CHECK): a
 * link without the runtime names it among the undefined symbols. */
__attribute__((visibility("default"), used)) const char __umsan_link_with_umsan_cc_or_umsan_cxx = 0;

/* Referenced with -Wl,-u,__umsan_preinit_anchor by umsan-cc. */
__attribute__((visibility("default"), used)) int __umsan_preinit_anchor = 1;

/* Everything the runtime interposes or exports (defined in Rust), referenced
 * from this object so that pulling this object out of the archive pulls the
 * rest too. Declared through asm labels to stay clear of builtin prototypes. */
#define UMSAN_KEPT_SYMBOLS(X) \
    X(malloc) \
    X(free) \
    X(calloc) \
    X(realloc) \
    X(reallocarray) \
    X(memalign) \
    X(posix_memalign) \
    X(aligned_alloc) \
    X(valloc) \
    X(pvalloc) \
    X(mmap) \
    X(mmap64) \
    X(munmap) \
    X(__umsan_calloc) \
    X(__umsan_free) \
    X(__umsan_poison) \
    X(__umsan_unpoison) \
    X(__umsan_unpoison_escaped) \
    X(__umsan_set_origin) \
    X(__umsan_move_shadow) \
    X(__umsan_copy_origins) \
    X(__umsan_memcpy) \
    X(__umsan_memmove) \
    X(__umsan_memset) \
    X(umsan_memmove_metadata) \
    X(umsan_poison) \
    X(umsan_unpoison) \
    X(umsan_test_initialized) \
    X(__umsan_model_strlen) \
    X(__umsan_check_format_va) \
    X(__umsan_model_scan_arg) \
    X(__umsan_model_scan_va) \
    X(sigaction) \
    X(__umsan_clean_stack_below)
#define UMSAN_DECLARE_KEPT(name) extern const char umsan_keep_##name __asm__(#name);
UMSAN_KEPT_SYMBOLS(UMSAN_DECLARE_KEPT)
#define UMSAN_ADDRESS_OF_KEPT(name) &umsan_keep_##name,
__attribute__((used)) static const void *const umsan_keep[] = {UMSAN_KEPT_SYMBOLS(UMSAN_ADDRESS_OF_KEPT)};
#undef UMSAN_DECLARE_KEPT
#undef UMSAN_ADDRESS_OF_KEPT

/* ---- 3. Reporting entry points: capture the caller's return address ---- */
extern void __umsan_rt_warning(unsigned int origin, void *pc, void *fp);
extern void __umsan_rt_copy_out_check(const void *p, size_t n, void *pc);
extern void __umsan_rt_check_initialized(const volatile void *p, size_t n, void *pc);

#define UMSAN_ENTRY __attribute__((visibility("default"), noinline))

/* `void __umsan_warning(u32, u32, u32, u32, u32, u32 origin)` and
 * `void __umsan_warning_noorigin(void)`, called by instrumented code with
 * the `preserve_most` calling convention: they keep every general-purpose
 * register but r11 (vector registers are the caller's), so the cold report
 * block of a check needs no spills and the hot path keeps its registers
 * although the program may continue after the report (halt_on_error=0).
 * The origin comes in r9 (the sixth argument; the first five are unused),
 * a register the code around a check seldom has a live value in, or not at
 * all (origin 0). The trampoline saves the registers the C ABI lets
 * __umsan_rt_warning clobber; its CFI lets the unwinder walk through it to
 * the caller. The `maybe` forms (out-of-line checks and origin stores of
 * functions above the pass's `call-threshold`) return at once when their
 * first argument is 0, touching no register. */
#define UMSAN_SAVING_TRAMPOLINE(name, fast_path, set_args, target) \
    "    .text\n" \
    "    .globl " #name "\n" \
    "    .type " #name ", @function\n" \
    "    .p2align 4\n" \
    #name ":\n" \
    "    .cfi_startproc\n" \
    fast_path \
    "    pushq %rbp\n" \
    "    .cfi_def_cfa_offset 16\n" \
    "    .cfi_offset %rbp, -16\n" \
    "    movq %rsp, %rbp\n" \
    "    .cfi_def_cfa_register %rbp\n" \
    "    pushq %rax\n" \
    "    pushq %rcx\n" \
    "    pushq %rdx\n" \
    "    pushq %rsi\n" \
    "    pushq %rdi\n" \
    "    pushq %r8\n" \
    "    pushq %r9\n" \
    "    pushq %r10\n" \
    set_args \
    "    call " #target "@PLT\n" \
    "    popq %r10\n" \
    "    popq %r9\n" \
    "    popq %r8\n" \
    "    popq %rdi\n" \
    "    popq %rsi\n" \
    "    popq %rdx\n" \
    "    popq %rcx\n" \
    "    popq %rax\n" \
    "    popq %rbp\n" \
    "    .cfi_def_cfa %rsp, 8\n" \
    "    ret\n" \
    "    .cfi_endproc\n" \
    "    .size " #name ", .-" #name "\n"
/* The fast path of the `maybe` forms: nothing to do when the first
 * argument (the check's outcome) is zero. */
#define UMSAN_RETURN_IF_EDI_ZERO \
    "    testl %edi, %edi\n" \
    "    jnz 1f\n" \
    "    ret\n" \
    "1:\n"
/* Report arguments: origin, return address into the instrumented code,
 * the trampoline's frame (whose saved frame pointer starts the caller's
 * frame-pointer chain: the report's cheap dedup key, see report.rs). */
#define UMSAN_REPORT_ARGS(origin_to_edi) \
    "    " origin_to_edi "\n" \
    "    movq 8(%rbp), %rsi\n" \
    "    movq %rbp, %rdx\n"
__asm__(UMSAN_SAVING_TRAMPOLINE(__umsan_warning, "", UMSAN_REPORT_ARGS("movl %r9d, %edi"),
                                __umsan_rt_warning)
        UMSAN_SAVING_TRAMPOLINE(__umsan_warning_noorigin, "", UMSAN_REPORT_ARGS("xorl %edi, %edi"),
                                __umsan_rt_warning)
        /* `void __umsan_maybe_warning(u32 poisoned, u32 origin)`. */
        UMSAN_SAVING_TRAMPOLINE(__umsan_maybe_warning, UMSAN_RETURN_IF_EDI_ZERO,
                                UMSAN_REPORT_ARGS("movl %esi, %edi"), __umsan_rt_warning)
        /* `void __umsan_maybe_store_origin(u32 poisoned, void *p, size_t n,
         * u32 origin)` -> __umsan_set_origin(p, n, origin). */
        UMSAN_SAVING_TRAMPOLINE(__umsan_maybe_store_origin, UMSAN_RETURN_IF_EDI_ZERO,
                                "    movq %rsi, %rdi\n"
                                "    movq %rdx, %rsi\n"
                                "    movl %ecx, %edx\n",
                                __umsan_set_origin));
#undef UMSAN_SAVING_TRAMPOLINE
#undef UMSAN_RETURN_IF_EDI_ZERO
#undef UMSAN_REPORT_ARGS

extern void __umsan_rt_warning_noreturn(unsigned int origin, void *pc) __attribute__((noreturn));

/* The report call of code compiled with -fno-umsan-recover. */
UMSAN_ENTRY __attribute__((noreturn)) void __umsan_warning_noreturn(unsigned int origin) {
    __umsan_rt_warning_noreturn(origin, __builtin_return_address(0));
}

UMSAN_ENTRY void __umsan_copy_out_check(const void *p, size_t n) {
    __umsan_rt_copy_out_check(p, n, __builtin_return_address(0));
}

/* A modelled function (`check` effect, e.g. strcmp) decided on [p, p+n). */
UMSAN_ENTRY void __umsan_check_mem(const void *p, size_t n) {
    __umsan_rt_check_initialized(p, n, __builtin_return_address(0));
}

extern void __umsan_rt_check_format(const char *fmt, const unsigned long *flags,
                                    const unsigned long *vals, long n, void *pc);

/* printf-style models: (flag, value) per variadic argument of the call. */
UMSAN_ENTRY void __umsan_check_format(const char *fmt, long n, ...) {
    unsigned long flags[64], vals[64];
    __builtin_va_list ap;
    __builtin_va_start(ap, n);
    if (n > 64)
        n = 64;
    for (long i = 0; i < n; i++) {
        flags[i] = __builtin_va_arg(ap, unsigned long);
        vals[i] = __builtin_va_arg(ap, unsigned long);
    }
    __builtin_va_end(ap);
    __umsan_rt_check_format(fmt, flags, vals, n, __builtin_return_address(0));
}

extern void __umsan_rt_model_iov(const void *iov, long cnt, long bytes, long mode, void *pc);

/* readv/writev-style models: see runtime/src/model_helpers.rs. */
UMSAN_ENTRY void __umsan_model_iov(const void *iov, long cnt, long bytes, long mode) {
    __umsan_rt_model_iov(iov, cnt, bytes, mode, __builtin_return_address(0));
}

extern void __umsan_rt_model_syscall(long nr, long ret, long a1, long a2, long a3, long on, void *pc);

/* After a raw syscall(): see runtime/src/model_helpers.rs. */
UMSAN_ENTRY void __umsan_model_syscall(long nr, long ret, long a1, long a2, long a3, long on) {
    __umsan_rt_model_syscall(nr, ret, a1, a2, a3, on, __builtin_return_address(0));
}

UMSAN_ENTRY void umsan_check_initialized(const volatile void *p, size_t n) {
    __umsan_rt_check_initialized(p, n, __builtin_return_address(0));
}

/* ---- 4. Origin-creating entry points: hand the wrapper's frame to Rust ----
 * The empty asm after each call keeps it out of tail position: the frame
 * handed over must stay live while the Rust side walks it. */
#define UMSAN_FRAME __builtin_frame_address(0)
#define UMSAN_NO_TAIL_CALL() __asm__ volatile("" ::: "memory")

extern void *__umsan_rt_malloc(size_t n, void *fp);
extern void *__umsan_rt_realloc(void *p, size_t n, void *fp);
extern void *__umsan_rt_reallocarray(void *p, size_t nmemb, size_t size, void *fp);
extern int __umsan_rt_posix_memalign(void **out, size_t align, size_t n, void *fp);
extern void *__umsan_rt_aligned_alloc(size_t align, size_t n, void *fp);
extern void *__umsan_rt_memalign(size_t align, size_t n, void *fp);
extern void *__umsan_rt_valloc(size_t n, void *fp);
extern void *__umsan_rt_pvalloc(size_t n, void *fp);
extern void __umsan_rt_poison_stack(void *p, size_t n, unsigned int *id_slot,
                                    const char *descr, void *fp);

UMSAN_ENTRY void *__umsan_malloc(size_t n) {
    void *r = __umsan_rt_malloc(n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY void *__umsan_realloc(void *p, size_t n) {
    void *r = __umsan_rt_realloc(p, n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY void *__umsan_reallocarray(void *p, size_t nmemb, size_t size) {
    void *r = __umsan_rt_reallocarray(p, nmemb, size, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY int __umsan_posix_memalign(void **out, size_t align, size_t n) {
    int r = __umsan_rt_posix_memalign(out, align, n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY void *__umsan_aligned_alloc(size_t align, size_t n) {
    void *r = __umsan_rt_aligned_alloc(align, n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY void *__umsan_memalign(size_t align, size_t n) {
    void *r = __umsan_rt_memalign(align, n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY void *__umsan_valloc(size_t n) {
    void *r = __umsan_rt_valloc(n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

UMSAN_ENTRY void *__umsan_pvalloc(size_t n) {
    void *r = __umsan_rt_pvalloc(n, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
    return r;
}

/* void __umsan_poison_stack(void *p, size_t n, uint32_t *id_slot,
 *                           const char *descr) */
UMSAN_ENTRY void __umsan_poison_stack(void *p, size_t n, unsigned int *id_slot,
                                      const char *descr) {
    __umsan_rt_poison_stack(p, n, id_slot, descr, UMSAN_FRAME);
    UMSAN_NO_TAIL_CALL();
}
