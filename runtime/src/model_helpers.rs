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

/// Rust side of `__umsan_check_format(fmt, n, flag0, value0, …)`: walks
/// the printf format and reports each consumed argument whose `flag` says
/// it is uninitialized, and each `%s` whose printed bytes are (duplicates
/// are filtered by the report module). Stops at anything it does not understand (positional
/// `%1$d`, unknown conversions): never a false report from parsing.
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
    let mut next = 0usize;
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
        let mut take = |i: &mut usize| -> Option<u64> {
            // `*`: an int argument.
            *i += 1;
            let k = next;
            next += 1;
            if k >= flags.len() {
                return None;
            }
            if flags[k] != 0 {
                report(0);
            }
            Some(vals[k])
        };
        if fmt.get(i) == Some(&b'*') {
            if take(&mut i).is_none() {
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
                match take(&mut i) {
                    Some(v) => precision = if (v as i32) < 0 { None } else { Some(v as i32 as u64) },
                    None => return,
                }
            } else {
                let mut p = 0u64;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    p = p.saturating_mul(10).saturating_add((fmt[i] - b'0') as u64);
                    i += 1;
                }
                precision = Some(p);
            }
        }
        while i < fmt.len() && b"hlLqjzZt".contains(&fmt[i]) {
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else { return };
        i += 1;
        if conv == b'm' {
            continue;
        }
        if !b"diouxXcCeEfFgGaAsSpn".contains(&conv) {
            return;
        }
        let k = next;
        next += 1;
        if k >= flags.len() {
            return;
        }
        if flags[k] != 0 {
            report(0);
            continue;
        }
        if conv == b's' {
            let p = vals[k];
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
        }
    }
}
