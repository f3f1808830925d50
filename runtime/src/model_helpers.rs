//! Helpers for the length expressions of function models (`configs/*.toml`,
//! `pass/src/models.rs`): the pass evaluates `strlen(p)`, `cmplen(a, b)`,
//! `deref(p)`… after a modelled call by calling these.
//!
//! Every helper takes the model's condition `on` last and returns 0 without
//! touching memory when it is 0 (so `fgets` returning NULL never has its
//! buffer scanned), and returns 0 for null or non-application pointers.
//! They read application data, never shadow, and never allocate.

use core::ffi::c_char;

fn ok(p: u64, on: u64) -> bool {
    on != 0 && p >= 4096 && umsan_abi::is_app(p)
}

/// `strlen(p)`.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_strlen(p: u64, on: u64) -> u64 {
    if !ok(p, on) {
        return 0;
    }
    libc::strlen(p as *const c_char) as u64
}

/// `strnlen(p, n)`.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_strnlen(p: u64, n: u64, on: u64) -> u64 {
    if !ok(p, on) || (n as i64) <= 0 {
        return 0;
    }
    libc::strnlen(p as *const c_char, n as usize) as u64
}

/// Bytes `strncmp(a, b, n)` examines in each string: up to and including
/// the first difference or the terminating NUL, at most `n`.
unsafe fn cmp_len(a: u64, b: u64, n: u64) -> u64 {
    let (a, b) = (a as *const u8, b as *const u8);
    let mut i = 0u64;
    while i < n {
        let (x, y) = (*a.add(i as usize), *b.add(i as usize));
        if x != y || x == 0 {
            return i + 1;
        }
        i += 1;
    }
    n
}

/// `cmplen(a, b)`: the bytes `strcmp(a, b)` examines.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_cmplen(a: u64, b: u64, on: u64) -> u64 {
    if !ok(a, on) || !ok(b, on) {
        return 0;
    }
    cmp_len(a, b, u64::MAX)
}

/// `ncmplen(a, b, n)`: the bytes `strncmp(a, b, n)` examines.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_ncmplen(a: u64, b: u64, n: u64, on: u64) -> u64 {
    if !ok(a, on) || !ok(b, on) || (n as i64) <= 0 {
        return 0;
    }
    cmp_len(a, b, n)
}

/// `memcmplen(a, b, n)`: the bytes `memcmp(a, b, n)` examines (up to and
/// including the first difference).
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_memcmplen(a: u64, b: u64, n: u64, on: u64) -> u64 {
    if !ok(a, on) || !ok(b, on) || (n as i64) <= 0 {
        return 0;
    }
    let (pa, pb) = (a as *const u8, b as *const u8);
    let n = n as usize;
    let mut i = 0;
    // A word at a time up to the first difference, then the byte in it.
    while i + 8 <= n {
        let (wa, wb) = (
            core::ptr::read_unaligned(pa.add(i) as *const u64),
            core::ptr::read_unaligned(pb.add(i) as *const u64),
        );
        if wa != wb {
            return (i + ((wa ^ wb).trailing_zeros() / 8) as usize) as u64 + 1;
        }
        i += 8;
    }
    while i < n {
        if *pa.add(i) != *pb.add(i) {
            return i as u64 + 1;
        }
        i += 1;
    }
    n as u64
}

extern "C" {
    fn feof_unlocked(stream: *mut libc::FILE) -> libc::c_int;
}

