//! The contract between the umsan pass and the umsan runtime.
//!
//! Both sides of the instrumentation — the code the pass emits and the runtime
//! it links against — must agree on the shadow mapping, the thread-local slots
//! used to pass shadows across calls, and the names of the runtime entry
//! points. Everything that both sides need lives here, and nowhere else.
//!
//! # Memory layout (x86_64 Linux, 47-bit user space)
//!
//! One shadow bit per application bit: a set shadow bit means "this bit is
//! uninitialized". The shadow of the byte at `addr` is at `addr ^ SHADOW_XOR`.
//! Origins (4 bytes per 4 application bytes) are at
//! `(shadow(addr) + ORIGIN_ADD) & !3`.
//!
//! | range                         | kind   | name     |
//! |-------------------------------|--------|----------|
//! | `0x0000_0000_0000..0x0100_0000_0000` | app    | app-1 (non-PIE binaries, their brk heap) |
//! | `0x0100_0000_0000..0x1000_0000_0000` | shadow | shadow of app-2 |
//! | `0x1000_0000_0000..0x1100_0000_0000` | —      | invalid  |
//! | `0x1100_0000_0000..0x2000_0000_0000` | origin | origin of app-2 |
//! | `0x2000_0000_0000..0x3000_0000_0000` | shadow | shadow of app-3 |
//! | `0x3000_0000_0000..0x4000_0000_0000` | origin | origin of app-3 |
//! | `0x4000_0000_0000..0x5000_0000_0000` | —      | invalid  |
//! | `0x5000_0000_0000..0x5100_0000_0000` | shadow | shadow of app-1 |
//! | `0x5100_0000_0000..0x6000_0000_0000` | app    | app-2 (PIE binaries, their brk heap) |
//! | `0x6000_0000_0000..0x6100_0000_0000` | origin | origin of app-1 |
//! | `0x6100_0000_0000..0x7000_0000_0000` | —      | invalid  |
//! | `0x7000_0000_0000..0x8000_0000_0000` | app    | app-3 (mmap, shared libraries, stacks) |
//!
//! This is the layout LLVM's MemorySanitizer uses on the same platform; it
//! lets glibc's own allocator, the kernel's mmap placement and PIE loading
//! work unchanged, so umsan needs no allocator of its own.

#![no_std]

/// `shadow(addr) = addr ^ SHADOW_XOR`.
pub const SHADOW_XOR: u64 = 0x5000_0000_0000;
/// `origin(addr) = (shadow(addr) + ORIGIN_ADD) & !3`.
pub const ORIGIN_ADD: u64 = 0x1000_0000_0000;
/// Granularity of origins, in bytes.
pub const ORIGIN_GRANULE: u64 = 4;

/// Kinds of address ranges in [`MEMORY_LAYOUT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeKind {
    App,
    Shadow,
    Origin,
    Invalid,
}

/// The whole 47-bit user address space, in order.
pub const MEMORY_LAYOUT: &[(u64, u64, RangeKind, &str)] = &[
    (0x0000_0000_0000, 0x0100_0000_0000, RangeKind::App, "app-1"),
    (0x0100_0000_0000, 0x1000_0000_0000, RangeKind::Shadow, "shadow-2"),
    (0x1000_0000_0000, 0x1100_0000_0000, RangeKind::Invalid, "invalid"),
    (0x1100_0000_0000, 0x2000_0000_0000, RangeKind::Origin, "origin-2"),
    (0x2000_0000_0000, 0x3000_0000_0000, RangeKind::Shadow, "shadow-3"),
    (0x3000_0000_0000, 0x4000_0000_0000, RangeKind::Origin, "origin-3"),
    (0x4000_0000_0000, 0x5000_0000_0000, RangeKind::Invalid, "invalid"),
    (0x5000_0000_0000, 0x5100_0000_0000, RangeKind::Shadow, "shadow-1"),
    (0x5100_0000_0000, 0x6000_0000_0000, RangeKind::App, "app-2"),
    (0x6000_0000_0000, 0x6100_0000_0000, RangeKind::Origin, "origin-1"),
    (0x6100_0000_0000, 0x7000_0000_0000, RangeKind::Invalid, "invalid"),
    (0x7000_0000_0000, 0x8000_0000_0000, RangeKind::App, "app-3"),
];

