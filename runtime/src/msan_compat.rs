//! MemorySanitizer's interface (`<sanitizer/msan_interface.h>`) with
//! MemorySanitizer's meaning, on umsan's shadow (interface.md §1b), so that
//! source prepared for MSan links and behaves the same under umsan.
//!
//! Each function is the umsan operation of the same meaning
//! ([`crate::shadow`], [`crate::origin`], [`crate::report`]); the ones that
//! need their caller's address are C (`csrc/umsan_msan.c`):
//! `__msan_check_mem_is_initialized`, `__msan_allocated_memory`,
//! `__msan_unpoison_param`.
//!
//! | MSan | here |
//! |---|---|
//! | `__msan_unpoison`, `__msan_unpoison_string`, `__msan_poison`, `__msan_partial_poison`, `__msan_copy_shadow` | shadow operations (`__msan_poison` keeps origins, as MSan's) |
//! | `__msan_test_shadow` | offset of the first uninitialized byte, or -1 |
//! | `__msan_check_mem_is_initialized` | a `use-of-uninitialized-value` report at the caller |
//! | `__msan_allocated_memory` | poison with a heap origin (frame #0 `__msan_allocated_memory`) |
//! | `__sanitizer_dtor_callback{,_fields,_vptr}` | poison |
//! | `__msan_set_expect_umr` | per thread: the next reports are swallowed; turning it off without one exits with the report exit status |
//! | `__msan_set_keep_going` | `halt_on_error` for the rest of the run |
//! | `__msan_set_poison_in_malloc` | off: heap blocks instrumented code allocates count as initialized; returns the previous setting |
//! | `__msan_set_death_callback`, `__sanitizer_set_death_callback` | called before a report ends the process |
//! | `__msan_get_track_origins`, `__msan_get_origin`, `__msan_set_origin`, `__msan_origin_is_descendant_or_same` | umsan's origin ids (no chains: descendant = same) |
//! | `__msan_print_shadow`, `__msan_dump_shadow` | the shadow bytes on stderr |
//! | `__msan_has_dynamic_component` | 0 |
//!
//! Not provided (a program using them fails to link with an undefined
//! reference naming the function): `__msan_get_umr_origin`,
//! `__msan_scoped_disable_interceptor_checks` /
//! `__msan_scoped_enable_interceptor_checks`, `__msan_start_switch_fiber` /
//! `__msan_finish_switch_fiber`, `__msan_default_options` (umsan reads
//! `UMSAN_OPTIONS`), and MSan's compiler ABI (`__msan_param_tls`,
//! `__msan_warning`…), which only MSan's own pass uses.

use core::cell::Cell;
use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::{options, origin, report, shadow};

/// `void __msan_unpoison(const volatile void *a, size_t size)`.
#[no_mangle]
pub extern "C" fn __msan_unpoison(a: *const c_void, size: usize) {
    shadow::clean(a as u64, size as u64)
}

/// `void __msan_unpoison_string(const volatile char *a)`: the string and
/// its terminating NUL.
///
/// # Safety
/// `a` is a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn __msan_unpoison_string(a: *const c_char) {
    if !a.is_null() {
        shadow::clean(a as u64, libc::strlen(a) as u64 + 1)
    }
}

/// `void __msan_poison(const volatile void *a, size_t size)` (origins are
/// left as they are, as in MemorySanitizer).
#[no_mangle]
pub extern "C" fn __msan_poison(a: *const c_void, size: usize) {
    shadow::poison(a as u64, size as u64)
}

/// `void __msan_partial_poison(const volatile void *data, void *shadow,
/// size_t size)`: `shadow[i]` becomes the shadow of `data[i]` (bits set =
/// uninitialized).
///
/// # Safety
/// `shadow` points to `size` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn __msan_partial_poison(data: *const c_void, shadow_bytes: *const c_void, size: usize) {
    let (p, src) = (data as u64, shadow_bytes as *const u8);
    if !crate::mapping::is_ready() || src.is_null() {
        return;
    }
    shadow::for_app_pieces(p, size as u64, |s, l| {
        // SAFETY: the piece is application memory, its shadow is mapped;
        // `src + (s - p)` lies inside the caller's `size` bytes.
        core::ptr::copy(src.add((s - p) as usize), umsan_abi::shadow_of(s) as *mut u8, l as usize)
    });
}

/// `void __msan_copy_shadow(const volatile void *dst, const volatile void
/// *src, size_t size)`: shadow and origins, overlap-safe.
#[no_mangle]
pub extern "C" fn __msan_copy_shadow(dst: *const c_void, src: *const c_void, size: usize) {
    shadow::move_shadow(dst as u64, src as u64, size as u64)
}