/// `fgetslen(p, n, stream)`: the bytes `fgets(p, n, stream)` wrote — the
/// line (up to and including its `'\n'`, at most `n - 1` bytes) and the
/// terminating NUL. `strlen(p) + 1` is wrong for a line that holds NUL
/// bytes (binary data read line by line: curl's test server reads such
/// test files with fgets and scans them up to the `'\n'`), so:
///
/// - the first NUL at `n - 1` (or none): the buffer was filled, `n`;
/// - the first NUL right after a `'\n'`: the line's end, as `strlen + 1`;
/// - else the first NUL is in the line or ends a last line without
///   `'\n'`: the first `"\n\0"` after it ends the line; without one, a
///   stream not at end-of-file filled the buffer (`n`), and at end-of-file
///   the line ends at the first NUL (a last line both without `'\n'` and
///   with NUL bytes in it is the one case counted short).
///
/// A stale `"\n\0"` of an earlier, longer line beyond the real end only
/// makes the count longer over bytes that line wrote: never a false report.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values after a
/// successful `fgets`: `p` holds `n` bytes; `stream` is the `FILE` it read.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_fgetslen(p: u64, n: u64, stream: u64, on: u64) -> u64 {
    if !ok(p, on) || (n as i64) <= 0 {
        return 0;
    }
    let (b, n) = (p as *const u8, n as usize);
    let s = libc::strnlen(p as *const c_char, n);
    if s + 1 >= n {
        return n as u64;
    }
    if s > 0 && *b.add(s - 1) == b'\n' {
        return s as u64 + 1;
    }
    for i in s + 1..n - 1 {
        if *b.add(i) == b'\n' && *b.add(i + 1) == 0 {
            return i as u64 + 2;
        }
    }
    if ok(stream, on) && feof_unlocked(stream as *mut libc::FILE) == 0 {
        return n as u64;
    }
    s as u64 + 1
}

/// `deref(p)`: the 8 bytes at `p`.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_deref(p: u64, on: u64) -> u64 {
    if !ok(p, on) {
        return 0;
    }
    core::ptr::read_unaligned(p as *const u64)
}

/// `deref32(p)`: the 4 bytes at `p`, zero-extended.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_deref32(p: u64, on: u64) -> u64 {
    if !ok(p, on) {
        return 0;
    }
    core::ptr::read_unaligned(p as *const u32) as u64
}

/// Rust side of `__umsan_model_iov(iov, cnt, bytes, mode)` (C entry in
/// `csrc/umsan_rt.c`, which passes the instrumented caller's `pc`): the
/// first `bytes` bytes (`u64::MAX`: all) spread over `cnt` iovecs were
/// received (mode 0: cleaned) or sent (mode 1: `uninit-copy-out` check of
/// each iovec's piece).
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_model_iov(iov: u64, cnt: u64, bytes: u64, mode: u64, pc: u64) {
    if !ok(iov, 1) || cnt as i64 <= 0 || bytes == 0 {
        return;
    }
    let mut left = bytes;
    for i in 0..cnt.min(1024) {
        let e = (iov + 16 * i) as *const u64;
        if !umsan_abi::is_app(e as u64) {
            return;
        }
        let base = core::ptr::read_unaligned(e);
        let len = core::ptr::read_unaligned(e.add(1));
        let k = len.min(left);
        if mode == 0 {
            crate::shadow::clean(base, k);
        } else {
            crate::entry::__umsan_rt_copy_out_check(base as *const _, k as usize, pc as *const _);
        }
        left -= k;
        if left == 0 {
            return;
        }
    }
}