/// Size in bytes of each of the argument / return-value shadow TLS arrays.
/// A parameter whose shadow does not fit entirely is passed as clean.
pub const PARAM_TLS_BYTES: u64 = 800;
/// Each parameter's shadow starts at a multiple of this in the param TLS.
pub const PARAM_SLOT_ALIGN: u64 = 8;

/// Thread-local symbols, defined by the runtime (initial-exec TLS model).
pub mod tls {
    /// `[u64; 100]`: shadows of the arguments of the call being made.
    pub const PARAM: &str = "__umsan_param_tls";
    /// `[u64; 100]`: shadow of the value being returned.
    pub const RETVAL: &str = "__umsan_retval_tls";
    /// `void *`: the callee an instrumented caller is about to call. An
    /// instrumented function trusts [`PARAM`] only if this equals its own
    /// address; otherwise it was called by uninstrumented code and its
    /// arguments count as initialized.
    pub const PARAM_TAG: &str = "__umsan_param_tag";
    /// `void *`: the instrumented function that last stored [`RETVAL`]. A
    /// caller trusts [`RETVAL`] only if this equals the callee it called.
    pub const RETVAL_TAG: &str = "__umsan_retval_tag";
    /// `[u32; 200]`: origins of the arguments (one per 8-byte param slot).
    pub const PARAM_ORIGIN: &str = "__umsan_param_origin_tls";
    /// `u32`: origin of the value being returned.
    pub const RETVAL_ORIGIN: &str = "__umsan_retval_origin_tls";
    /// `[u64; 100]`: shadows of the variadic arguments of the call being
    /// made, laid out like the x86_64 register save area (general-purpose
    /// registers at 0..48, vector registers at 48..176) followed by the
    /// stack (overflow) area from offset 176.
    pub const VA_ARG: &str = "__umsan_va_arg_tls";
    /// `[u32; 200]`: origins of the variadic arguments, at the same byte
    /// offsets as their shadows in [`VA_ARG`] (an argument's origin in the
    /// first 4 bytes of its slot; a `byval` one's origins for all of it).
    pub const VA_ARG_ORIGIN: &str = "__umsan_va_arg_origin_tls";
    /// `u64`: bytes of overflow-area shadow in [`VA_ARG`] beyond offset 176.
    pub const VA_ARG_OVERFLOW_SIZE: &str = "__umsan_va_arg_overflow_size_tls";
}

