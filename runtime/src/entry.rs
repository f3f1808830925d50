//! Entry points for instrumented code ([`umsan_abi::rt`]) and the public
//! API of `umsan.h`.
//!
//! The entry points that report (`__umsan_warning`,
//! `__umsan_copy_out_check`, `umsan_check_initialized`) are defined in
//! `csrc/umsan_rt.c`: they capture their return address and call the
//! `__umsan_rt_*` functions here, which pass it to [`crate::report`] so the
//! report starts at the instrumented caller.
//!
//! The entry points that create origins (`__umsan_poison_stack`, and the
//! allocation wrappers of [`crate::alloc`]) are C functions too: they pass
//! their frame address, where the origin's stack walk starts, to the
//! `__umsan_rt_*` functions.
//!
//! All functions accept any pointer and `n == 0`: bytes outside application
//! memory are ignored (see [`crate::shadow`]).

use core::ffi::{c_char, c_int, c_uint, c_void};

use crate::origin;
use crate::report::{self, Kind};
use crate::shadow;

/// `void __umsan_poison(void *p, size_t n)`.
#[no_mangle]
pub extern "C" fn __umsan_poison(p: *const c_void, n: usize) {
    shadow::poison(p as u64, n as u64)
}

/// `void __umsan_unpoison(void *p, size_t n)`.
#[no_mangle]
pub extern "C" fn __umsan_unpoison(p: *const c_void, n: usize) {
    shadow::clean(p as u64, n as u64)
}

/// `void __umsan_unpoison_escaped(const void *p)`: see
/// [`umsan_abi::rt::UNPOISON_ESCAPED`].
#[no_mangle]
pub extern "C" fn __umsan_unpoison_escaped(p: *const c_void) {
    shadow::clean_poisoned_run(p as u64)
}

/// `void __umsan_entry_from_generated_code(const void *ra, const void *p)`:
/// see [`umsan_abi::rt::ENTRY_FROM_GENERATED_CODE`].
#[no_mangle]
pub extern "C" fn __umsan_entry_from_generated_code(ra: *const c_void, p: *const c_void) {
    if is_generated_code(ra as usize) {
        shadow::clean_poisoned_run(p as u64)
    }
}

/// `[start, end)` of the object holding the runtime (and so the program's
/// instrumented code linked with it); `(0, 0)` until known.
static OWN_OBJECT: [core::sync::atomic::AtomicUsize; 2] =
    [core::sync::atomic::AtomicUsize::new(0), core::sync::atomic::AtomicUsize::new(0)];

/// Whether `pc` lies in code no loaded object holds: generated at run time
/// (lock-free: `_dl_find_object`, with the runtime's own object first; at
/// once `false` while the program never asked for executable memory).
pub(crate) fn is_generated_code(pc: usize) -> bool {
    use core::sync::atomic::Ordering::{Acquire, Relaxed, Release};
    if !crate::mapping::__umsan_exec_mapped.load(Acquire) {
        return false;
    }
    // `hi` is published after `lo`: a nonzero `hi` comes with its `lo`.
    let hi = OWN_OBJECT[1].load(Acquire);
    if pc >= OWN_OBJECT[0].load(Relaxed) && pc < hi {
        return false;
    }
    if hi == 0 {
        if let Some((lo, hi)) = report::module_range(is_generated_code as fn(usize) -> bool as usize) {
            OWN_OBJECT[0].store(lo, Relaxed);
            OWN_OBJECT[1].store(hi, Release);
        }
    }
    report::module_range(pc).is_none()
}

/// Rust side of `void __umsan_poison_stack(void *p, size_t n, uint32_t
/// *id_slot, const char *descr)`; `fp` is the C wrapper's frame. Poisons the
/// slot; when origins are tracked, gives it the origin of its alloca site,
/// created on first use into `*id_slot` (see [`origin::stack_origin`]);
/// with `n == 0`, only creates that origin.
///
/// # Safety
/// `id_slot` is null or the site's static `u32`; `descr` is null or a static
/// string (`"name@function"`); `fp` is the live frame of the C wrapper.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_poison_stack(
    p: *const c_void,
    n: usize,
    id_slot: *mut u32,
    descr: *const c_char,
    fp: *const c_void,
) {
    let (p, n) = (p as u64, n as u64);
    if n != 0 && crate::mapping::is_ready() && shadow::is_app_range(p, n) {
        // The common case, once per stack slot per call: a slot inside one
        // application range, so no clipping.
        // SAFETY: the shadow and origins of application memory are mapped.
        core::ptr::write_bytes(umsan_abi::shadow_of(p) as *mut u8, 0xff, n as usize);
        if origin::tracking() {
            origin::fill_app(p, n, origin::stack_origin(id_slot, descr, fp as usize));
        }
        return;
    }
    shadow::poison(p, n);
    if origin::tracking() {
        // n == 0: only the site's origin, for a marked local's value (the
        // pass reads it from `*id_slot`).
        let id = origin::stack_origin(id_slot, descr, fp as usize);
        origin::fill(p, n, id);
    }
}

/// `void __umsan_set_origin(void *p, size_t n, uint32_t origin)`: give
/// every origin granule touching `[p, p + n)` this origin. No-op for
/// `origin == 0` or without origin tracking.
#[no_mangle]
pub extern "C" fn __umsan_set_origin(p: *const c_void, n: usize, origin: u32) {
    origin::fill(p as u64, n as u64, origin)
}