/// Rust side of `__umsan_model_syscall(nr, ret, a1, a2, a3, on)` (C entry
/// in `csrc/umsan_rt.c`, which passes the instrumented caller's `pc`),
/// right after a raw `syscall(nr, a1, a2, a3, …)` (the `syscall` effect of
/// `configs/libc.toml`), before the generic rule for uninstrumented calls
/// counts what the arguments point to as written. x86_64 numbers:
///
/// - sends: the `ret` bytes `write`, `pwrite64` and `sendto` sent from
///   `a2`, and those `writev`, `pwritev`, `pwritev2` (the `a2` iovecs) and
///   `sendmsg` (its msghdr's iovecs) sent, leave the program: each
///   uninitialized one is an `uninit-copy-out` at `pc`, as for the libc
///   functions of the same names;
/// - receives: what the kernel wrote through pointers held in memory the
///   caller passed becomes initialized (the generic rule covers only the
///   memory the arguments point to directly, `read`'s buffer, `statx`'s
///   struct): `readv`, `preadv`, `preadv2` (the first `ret` bytes of the
///   `a2` iovecs), `recvmsg` (its msghdr's iovecs, name and control data,
///   and the lengths and flags the kernel stores in it), `recvmmsg` (the
///   same for each of the first `ret` mmsghdrs, with `msg_len` bytes each).
///
/// libuv calls these through `syscall`. Nothing for other numbers, a failed
/// call or `on == 0`.
///
/// # Safety
/// Called by instrumented code right after the system call, with its own
/// values: null and non-application pointers are ignored; any other
/// pointer was read or written by the kernel as far as this reads it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_model_syscall(nr: u64, ret: u64, _a1: u64, a2: u64, a3: u64, on: u64, pc: u64) {
    let ret = ret as i64;
    if on == 0 || ret < 0 {
        return;
    }
    // `int iovcnt`, passed through `...`: its low 32 bits.
    let iovcnt = a3 as u32 as i32 as i64 as u64;
    match nr as i64 {
        libc::SYS_write | libc::SYS_pwrite64 | libc::SYS_sendto => {
            if ok(a2, 1) {
                crate::entry::__umsan_rt_copy_out_check(a2 as *const _, ret as usize, pc as *const _);
            }
        }
        libc::SYS_writev | libc::SYS_pwritev | libc::SYS_pwritev2 => __umsan_rt_model_iov(a2, iovcnt, ret as u64, 1, pc),
        libc::SYS_sendmsg => {
            if ok(a2, 1) {
                let field = |off: u64| core::ptr::read_unaligned((a2 + off) as *const u64);
                __umsan_rt_model_iov(field(16), field(24), ret as u64, 1, pc);
            }
        }
        libc::SYS_readv | libc::SYS_preadv | libc::SYS_preadv2 => __umsan_rt_model_iov(a2, iovcnt, ret as u64, 0, 0),
        libc::SYS_recvmsg => received_msghdr(a2, ret as u64),
        libc::SYS_recvmmsg => {
            for i in 0..(ret as u64).min(a3 as u32 as u64) {
                let h = a2 + MMSGHDR_SIZE * i;
                if !ok(h, 1) {
                    return;
                }
                let msg_len = core::ptr::read_unaligned((h + MMSGHDR_LEN) as *const u32);
                crate::shadow::clean(h + MMSGHDR_LEN, 4);
                received_msghdr(h, msg_len as u64);
            }
        }
        _ => {}
    }
}

/// `struct mmsghdr` (x86_64): a `struct msghdr` and `unsigned msg_len`.
const MMSGHDR_SIZE: u64 = 64;
const MMSGHDR_LEN: u64 = 56;

/// A `struct msghdr` (x86_64 layout) the kernel filled with `bytes` bytes
/// of data: the data in its iovecs, the address in `msg_name` (the length
/// the kernel stored, at most a `sockaddr_storage`), the control data
/// (`msg_controllen` as stored) and the fields the kernel writes.
unsafe fn received_msghdr(h: u64, bytes: u64) {
    if !ok(h, 1) {
        return;
    }
    let field = |off: u64| core::ptr::read_unaligned((h + off) as *const u64);
    let (name, control) = (field(0), field(32));
    let namelen = (core::ptr::read_unaligned((h + 8) as *const u32) as u64).min(128);
    __umsan_rt_model_iov(field(16), field(24), bytes, 0, 0);
    if ok(name, 1) {
        crate::shadow::clean(name, namelen);
    }
    if ok(control, 1) {
        crate::shadow::clean(control, field(40).min(1 << 20));
    }
    crate::shadow::clean(h + 8, 4); // msg_namelen
    crate::shadow::clean(h + 40, 8); // msg_controllen
    crate::shadow::clean(h + 48, 4); // msg_flags
}

