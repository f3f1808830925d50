//! Start-up: shadow/origin reservation, options, the "ready" flag.
//!
//! `csrc/umsan_rt.c` calls [`__umsan_rt_init`] from `.preinit_array` (and
//! again from a `constructor(101)` fallback; the second call is a no-op).
//! Initialisation:
//!
//! 1. maps every `Shadow` and `Origin` range of [`MEMORY_LAYOUT`] read-write
//!    (`MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE|MAP_FIXED_NOREPLACE`): pages
//!    are materialised only when touched and read as zero (= initialized);
//! 2. reserves every `Invalid` range `PROT_NONE` with the same flags, so the
//!    kernel never places a mapping where shadow arithmetic would go wrong;
//! 3. parses `UMSAN_OPTIONS` (see [`crate::options`]), checks that the
//!    `log_path` file could be created (the first report creates it) and
//!    registers the report lock's `fork` handlers;
//! 4. sets [`is_ready`]. Interposed functions called earlier just forward;
//! 5. when origins are tracked (`csrc/umsan_rt.c` passes whether
//!    `__umsan_track_origins` is defined and nonzero), maps the origin depot
//!    and turns tracking on ([`crate::origin::enable`]).
//!
//! The mappings are made with the raw `mmap` system call, because the
//! runtime interposes `mmap` itself.

use core::ffi::{c_char, c_int, c_void, CStr};
use core::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use umsan_abi::{RangeKind, MEMORY_LAYOUT};

use crate::{options, origin, report};

/// Initialisation state: 0 = not started, 1 = running, 2 = done.
static STATE: AtomicU8 = AtomicU8::new(0);
/// Set once shadow memory exists and options are parsed.
static READY: AtomicBool = AtomicBool::new(false);

/// Has initialisation completed? Interposed functions consult this before
/// touching shadow memory.
#[inline(always)]
pub fn is_ready() -> bool {
    READY.load(Ordering::Acquire)
}

/// A raw system call with up to six arguments (bypassing libc and the
/// runtime's own interposers). Returns the result or `-errno`.
unsafe fn raw_syscall(nr: i64, a: [usize; 6]) -> isize {
    let r: isize;
    core::arch::asm!(
        "syscall",
        inlateout("rax") nr as isize => r,
        in("rdi") a[0],
        in("rsi") a[1],
        in("rdx") a[2],
        in("r10") a[3],
        in("r8") a[4],
        in("r9") a[5],
        lateout("rcx") _,
        lateout("r11") _,
        options(nostack),
    );
    r
}

/// The raw `mmap` system call (bypassing the runtime's own `mmap`).
/// Returns the address or `-errno`.
pub(crate) unsafe fn sys_mmap(addr: usize, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> isize {
    raw_syscall(libc::SYS_mmap, [addr, len, prot as usize, flags as usize, fd as isize as usize, off as usize])
}

/// The raw `mprotect` system call. Returns 0 or `-errno`.
pub(crate) unsafe fn sys_mprotect(addr: usize, len: usize, prot: i32) -> isize {
    raw_syscall(libc::SYS_mprotect, [addr, len, prot as usize, 0, 0, 0])
}

/// The raw `munmap` system call. Returns 0 or `-errno`.
pub(crate) unsafe fn sys_munmap(addr: usize, len: usize) -> isize {
    raw_syscall(libc::SYS_munmap, [addr, len, 0, 0, 0, 0])
}

/// Set once the program has asked `mmap` or `mprotect` for executable
/// memory: until then no code generated at run time can exist (ld.so maps
/// libraries with its own internal calls, which are not interposed).
/// Instrumented code reads it: [`umsan_abi::rt::EXEC_MAPPED`].
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static __umsan_exec_mapped: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Records a request for executable memory (see [`__umsan_exec_mapped`]).
pub fn note_prot(prot: i32) {
    if prot & libc::PROT_EXEC != 0 {
        __umsan_exec_mapped.store(true, core::sync::atomic::Ordering::Release);
    }
}

fn strerror(errno: i32) -> String {
    // SAFETY: strerror returns a valid NUL-terminated static string.
    unsafe { CStr::from_ptr(libc::strerror(errno)) }
        .to_string_lossy()
        .into_owned()
}

/// Bytes of address space the layout reserves (everything but the
/// application ranges).
fn reserved_bytes() -> u64 {
    MEMORY_LAYOUT
        .iter()
        .filter(|r| r.2 != RangeKind::App)
        .map(|r| r.1 - r.0)
        .sum()
}

/// A hint for a failed reservation: a finite `RLIMIT_AS` (`ulimit -v`) is
/// the usual cause of `ENOMEM`, since the reservations are huge (although
/// never backed by memory until touched).
fn limit_hint(errno: i32) -> String {
    if errno != libc::ENOMEM {
        return String::new();
    }
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: rl is valid for writing.
    let r = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut rl) };
    if r != 0 || rl.rlim_cur == libc::RLIM_INFINITY {
        return String::new();
    }
    format!(
        "; the address space is limited to {} MiB (ulimit -v / RLIMIT_AS) but umsan \
         reserves {} TiB of it for shadow memory (reserved, not used): run without the limit",
        rl.rlim_cur >> 20,
        reserved_bytes() >> 40
    )
}