/// `void __umsan_copy_origins(void *dst, const void *src, size_t n)`.
#[no_mangle]
pub extern "C" fn __umsan_copy_origins(dst: *mut c_void, src: *const c_void, n: usize) {
    origin::copy_granules(dst as u64, src as u64, n as u64)
}

/// `void __umsan_move_shadow(void *dst, const void *src, size_t n)`.
#[no_mangle]
pub extern "C" fn __umsan_move_shadow(dst: *mut c_void, src: *const c_void, n: usize) {
    shadow::move_shadow(dst as u64, src as u64, n as u64)
}

/// `void *__umsan_memcpy(void *d, const void *s, size_t n)`: data and shadow.
///
/// # Safety
/// As `memcpy`.
#[no_mangle]
pub unsafe extern "C" fn __umsan_memcpy(d: *mut c_void, s: *const c_void, n: usize) -> *mut c_void {
    shadow::move_shadow(d as u64, s as u64, n as u64);
    libc::memcpy(d, s, n)
}

/// `void *__umsan_memmove(void *d, const void *s, size_t n)`: data and shadow.
///
/// # Safety
/// As `memmove`.
#[no_mangle]
pub unsafe extern "C" fn __umsan_memmove(
    d: *mut c_void,
    s: *const c_void,
    n: usize,
) -> *mut c_void {
    shadow::move_shadow(d as u64, s as u64, n as u64);
    libc::memmove(d, s, n)
}

/// `void *__umsan_memset(void *d, int c, size_t n)`: data set, shadow cleaned.
///
/// # Safety
/// As `memset`.
#[no_mangle]
pub unsafe extern "C" fn __umsan_memset(d: *mut c_void, c: c_int, n: usize) -> *mut c_void {
    shadow::clean(d as u64, n as u64);
    libc::memset(d, c, n)
}

/// `void umsan_memmove_metadata(void *dst, const void *src, size_t n)`.
#[no_mangle]
pub extern "C" fn umsan_memmove_metadata(dst: *mut c_void, src: *const c_void, n: usize) {
    shadow::move_shadow(dst as u64, src as u64, n as u64)
}

/// `void umsan_poison(const volatile void *p, size_t n)`.
#[no_mangle]
pub extern "C" fn umsan_poison(p: *const c_void, n: usize) {
    shadow::poison(p as u64, n as u64)
}

/// `void umsan_unpoison(const volatile void *p, size_t n)`.
#[no_mangle]
pub extern "C" fn umsan_unpoison(p: *const c_void, n: usize) {
    shadow::clean(p as u64, n as u64)
}

/// `long umsan_test_initialized(const volatile void *p, size_t n)`: index
/// of the first uninitialized byte, or -1.
#[no_mangle]
pub extern "C" fn umsan_test_initialized(p: *const c_void, n: usize) -> libc::c_long {
    shadow::first_poisoned(p as u64, n as u64).map_or(-1, |i| i as libc::c_long)
}

/// Rust side of `__umsan_warning(u32 origin)`; `pc` is the return address
/// into instrumented code, `fp` the trampoline's frame. The origin (0 =
/// unknown) is described in the report.
#[no_mangle]
pub extern "C" fn __umsan_rt_warning(origin: c_uint, pc: *const c_void, fp: *const c_void) {
    report::report_from_frame(Kind::UseOfUninitializedValue, pc as usize, origin, fp as usize)
}

/// Rust side of `__umsan_warning_noreturn(u32 origin)`, the report call of
/// code compiled with `-fno-umsan-recover`: that code has no path after the
/// report, so the process ends here even with `halt_on_error=0`.
#[no_mangle]
pub extern "C" fn __umsan_rt_warning_noreturn(origin: c_uint, pc: *const c_void) -> ! {
    report::report(Kind::UseOfUninitializedValue, pc as usize, origin, None);
    // SAFETY: _exit has no preconditions.
    unsafe { libc::_exit(crate::options::get().exitcode) }
}

/// Rust side of `__umsan_copy_out_check(p, n)`.
#[no_mangle]
pub extern "C" fn __umsan_rt_copy_out_check(p: *const c_void, n: usize, pc: *const c_void) {
    let (p, n) = (p as u64, n as u64);
    let readable = shadow::mapped_prefix(p, n);
    if let Some(first) = shadow::first_poisoned(p, readable) {
        let last = shadow::last_poisoned(p, readable).unwrap_or(first);
        report::report(
            Kind::UninitCopyOut,
            pc as usize,
            origin::origin_at(p + first),
            Some((first, last + 1, n)),
        )
    }
}

/// Rust side of `umsan_check_initialized(p, n)`.
#[no_mangle]
pub extern "C" fn __umsan_rt_check_initialized(p: *const c_void, n: usize, pc: *const c_void) {
    if shadow::short_range_clean(p as u64, n as u64) {
        return; // the common case: a short, initialized string or key
    }
    check_initialized_range(p, n, pc)
}

/// The rest of [`__umsan_rt_check_initialized`], out of line: its frame
/// (`mapped_prefix`'s page vector) made every call of the short, clean case
/// save six registers and reserve 300 bytes of stack.
#[cold]
#[inline(never)]
fn check_initialized_range(p: *const c_void, n: usize, pc: *const c_void) {
    if let Some(first) = shadow::first_poisoned(p as u64, shadow::mapped_prefix(p as u64, n as u64)) {
        let o = origin::origin_at(p as u64 + first);
        report::report(Kind::UseOfUninitializedValue, pc as usize, o, None)
    }
}