/// What a printf conversion (or a `*` width/precision) takes from the
/// variadic arguments (x86_64 System V).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ArgKind {
    /// `int`-sized: `%d` `%c` `%hd` `*`… (4 bytes in an 8-byte slot).
    Int,
    /// `long`-sized: `%ld` `%zu` `%lld` `%jd`… (8 bytes).
    Long,
    /// A pointer: `%s` `%p` `%n` (8 bytes).
    Ptr,
    /// `double`: `%f` `%g`… (a vector register or 8 stack bytes).
    Double,
    /// `long double`: `%Lf`… (16 stack bytes).
    LongDouble,
}

/// One argument as the walker sees it: is it uninitialized (and where was
/// it created: its origin, 0 if unknown), and its value (for `%s`, `*`).
struct FormatArg {
    poisoned: bool,
    origin: u32,
    value: u64,
}

/// Walks a printf format, asking `next` for each argument a conversion
/// consumes, and reports (at `pc`) each uninitialized one and each `%s`
/// whose printed bytes are uninitialized (duplicates are filtered by the
/// report module). Stops at anything it does not understand (positional
/// `%1$d`, unknown conversions) or when `next` has no more arguments:
/// never a false report from parsing.
unsafe fn walk_printf_format(fmt: &[u8], pc: u64, mut next: impl FnMut(ArgKind) -> Option<FormatArg>) {
    let report = |origin: u32| {
        crate::report::report(crate::report::Kind::UseOfUninitializedValue, pc as usize, origin, None);
    };
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            i += 1;
            continue;
        }
        // Flags, width, precision, length.
        while i < fmt.len() && b"-+ #0'I".contains(&fmt[i]) {
            i += 1;
        }
        let mut take_int = |i: &mut usize| -> Option<u64> {
            // `*`: an int argument.
            *i += 1;
            let a = next(ArgKind::Int)?;
            if a.poisoned {
                report(a.origin);
            }
            Some(a.value)
        };
        if fmt.get(i) == Some(&b'*') {
            if take_int(&mut i).is_none() {
                return;
            }
        } else {
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                i += 1;
            }
            if fmt.get(i) == Some(&b'$') {
                return; // positional arguments: not followed
            }
        }
        let mut precision: Option<u64> = None;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            if fmt.get(i) == Some(&b'*') {
                let Some(v) = take_int(&mut i) else { return };
                precision = if (v as i32) < 0 { None } else { Some(v as i32 as u64) };
            } else {
                let mut p = 0u64;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    p = p.saturating_mul(10).saturating_add((fmt[i] - b'0') as u64);
                    i += 1;
                }
                precision = Some(p);
            }
        }
        let (mut long, mut big_l) = (false, false);
        while i < fmt.len() && b"hlLqjzZt".contains(&fmt[i]) {
            match fmt[i] {
                b'L' | b'q' => {
                    big_l = true;
                    long = true
                }
                b'l' | b'j' | b'z' | b'Z' | b't' => long = true,
                _ => {}
            }
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else { return };
        i += 1;
        let kind = match conv {
            b'm' => continue,
            b'd' | b'i' | b'o' | b'u' | b'x' | b'X' => {
                if long {
                    ArgKind::Long
                } else {
                    ArgKind::Int
                }
            }
            b'c' | b'C' => ArgKind::Int,
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'a' | b'A' => {
                if big_l {
                    ArgKind::LongDouble
                } else {
                    ArgKind::Double
                }
            }
            b's' | b'S' | b'p' | b'n' => ArgKind::Ptr,
            _ => return,
        };
        let Some(a) = next(kind) else { return };
        if a.poisoned {
            report(a.origin);
            continue;
        }
        if conv == b's' && !long {
            let p = a.value;
            if !ok(p, 1) {
                continue;
            }
            let len = match precision {
                Some(max) => libc::strnlen(p as *const c_char, max as usize) as u64,
                None => libc::strlen(p as *const c_char) as u64 + 1,
            };
            if let Some(first) = crate::shadow::first_poisoned(p, len) {
                report(crate::origin::origin_at(p + first));
            }
        } else if conv == b'S' || conv == b's' {
            // `%ls` (`%S`): a wide string, converted to multibyte
            // characters. With a precision at most that many bytes are
            // written and a character writes up to MB_CUR_MAX of them: the
            // characters surely read are the first `precision / MB_CUR_MAX`.
            let p = a.value;
            if !ok(p, 4) || p % 4 != 0 {
                continue;
            }
            let chars = match precision {
                Some(max) => wcsnlen(p as *const i32, (max / __ctype_get_mb_cur_max().max(1) as u64) as usize) as u64,
                None => wcslen(p as *const i32) as u64 + 1,
            };
            if let Some(first) = crate::shadow::first_poisoned(p, 4 * chars) {
                report(crate::origin::origin_at(p + first));
            }
        }
    }
}