/// `intptr_t __msan_test_shadow(const volatile void *x, size_t size)`:
/// offset of the first (partly) uninitialized byte, or -1.
#[no_mangle]
pub extern "C" fn __msan_test_shadow(x: *const c_void, size: usize) -> isize {
    shadow::first_poisoned(x as u64, size as u64).map_or(-1, |i| i as isize)
}

/// Rust side of `__msan_allocated_memory(data, size)`; `fp` is the C
/// entry's frame.
///
/// # Safety
/// `fp` is the live frame of the C entry point.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_allocated_memory(data: *const c_void, size: usize, fp: *const c_void) {
    let (p, n) = (data as u64, size as u64);
    shadow::poison(p, n);
    if origin::tracking() && n != 0 {
        origin::fill(p, n, origin::heap_origin(origin::AllocFn::AllocatedMemory, fp as usize));
    }
}

/// `void __sanitizer_dtor_callback(const volatile void *data, size_t size)`:
/// a destroyed object is uninitialized.
#[no_mangle]
pub extern "C" fn __sanitizer_dtor_callback(data: *const c_void, size: usize) {
    shadow::poison(data as u64, size as u64)
}

/// `void __sanitizer_dtor_callback_fields(const volatile void *data, size_t size)`.
#[no_mangle]
pub extern "C" fn __sanitizer_dtor_callback_fields(data: *const c_void, size: usize) {
    shadow::poison(data as u64, size as u64)
}

/// `void __sanitizer_dtor_callback_vptr(const volatile void *data)`.
#[no_mangle]
pub extern "C" fn __sanitizer_dtor_callback_vptr(data: *const c_void) {
    shadow::poison(data as u64, core::mem::size_of::<usize>() as u64)
}

// ----- test hooks and settings -----------------------------------------------------

/// `__msan_set_expect_umr` state of a thread.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Off,
    Waiting,
    Found,
}

thread_local! {
    static EXPECT_UMR: Cell<Expect> = const { Cell::new(Expect::Off) };
}

/// Called first by every report: true (and the report is swallowed) while
/// `__msan_set_expect_umr(1)` is in force on this thread.
pub fn expected_report() -> bool {
    EXPECT_UMR
        .try_with(|e| {
            if e.get() == Expect::Off {
                return false;
            }
            e.set(Expect::Found);
            true
        })
        .unwrap_or(false)
}

/// Is `__msan_set_expect_umr(1)` in force on this thread (the next report
/// must be seen, not dropped as a repeat)?
pub fn expecting_report() -> bool {
    EXPECT_UMR.try_with(|e| e.get() != Expect::Off).unwrap_or(false)
}

/// `void __msan_set_expect_umr(int expect_umr)`: with 1, the reports that
/// follow on this thread are expected and not printed; with 0, at least one
/// must have happened since, or the process exits with the report exit
/// status after saying so.
#[no_mangle]
pub extern "C" fn __msan_set_expect_umr(expect_umr: c_int) {
    let before = EXPECT_UMR.with(|e| e.replace(if expect_umr != 0 { Expect::Waiting } else { Expect::Off }));
    if expect_umr == 0 && before == Expect::Waiting {
        report::write_all(
            2,
            format!(
                "=={}==WARNING: umsan: expected use-of-uninitialized-value not found (__msan_set_expect_umr)\n",
                // SAFETY: getpid has no preconditions.
                unsafe { libc::getpid() }
            )
            .as_bytes(),
        );
        // SAFETY: _exit has no preconditions.
        unsafe { libc::_exit(options::get().exitcode) }
    }
}

/// `void __msan_set_keep_going(int keep_going)`: nonzero = go on after
/// reports (`halt_on_error=0`). Code compiled with `-fno-umsan-recover`
/// still ends at its first report.
#[no_mangle]
pub extern "C" fn __msan_set_keep_going(keep_going: c_int) {
    options::set_halt_on_error(keep_going == 0)
}

static POISON_IN_MALLOC: AtomicBool = AtomicBool::new(true);

/// Are heap blocks allocated by instrumented code poisoned?
#[inline]
pub fn poison_in_malloc() -> bool {
    POISON_IN_MALLOC.load(Ordering::Relaxed)
}

/// `int __msan_set_poison_in_malloc(int do_poison)`: returns the previous
/// setting.
#[no_mangle]
pub extern "C" fn __msan_set_poison_in_malloc(do_poison: c_int) -> c_int {
    POISON_IN_MALLOC.swap(do_poison != 0, Ordering::Relaxed) as c_int
}

static DEATH_CALLBACK: AtomicUsize = AtomicUsize::new(0);