/// Runtime functions called by instrumented code.
///
/// # Origin tracking
///
/// Origins are `u32` ids (0 = unknown) kept in origin memory ([`origin_of`],
/// one per 4-byte-aligned granule) and passed across calls in
/// [`tls::PARAM_ORIGIN`] / [`tls::RETVAL_ORIGIN`]. A module compiled with
/// origins defines the weak global `int __umsan_track_origins = 1`; the
/// runtime tracks origins (heap origins in the allocation wrappers, stack
/// origins in [`rt::POISON_STACK`], origin moves in [`rt::MOVE_SHADOW`] &
/// co.) iff that symbol is defined and nonzero. [`rt::WARNING`] prints the
/// origin it is given.
pub mod rt {
    /// A symbol the runtime defines and every instrumented object refers
    /// to: linking instrumented objects without the runtime (a plain `cc`
    /// or `c++` link) fails naming it, which says what to do.
    pub const LINK_CHECK: &str = "__umsan_link_with_umsan_cc_or_umsan_cxx";
    /// `void __umsan_warning(u32, u32, u32, u32, u32, u32 origin)`: an
    /// uninitialized value was used by the caller at the call's debug
    /// location. Returns only when `halt_on_error=0`. The first five
    /// arguments are unused (`poison` at every call): the origin travels in
    /// the sixth argument register (r9 on x86-64), which the code around a
    /// check rarely holds a live value in, where the first (rdi) usually
    /// holds the function's own first argument and would have to be moved
    /// away for the report call.
    pub const WARNING: &str = "__umsan_warning";
    /// Index of the origin among [`WARNING`]'s arguments.
    pub const WARNING_ORIGIN_ARG: usize = 5;
    /// `void __umsan_warning_noorigin(void)`: [`WARNING`] with origin 0
    /// (unknown), which needs no argument register at all.
    pub const WARNING_NOORIGIN: &str = "__umsan_warning_noorigin";
    /// The calling convention of [`WARNING`] and [`WARNING_NOORIGIN`]:
    /// LLVM's `preserve_mostcc` (14), so a check's cold block clobbers no
    /// general-purpose register but r11.
    pub const WARNING_CALL_CONV: u32 = 14;
    /// `void __umsan_maybe_warning(u32 poisoned, u32 origin)`: [`WARNING`]
    /// if `poisoned` is nonzero, else nothing. Calling convention
    /// [`WARNING_CALL_CONV`]. Functions with more checks than the pass option
    /// `call-threshold` call it instead of branching to a report block of
    /// their own (MemorySanitizer's `__msan_maybe_warning_N`): their code is
    /// then smaller and much faster to compile, their checks a little slower.
    pub const MAYBE_WARNING: &str = "__umsan_maybe_warning";
    /// `void __umsan_maybe_store_origin(u32 poisoned, void *p, size_t n, u32
    /// origin)`: [`SET_ORIGIN`]`(p, n, origin)` if `poisoned` is nonzero.
    /// Calling convention [`WARNING_CALL_CONV`]; the origin stores of
    /// functions above `call-threshold`.
    pub const MAYBE_STORE_ORIGIN: &str = "__umsan_maybe_store_origin";
    /// `void __umsan_warning_noreturn(u32 origin)`: as [`WARNING`] for code
    /// compiled with `-fno-umsan-recover`; never returns, whatever
    /// `halt_on_error` says.
    pub const WARNING_NORETURN: &str = "__umsan_warning_noreturn";
    /// `void __umsan_copy_out_check(const void *p, size_t n)`: bytes leave the
    /// program; reports `uninit-copy-out` if any of them is uninitialized.
    pub const COPY_OUT_CHECK: &str = "__umsan_copy_out_check";
    /// `void __umsan_poison(void *p, size_t n)`.
    pub const POISON: &str = "__umsan_poison";
    /// `void __umsan_unpoison(void *p, size_t n)`.
    pub const UNPOISON: &str = "__umsan_unpoison";
    /// `void __umsan_poison_stack(void *p, size_t n, uint32_t *id_slot,
    /// const char *descr)`: poison a stack slot. `id_slot` is a static
    /// `u32` (initially 0) per alloca site and `descr` a static
    /// `"name@function"` string (split at the last `@`). When origins are
    /// tracked, the first call creates the site's stack origin (creating
    /// stack: the caller's) and publishes its id into `*id_slot` with an
    /// atomic CAS; every call fills the origins of `[p, p + n)` with it.
    /// `n == 0` (and `p` null) only creates the origin: the value of a
    /// marked local (the pass's `uninit_locals`) takes it from `*id_slot`.
    pub const POISON_STACK: &str = "__umsan_poison_stack";
    /// `void __umsan_set_origin(void *p, size_t n, uint32_t origin)`: set
    /// the origin of every 4-byte granule touching `[p, p + n)` (used for
    /// stores of poisoned values of unusual sizes). No-op if `origin == 0`
    /// or origins are not tracked.
    pub const SET_ORIGIN: &str = "__umsan_set_origin";
    /// `void __umsan_unpoison_escaped(const void *p)`: `p` was handed to
    /// code umsan did not compile, which may have written through it: the
    /// run of uninitialized bytes starting at `p` becomes initialized. (A run
    /// ends at the first initialized byte, at the latest at the next heap
    /// chunk's header, which glibc wrote and is therefore initialized.)
    pub const UNPOISON_ESCAPED: &str = "__umsan_unpoison_escaped";
    /// `void __umsan_entry_from_generated_code(const void *ra, const void *p)`:
    /// called at the entry of an address-taken instrumented function whose
    /// caller was not instrumented code naming it, for each pointer
    /// argument `p`, with the function's return address `ra`. When `ra`
    /// lies in code that no loaded object holds — code generated at run
    /// time (a JIT such as pcre2's) — that code may have written what it
    /// hands over: the run of uninitialized bytes at `p` becomes
    /// initialized, as after a call into uninstrumented code.
    pub const ENTRY_FROM_GENERATED_CODE: &str = "__umsan_entry_from_generated_code";
    /// `bool __umsan_exec_mapped` (a global, not a function): set once the
    /// program asked `mmap` or `mprotect` for executable memory; until
    /// then no code generated at run time exists, and instrumented entries
    /// skip [`ENTRY_FROM_GENERATED_CODE`] (read with a relaxed atomic load).
    pub const EXEC_MAPPED: &str = "__umsan_exec_mapped";
    /// `void __umsan_landing_pad(void)`: called first in every landing pad
    /// of instrumented code. The frames an exception unwound (instrumented
    /// ones without a landing pad of their own included) never returned,
    /// so their stack slots were never cleaned: the runtime cleans the
    /// shadow between the deepest point of the unwinding (recorded by its
    /// `_Unwind_RaiseException` / `_Unwind_Resume_or_Rethrow` interposers)
    /// and the landing pad's frame, so uninstrumented code reusing that
    /// stack never hands stale poison to instrumented code.
    pub const LANDING_PAD: &str = "__umsan_landing_pad";
    /// `void __umsan_move_shadow(void *dst, const void *src, size_t n)`:
    /// overlap-safe shadow (and, when tracked, origin) move, no data copy.
    /// Each destination origin granule touching `[dst, dst + n)` takes the
    /// origin of the source granule holding the corresponding source byte.
    pub const MOVE_SHADOW: &str = "__umsan_move_shadow";
    /// `void __umsan_copy_origins(void *dst, const void *src, size_t n)`:
    /// the origins of `n` bytes whose shadow has moved already (the cold
    /// path of a small copy whose shadow moved inline, taken when a moved
    /// byte is uninitialized). `dst` and `src` are granule-aligned, `n` a
    /// whole number of granules, the ranges do not overlap.
    pub const COPY_ORIGINS: &str = "__umsan_copy_origins";
    /// `void *__umsan_memcpy(void *d, const void *s, size_t n)`: memcpy of data
    /// and shadow (used for `llvm.memcpy` of unknown or large size).
    pub const MEMCPY: &str = "__umsan_memcpy";
    /// `void *__umsan_memmove(void *d, const void *s, size_t n)`.
    pub const MEMMOVE: &str = "__umsan_memmove";
    /// `void *__umsan_memset(void *d, int c, size_t n)`: data set, shadow cleaned.
    pub const MEMSET: &str = "__umsan_memset";
}