extern "C" {
    fn wcslen(s: *const i32) -> usize;
    fn wcsnlen(s: *const i32, max: usize) -> usize;
    fn __ctype_get_mb_cur_max() -> usize;
}

/// Rust side of `__umsan_check_format(fmt, n, flag0, value0, …)`: the
/// `n` variadic arguments of a printf-style call, each with a flag saying
/// whether its shadow is poisoned (nonzero) and its origin (the low 32
/// bits); see [`walk_printf_format`].
///
/// # Safety
/// Called by instrumented code with the modelled call's own values: null
/// and non-application pointers are ignored; any other pointer must be
/// readable as far as the modelled function itself read it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_check_format(
    fmt: *const c_char,
    flags: *const u64,
    vals: *const u64,
    n: i64,
    pc: u64,
) {
    if !ok(fmt as u64, 1) || n < 0 {
        return;
    }
    let fmt = core::ffi::CStr::from_ptr(fmt).to_bytes();
    let (flags, vals) = (core::slice::from_raw_parts(flags, n as usize), core::slice::from_raw_parts(vals, n as usize));
    let mut k = 0usize;
    walk_printf_format(fmt, pc, |_| {
        let flag = *flags.get(k)?;
        let a = FormatArg { poisoned: flag != 0, origin: flag as u32, value: vals[k] };
        k += 1;
        Some(a)
    });
}

// `void __umsan_check_format_va(const char *fmt, va_list ap)`: the entry
// instrumented code calls before a `vprintf`-style call; it passes its
// return address (the call site, as `__builtin_return_address(0)` would) on
// to the Rust side.
core::arch::global_asm!(
    ".globl __umsan_check_format_va",
    ".type __umsan_check_format_va, @function",
    "__umsan_check_format_va:",
    "    mov rdx, qword ptr [rsp]",
    "    jmp {rt}",
    ".size __umsan_check_format_va, . - __umsan_check_format_va",
    rt = sym __umsan_rt_check_format_va,
);