/// Map (or reserve) one range of the layout; fatal on failure, with a
/// message naming the range, the error and (for ENOMEM under `ulimit -v`)
/// the likely cause.
fn map_range(lo: u64, hi: u64, prot: i32, kind: &str) {
    let flags =
        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_FIXED_NOREPLACE;
    // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping.
    let r = unsafe { sys_mmap(lo as usize, (hi - lo) as usize, prot, flags, -1, 0) };
    let errno = if r < 0 && r > -4096 {
        Some(-r as i32)
    } else if r as u64 != lo {
        // Old kernels treat MAP_FIXED_NOREPLACE as a hint.
        // SAFETY: r is the mapping we just made.
        unsafe { sys_munmap(r as usize, (hi - lo) as usize) };
        Some(libc::EEXIST)
    } else {
        None
    };
    if let Some(e) = errno {
        report::fatal(&format!(
            "FATAL: umsan: cannot reserve shadow memory: mmap of the {kind} range \
             [{lo:#x}, {hi:#x}) failed: {}{}",
            strerror(e),
            limit_hint(e)
        ));
    }
}

/// Map all shadow and origin ranges, reserve all invalid ranges.
fn map_layout() {
    for &(lo, hi, kind, _name) in MEMORY_LAYOUT {
        match kind {
            RangeKind::Shadow => map_range(lo, hi, libc::PROT_READ | libc::PROT_WRITE, "shadow"),
            RangeKind::Origin => map_range(lo, hi, libc::PROT_READ | libc::PROT_WRITE, "origin"),
            RangeKind::Invalid => map_range(lo, hi, libc::PROT_NONE, "protected"),
            RangeKind::App => {}
        }
    }
}

extern "C" {
    static environ: *const *const c_char;
}

/// Find `name` in a NULL-terminated environment block.
unsafe fn getenv_in(envp: *const *const c_char, name: &[u8]) -> Option<&'static CStr> {
    let envp = if envp.is_null() { environ } else { envp };
    if envp.is_null() {
        return None;
    }
    let mut i = 0;
    loop {
        let p = *envp.add(i);
        if p.is_null() {
            return None;
        }
        let entry = CStr::from_ptr(p).to_bytes();
        if entry.len() > name.len() && entry.starts_with(name) && entry[name.len()] == b'=' {
            return Some(CStr::from_ptr(p.add(name.len() + 1)));
        }
        i += 1;
    }
}

/// Runtime initialisation, called from `csrc/umsan_rt.c` before any
/// constructor. Idempotent. `track_origins`: whether instrumented code asked
/// for origins; `alloc_wrappers`: the addresses of `__umsan_malloc` & co.,
/// indexed by [`origin::AllocFn`] (printed as frame #0 of heap origins).
///
/// # Safety
/// `envp` is null or the process's NULL-terminated environment block;
/// `alloc_wrappers` is null or points to [`origin::ALLOC_FNS`] addresses.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_init(
    envp: *const *const c_char,
    track_origins: c_int,
    alloc_wrappers: *const *const c_void,
) {
    if STATE
        .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        return;
    }
    map_layout();
    let text = getenv_in(envp, b"UMSAN_OPTIONS")
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match options::parse(&text) {
        Ok(opts) => options::install(opts),
        Err(e) => report::fatal(&format!("ERROR: umsan: UMSAN_OPTIONS: {e}")),
    }
    report::open_log();
    report::install_fork_handlers();
    READY.store(true, Ordering::Release);
    origin::enable(track_origins != 0, alloc_wrappers);
    STATE.store(2, Ordering::Release);
}