/// Allocation functions whose *direct calls from instrumented code* are
/// redirected to runtime wrappers with the same signature. The wrappers call
/// the real function and then poison what the caller receives. (Allocations
/// made by uninstrumented code are never poisoned.)
pub const ALLOC_WRAPPERS: &[(&str, &str)] = &[
    ("malloc", "__umsan_malloc"),
    ("calloc", "__umsan_calloc"),
    ("realloc", "__umsan_realloc"),
    ("reallocarray", "__umsan_reallocarray"),
    ("free", "__umsan_free"),
    ("posix_memalign", "__umsan_posix_memalign"),
    ("aligned_alloc", "__umsan_aligned_alloc"),
    ("memalign", "__umsan_memalign"),
    ("valloc", "__umsan_valloc"),
    ("pvalloc", "__umsan_pvalloc"),
    // C++ (Itanium names): every `operator new` / `new[]` — plain,
    // nothrow, aligned (`std::align_val_t`), aligned nothrow. The wrapper
    // is `__umsan_` + the mangled name; it calls the real (or the user's
    // replacement) operator, so `std::bad_alloc` and the new-handler work
    // as without umsan. `operator delete` needs none (it ends in `free`).
    ("_Znwm", "__umsan_Znwm"),
    ("_Znam", "__umsan_Znam"),
    ("_ZnwmRKSt9nothrow_t", "__umsan_ZnwmRKSt9nothrow_t"),
    ("_ZnamRKSt9nothrow_t", "__umsan_ZnamRKSt9nothrow_t"),
    ("_ZnwmSt11align_val_t", "__umsan_ZnwmSt11align_val_t"),
    ("_ZnamSt11align_val_t", "__umsan_ZnamSt11align_val_t"),
    ("_ZnwmSt11align_val_tRKSt9nothrow_t", "__umsan_ZnwmSt11align_val_tRKSt9nothrow_t"),
    ("_ZnamSt11align_val_tRKSt9nothrow_t", "__umsan_ZnamSt11align_val_tRKSt9nothrow_t"),
];