/// Rust side of `__umsan_check_format_va(fmt, ap)`: the printf-style
/// format `fmt` consumes its arguments from the x86_64 `va_list` `ap`
/// (`{u32 gp_offset; u32 fp_offset; void *overflow_arg_area; void
/// *reg_save_area}`), read from a private copy so `ap` is untouched. The
/// shadow of an argument is where umsan's `va_start` put it: in the shadow
/// of the register save area or of the overflow area (a `va_list` made by
/// uninstrumented code has clean shadow there). See [`walk_printf_format`].
///
/// # Safety
/// Called by instrumented code right before the modelled call, with its own
/// arguments: `ap` must be the `va_list` the modelled function will read.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_check_format_va(fmt: *const c_char, ap: u64, pc: u64) {
    if !ok(fmt as u64, 1) || !ok(ap, 1) || !umsan_abi::is_app(ap + 23) {
        return;
    }
    let mut gp = core::ptr::read_unaligned(ap as *const u32) as u64;
    let mut fp = core::ptr::read_unaligned((ap + 4) as *const u32) as u64;
    let mut overflow = core::ptr::read_unaligned((ap + 8) as *const u64);
    let regs = core::ptr::read_unaligned((ap + 16) as *const u64);
    let fmt = core::ffi::CStr::from_ptr(fmt).to_bytes();
    let mut count = 0;
    walk_printf_format(fmt, pc, |kind| {
        count += 1;
        if count > 256 {
            return None;
        }
        let (addr, size) = match kind {
            ArgKind::Int | ArgKind::Long | ArgKind::Ptr if gp + 8 <= 48 => {
                gp += 8;
                (regs + gp - 8, 8)
            }
            ArgKind::Double if fp + 16 <= 176 => {
                fp += 16;
                (regs + fp - 16, 8)
            }
            ArgKind::LongDouble => {
                overflow = (overflow + 15) & !15;
                overflow += 16;
                (overflow - 16, 10)
            }
            _ => {
                overflow += 8;
                (overflow - 8, 8)
            }
        };
        if !ok(addr, 1) || !crate::shadow::is_app_range(addr, size) {
            return None;
        }
        // An int occupies the low 4 bytes of its 8-byte slot, and the
        // caller wrote only those bytes' shadow: the others may be stale.
        // A `long` or pointer argument passed where the caller gave an
        // `int` (`%lu` for an `unsigned`) would read such stale shadow, so
        // integer slots are judged by their low 4 bytes only.
        let checked = if matches!(kind, ArgKind::Int | ArgKind::Long | ArgKind::Ptr) { 4 } else { size };
        let first = crate::shadow::first_poisoned(addr, checked);
        let origin = first.map_or(0, |f| crate::origin::origin_at(addr + f));
        let value = if size >= 8 { core::ptr::read_unaligned(addr as *const u64) } else { 0 };
        Some(FormatArg { poisoned: first.is_some(), origin, value })
    });
}

/// What one scanf conversion writes at its target.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ScanTarget {
    /// Exactly this many bytes (`%d` 4, `%hhd` 1, `%lf` 8, `%5c` 5,
    /// `%ms` the 8-byte pointer…).
    Bytes(u64),
    /// A NUL-terminated string (`%s`, `%[…]`).
    Str,
    /// A wide string (`%ls`, `%l[…]`, `%S`).
    WStr,
}

/// Walks a scanf format. For each argument a conversion consumes, in
/// order, calls `visit(assigned, target)`; `visit` returns false to stop.
/// `assigned` follows the return value `ret`: the first `ret` counted
/// conversions assigned their targets (none when `ret` is `EOF`); a `%n`
/// target counts as assigned when the scan may have reached it; the first
/// conversion that failed also counts as assigned when it may have written
/// part of its target (`%c` stores characters as it reads them). So a
/// target is left alone only when it certainly was not written.
/// `Err(pos)` when the format has something at `pos` it does not follow
/// (positional `%1$d`, an unknown conversion).
fn walk_scanf_format(fmt: &[u8], ret: i64, mut visit: impl FnMut(bool, ScanTarget) -> bool) -> Result<(), usize> {
    let k = ret.max(0) as u64;
    let mut counted = 0u64;
    let mut failed = false;
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            i += 1;
            continue;
        }
        let at = i;
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            i += 1;
            continue;
        }
        let suppress = fmt.get(i) == Some(&b'*');
        if suppress {
            i += 1;
        }
        let (start, mut width) = (i, 0u64);
        while i < fmt.len() && fmt[i].is_ascii_digit() {
            width = width.saturating_mul(10).saturating_add((fmt[i] - b'0') as u64);
            i += 1;
        }
        let width = if i > start { Some(width) } else { None };
        if fmt.get(i) == Some(&b'$') {
            return Err(at);
        }
        let alloc = fmt.get(i) == Some(&b'm');
        if alloc {
            i += 1;
        }
        let (mut h, mut l, mut big, mut size_t) = (0, 0, false, false);
        while i < fmt.len() && b"hlLqjzt".contains(&fmt[i]) {
            match fmt[i] {
                b'h' => h += 1,
                b'l' => l += 1,
                b'L' | b'q' => big = true,
                _ => size_t = true,
            }
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else { return Err(at) };
        i += 1;
        let int_size = if h >= 2 {
            1
        } else if h == 1 {
            2
        } else if l > 0 || big || size_t {
            8
        } else {
            4
        };
        let string = |wide: bool| {
            if alloc {
                ScanTarget::Bytes(8)
            } else if wide {
                ScanTarget::WStr
            } else {
                ScanTarget::Str
            }
        };
        let target = match conv {
            b'd' | b'i' | b'o' | b'u' | b'x' | b'X' | b'n' => ScanTarget::Bytes(int_size),
            b'a' | b'e' | b'f' | b'g' | b'A' | b'E' | b'F' | b'G' => ScanTarget::Bytes(if big {
                16
            } else if l > 0 {
                8
            } else {
                4
            }),
            b'c' | b'C' if alloc => ScanTarget::Bytes(8),
            b'c' | b'C' => ScanTarget::Bytes(width.unwrap_or(1) * if l > 0 || conv == b'C' { 4 } else { 1 }),
            b's' => string(l > 0),
            b'S' => string(true),
            b'[' => {
                if fmt.get(i) == Some(&b'^') {
                    i += 1;
                }
                if fmt.get(i) == Some(&b']') {
                    i += 1;
                }
                while i < fmt.len() && fmt[i] != b']' {
                    i += 1;
                }
                if i >= fmt.len() {
                    return Err(at);
                }
                i += 1;
                string(l > 0)
            }
            b'p' => ScanTarget::Bytes(8),
            _ => return Err(at),
        };
        if suppress {
            continue;
        }
        let assigned = if conv == b'n' {
            counted <= k
        } else {
            counted += 1;
            if counted <= k {
                true
            } else if !failed {
                failed = true;
                matches!(conv, b'c' | b'C') && !alloc
            } else {
                false
            }
        };
        if !visit(assigned, target) {
            return Ok(());
        }
    }
    Ok(())
}