/// The callback to run before a report ends the process.
pub fn death_callback() -> Option<extern "C" fn()> {
    match DEATH_CALLBACK.load(Ordering::Acquire) {
        0 => None,
        // SAFETY: only function pointers are stored.
        f => Some(unsafe { core::mem::transmute::<usize, extern "C" fn()>(f) }),
    }
}

/// `void __sanitizer_set_death_callback(void (*callback)(void))`.
#[no_mangle]
pub extern "C" fn __sanitizer_set_death_callback(callback: Option<extern "C" fn()>) {
    DEATH_CALLBACK.store(callback.map_or(0, |f| f as usize), Ordering::Release)
}

/// `void __msan_set_death_callback(void (*callback)(void))` (deprecated
/// MSan spelling).
#[no_mangle]
pub extern "C" fn __msan_set_death_callback(callback: Option<extern "C" fn()>) {
    __sanitizer_set_death_callback(callback)
}

// ----- origins ------------------------------------------------------------------------

/// `int __msan_get_track_origins(void)`.
#[no_mangle]
pub extern "C" fn __msan_get_track_origins() -> c_int {
    origin::tracking() as c_int
}

/// `uint32_t __msan_get_origin(const volatile void *a)` (0: none).
#[no_mangle]
pub extern "C" fn __msan_get_origin(a: *const c_void) -> u32 {
    origin::origin_at(a as u64)
}

/// `void __msan_set_origin(const volatile void *a, size_t size, uint32_t origin)`.
#[no_mangle]
pub extern "C" fn __msan_set_origin(a: *const c_void, size: usize, origin_id: u32) {
    origin::fill(a as u64, size as u64, origin_id)
}

/// `int __msan_origin_is_descendant_or_same(uint32_t this_id, uint32_t
/// prev_id)`: umsan's origins form no chains.
#[no_mangle]
pub extern "C" fn __msan_origin_is_descendant_or_same(this_id: u32, prev_id: u32) -> c_int {
    (this_id == prev_id) as c_int
}

/// `int __msan_has_dynamic_component(void)`.
#[no_mangle]
pub extern "C" fn __msan_has_dynamic_component() -> c_int {
    0
}

// ----- printing ---------------------------------------------------------------------------

/// The shadow byte of `p` (0 outside application memory).
fn shadow_byte(p: u64) -> u8 {
    if !crate::mapping::is_ready() || !shadow::is_app_range(p, 1) {
        return 0;
    }
    // SAFETY: the shadow of application memory is mapped.
    unsafe { *(umsan_abi::shadow_of(p) as *const u8) }
}

/// `void __msan_dump_shadow(const volatile void *x, size_t size)`: the
/// address, its shadow address and the shadow bytes in hex on one line
/// (`0x…[0x…]  ff 00 0f `), as MemorySanitizer.
#[no_mangle]
pub extern "C" fn __msan_dump_shadow(x: *const c_void, size: usize) {
    let mut s = String::with_capacity(size * 3 + 40);
    let _ = core::fmt::Write::write_fmt(&mut s, format_args!("{:#x}[{:#x}]  ", x as u64, umsan_abi::shadow_of(x as u64)));
    for i in 0..size as u64 {
        let _ = core::fmt::Write::write_fmt(&mut s, format_args!("{:02x} ", shadow_byte(x as u64 + i)));
    }
    s.push('\n');
    report::write_all(2, s.as_bytes());
}

/// `void __msan_print_shadow(const volatile void *x, size_t size)`: the
/// shadow, 16 bytes a line in groups of 4, with the origin id of each
/// uninitialized 4-byte granule when origins are tracked.
#[no_mangle]
pub extern "C" fn __msan_print_shadow(x: *const c_void, size: usize) {
    use core::fmt::Write as _;
    let (p, n) = (x as u64, size as u64);
    let mut s = format!("Shadow map [{:#x}, {:#x}) of {n} bytes:\n", p, p + n);
    let mut line = p & !15;
    while line < p + n {
        let _ = write!(s, "  {line:#x}:");
        for group in 0..4u64 {
            s.push(' ');
            for b in 0..4u64 {
                let a = line + group * 4 + b;
                if a < p || a >= p + n {
                    s.push_str("..");
                } else {
                    let _ = write!(s, "{:02x}", shadow_byte(a));
                }
            }
        }
        if origin::tracking() {
            let ids: Vec<String> = (0..4u64)
                .map(|g| line + g * 4)
                .filter(|&a| a + 4 > p && a < p + n && (a..a + 4).any(|b| b >= p && b < p + n && shadow_byte(b) != 0))
                .map(|a| format!("{:#010x}", origin::origin_at(a.max(p))))
                .collect();
            if !ids.is_empty() {
                let _ = write!(s, "  origins: {}", ids.join(" "));
            }
        }
        s.push('\n');
        line += 16;
    }
    report::write_all(2, s.as_bytes());
}