/// Shadow address of an application address.
#[inline(always)]
pub const fn shadow_of(addr: u64) -> u64 {
    addr ^ SHADOW_XOR
}

/// Origin address (4-byte aligned) of an application address.
#[inline(always)]
pub const fn origin_of(addr: u64) -> u64 {
    (shadow_of(addr) + ORIGIN_ADD) & !3
}

/// Number of application ranges in [`MEMORY_LAYOUT`].
pub const APP_RANGE_COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < MEMORY_LAYOUT.len() {
        if matches!(MEMORY_LAYOUT[i].2, RangeKind::App) {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The application ranges of [`MEMORY_LAYOUT`], `[lo, hi)`, in order: a
/// fixed-size table, so that range tests compile to a few comparisons.
pub const APP_RANGES: [(u64, u64); APP_RANGE_COUNT] = {
    let mut out = [(0, 0); APP_RANGE_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < MEMORY_LAYOUT.len() {
        if matches!(MEMORY_LAYOUT[i].2, RangeKind::App) {
            out[n] = (MEMORY_LAYOUT[i].0, MEMORY_LAYOUT[i].1);
            n += 1;
        }
        i += 1;
    }
    out
};

/// Is `addr` in an application range?
#[inline]
pub fn is_app(addr: u64) -> bool {
    APP_RANGES.iter().any(|&(lo, hi)| addr >= lo && addr < hi)
}

/// Is all of `[p, p + n)` (n > 0) inside one application range?
#[inline]
pub fn is_app_range(p: u64, n: u64) -> bool {
    let Some(last) = p.checked_add(n - 1) else {
        return false;
    };
    APP_RANGES.iter().any(|&(lo, hi)| p >= lo && last < hi)
}

/// Environment variable through which `umsan-cc` hands options to the pass
/// (`key=value` pairs separated by `;`).
pub const PASS_OPTIONS_ENV: &str = "UMSAN_PASS_OPTIONS";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_ranges_map_to_shadow_and_origin_ranges() {
        for &(lo, hi, kind, name) in MEMORY_LAYOUT {
            if kind != RangeKind::App {
                continue;
            }
            for addr in [lo, hi - 1] {
                let s = shadow_of(addr);
                let o = origin_of(addr);
                let kind_of = |a: u64| {
                    MEMORY_LAYOUT
                        .iter()
                        .find(|&&(l, h, _, _)| a >= l && a < h)
                        .map(|r| r.2)
                };
                assert_eq!(kind_of(s), Some(RangeKind::Shadow), "{name} shadow");
                assert_eq!(kind_of(o), Some(RangeKind::Origin), "{name} origin");
            }
        }
    }
}