/// Marks the bytes a scanf conversion wrote at `p` initialized.
unsafe fn scan_assigned(p: u64, t: ScanTarget) {
    if !ok(p, 1) {
        return;
    }
    let n = match t {
        ScanTarget::Bytes(n) => n,
        ScanTarget::Str => libc::strlen(p as *const c_char) as u64 + 1,
        ScanTarget::WStr => {
            let mut n = 0u64;
            while umsan_abi::is_app(p + 4 * n + 3) && core::ptr::read_unaligned((p + 4 * n) as *const u32) != 0 {
                n += 1;
            }
            4 * (n + 1)
        }
    };
    crate::shadow::clean(p, n);
}

/// After a scanf-style call that returned `ret`: if the `index`-th target
/// `p` of the format `fmt` was assigned, the bytes its conversion wrote
/// become initialized; a format the walker does not follow makes `p` count
/// as written like any pointer given to uninstrumented code (the
/// uninitialized run at `p` is cleaned). Nothing when `on` is 0.
///
/// # Safety
/// Called by instrumented code with the modelled call's own values, after
/// the call: `fmt` is its format; null and non-application pointers are
/// ignored.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_scan_arg(fmt: u64, ret: u64, index: u64, p: u64, on: u64) {
    if on == 0 || !ok(fmt, 1) || !ok(p, 1) {
        return;
    }
    let fmt = core::ffi::CStr::from_ptr(fmt as *const c_char).to_bytes();
    let mut n = 0u64;
    let mut found = None;
    let walked = walk_scanf_format(fmt, ret as i64, |assigned, t| {
        if n == index {
            found = Some((assigned, t));
            return false;
        }
        n += 1;
        true
    });
    match (found, walked) {
        (Some((true, t)), _) => scan_assigned(p, t),
        (Some((false, _)), _) | (None, Ok(())) => {}
        (None, Err(_)) => crate::shadow::clean_poisoned_run(p),
    }
}

/// After a `vscanf`-style call that returned `ret`: the same for the
/// targets the format reads from an x86_64 `va_list` whose words before
/// the call were `offsets` (`gp_offset | fp_offset << 32`),
/// `overflow_area` and `reg_save_area` (scanf targets are all pointers).
/// After a part of the format the walker does not follow, each remaining
/// conversion's pointer is treated as given to uninstrumented code.
///
/// # Safety
/// Called by instrumented code after the modelled call, with the call's
/// format and the `va_list` words read before it.
#[no_mangle]
pub unsafe extern "C" fn __umsan_model_scan_va(
    fmt: u64,
    ret: u64,
    offsets: u64,
    overflow_area: u64,
    reg_save_area: u64,
    on: u64,
) {
    if on == 0 || !ok(fmt, 1) {
        return;
    }
    let fmt = core::ffi::CStr::from_ptr(fmt as *const c_char).to_bytes();
    let mut gp = offsets & 0xffff_ffff;
    let mut overflow = overflow_area;
    let mut next_ptr = || -> Option<u64> {
        let addr = if gp + 8 <= 48 {
            gp += 8;
            reg_save_area + gp - 8
        } else {
            overflow += 8;
            overflow - 8
        };
        if !ok(addr, 1) || !umsan_abi::is_app(addr + 7) {
            return None;
        }
        Some(core::ptr::read_unaligned(addr as *const u64))
    };
    let mut more = true;
    let walked = walk_scanf_format(fmt, ret as i64, |assigned, t| {
        let Some(p) = next_ptr() else {
            more = false;
            return false;
        };
        if assigned {
            scan_assigned(p, t);
        }
        true
    });
    if let (Err(pos), true) = (walked, more) {
        // Each further `%` (not `%%`) may consume one more target.
        let rest = &fmt[pos..];
        let mut j = 0;
        let mut left = 0;
        while j < rest.len() {
            if rest[j] == b'%' {
                if rest.get(j + 1) == Some(&b'%') {
                    j += 2;
                    continue;
                }
                left += 1;
            }
            j += 1;
        }
        for _ in 0..left.min(256) {
            match next_ptr() {
                Some(p) => crate::shadow::clean_poisoned_run(p),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    fn walk(fmt: &str, ret: i64) -> (Vec<(bool, ScanTarget)>, Result<(), usize>) {
        let mut v = Vec::new();
        let r = walk_scanf_format(fmt.as_bytes(), ret, |a, t| {
            v.push((a, t));
            true
        });
        (v, r)
    }

    #[test]
    fn scanf_targets_follow_the_return_value() {
        use ScanTarget::*;
        let (v, r) = walk("%d %hhx %*d %lf %5c %s %n %ms %[^,] %Lf", 3);
        assert_eq!(r, Ok(()));
        assert_eq!(
            v,
            vec![
                (true, Bytes(4)),
                (true, Bytes(1)),
                (true, Bytes(8)),
                (true, Bytes(5)), // the failing %c may have written part of it
                (false, Str),
                (false, Bytes(4)), // %n: not reached
                (false, Bytes(8)),
                (false, Str),
                (false, Bytes(16)),
            ]
        );
        let (v, _) = walk("%d%n%d", 1);
        assert_eq!(v, vec![(true, Bytes(4)), (true, Bytes(4)), (false, Bytes(4))]);
        let (v, _) = walk("%d %d", -1);
        assert_eq!(v, vec![(false, Bytes(4)), (false, Bytes(4))]);
        let (v, _) = walk("%%d %ls %zu", 2);
        assert_eq!(v, vec![(true, WStr), (true, Bytes(8))]);
        assert_eq!(walk("%d %2$d", 2).1, Err(3));
        assert_eq!(walk("%d %[abc", 2).1, Err(3));
        assert_eq!(walk("%d %y", 2).1, Err(3));
    }

    #[test]
    fn printf_argument_kinds() {
        let mut kinds = Vec::new();
        unsafe {
            walk_printf_format(b"%d %5.2f %Lg %ld %s %*d %p %hhu %%", 0, |k| {
                kinds.push(k);
                Some(FormatArg { poisoned: false, origin: 0, value: 0 })
            })
        };
        use ArgKind::*;
        assert_eq!(kinds, vec![Int, Double, LongDouble, Long, Ptr, Int, Int, Ptr, Int]);
    }
}
