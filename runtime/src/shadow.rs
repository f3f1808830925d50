//! Shadow memory operations.
//!
//! Every operation takes an application range `[p, p + n)` and first clips
//! it to the application ranges of [`umsan_abi::MEMORY_LAYOUT`]: bytes
//! outside them (null pointers, kernel addresses, shadow addresses…) are
//! ignored rather than faulting inside the runtime. Before start-up has
//! mapped the shadow ([`crate::mapping::is_ready`]) every operation is a
//! no-op.
//!
//! Shadow bytes: `0x00` = initialized, anything else = (partly)
//! uninitialized. Origins are maintained by [`crate::origin`]; of the
//! operations here only [`move_shadow`] carries them along (when tracked).
//! Cleaning leaves origins alone: the origin of initialized bytes is never
//! read.

use umsan_abi::{shadow_of, RangeKind, MEMORY_LAYOUT};

use crate::mapping::is_ready;

/// Ranges at least this big are cleaned by giving the shadow pages back to
/// the kernel (`madvise(MADV_DONTNEED)`) instead of writing zeros.
pub const MADVISE_THRESHOLD: u64 = 64 << 10;
const PAGE: u64 = 4096;

/// Call `f(start, len)` for each piece of `[p, p + n)` that lies in an
/// application range, in address order. The end saturates at 2^64.
#[inline]
pub fn for_app_pieces(p: u64, n: u64, mut f: impl FnMut(u64, u64)) {
    if n == 0 {
        return;
    }
    let end = p.saturating_add(n);
    for &(lo, hi, kind, _) in MEMORY_LAYOUT {
        if kind != RangeKind::App || hi <= p || lo >= end {
            continue;
        }
        let s = p.max(lo);
        let e = end.min(hi);
        f(s, e - s);
    }
}

/// Is all of `[p, p + n)` (n > 0) inside one application range?
#[inline]
pub fn is_app_range(p: u64, n: u64) -> bool {
    let Some(last) = p.checked_add(n - 1) else {
        return false;
    };
    MEMORY_LAYOUT
        .iter()
        .any(|&(lo, hi, k, _)| k == RangeKind::App && p >= lo && last < hi)
}

/// Fill the shadow of an application piece with `byte`.
unsafe fn fill_piece(p: u64, n: u64, byte: u8) {
    let s = shadow_of(p);
    if byte == 0 && n >= MADVISE_THRESHOLD {
        let first = (s + PAGE - 1) & !(PAGE - 1);
        let last = (s + n) & !(PAGE - 1);
        if first < last {
            libc::memset(s as *mut _, 0, (first - s) as usize);
            libc::memset(last as *mut _, 0, (s + n - last) as usize);
            if libc::madvise(
                first as *mut _,
                (last - first) as usize,
                libc::MADV_DONTNEED,
            ) == 0
            {
                return;
            }
        }
    }
    libc::memset(s as *mut _, byte as i32, n as usize);
}

/// Mark `[p, p + n)` initialized.
pub fn clean(p: u64, n: u64) {
    if !is_ready() {
        return;
    }
    // SAFETY: pieces are application memory; their shadow is mapped.
    for_app_pieces(p, n, |s, l| unsafe { fill_piece(s, l, 0) });
}

/// Mark `[p, p + n)` uninitialized.
pub fn poison(p: u64, n: u64) {
    if !is_ready() {
        return;
    }
    // SAFETY: as in `clean`.
    for_app_pieces(p, n, |s, l| unsafe { fill_piece(s, l, 0xff) });
}

/// Copy the shadow of `[src, src + n)` to `[dst, dst + n)`, overlap-safe.
/// Bytes whose source is outside application memory become initialized;
/// destinations outside application memory are ignored. When origins are
/// tracked they move too ([`crate::origin::move_origins`]).
pub fn move_shadow(dst: u64, src: u64, n: u64) {
    if !is_ready() || n == 0 || dst == src {
        return;
    }
    move_shadow_only(dst, src, n);
    crate::origin::move_origins(dst, src, n);
}

fn move_shadow_only(dst: u64, src: u64, n: u64) {
    if is_app_range(dst, n) && is_app_range(src, n) {
        // SAFETY: both shadows are mapped; memmove handles overlap.
        unsafe {
            libc::memmove(
                shadow_of(dst) as *mut _,
                shadow_of(src) as *const _,
                n as usize,
            )
        };
        return;
    }
    // Slow path: clip the destination; sources that are not entirely
    // application memory are treated as initialized.
    for_app_pieces(dst, n, |d, l| {
        let s = src.wrapping_add(d - dst);
        if is_app_range(s, l) {
            // SAFETY: as above.
            unsafe { libc::memmove(shadow_of(d) as *mut _, shadow_of(s) as *const _, l as usize) };
        } else {
            // SAFETY: d is application memory.
            unsafe { fill_piece(d, l, 0) };
        }
    });
}

/// Mark initialized the run of uninitialized bytes that starts at `p`
/// (nothing if the byte at `p` is initialized). The run ends at the first
/// initialized byte or the end of `p`'s application range.
pub fn clean_poisoned_run(p: u64) {
    if !is_ready() || !is_app_range(p, 1) {
        return;
    }
    let Some(&(_, hi, _, _)) = MEMORY_LAYOUT
        .iter()
        .find(|&&(lo, hi, k, _)| k == RangeKind::App && p >= lo && p < hi)
    else {
        return;
    };
    let mut end = p;
    const STEP: u64 = 4096;
    while end < hi {
        // Scan up to the next page boundary of the application range.
        let len = (STEP - end % STEP).min(hi - end);
        // SAFETY: the shadow of application memory is mapped.
        let sh = unsafe { core::slice::from_raw_parts(shadow_of(end) as *const u8, len as usize) };
        match sh.iter().position(|&b| b == 0) {
            Some(i) => {
                end += i as u64;
                break;
            }
            None => end += len,
        }
    }
    clean(p, end - p);
}

/// The 8 bytes at `p`, unaligned.
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
}

/// Index of the first nonzero byte of `bytes`: a word at a time (shadow is
/// mostly zero), 32 bytes per step for long runs.
fn first_nonzero(bytes: &[u8]) -> Option<usize> {
    let n = bytes.len();
    let mut i = 0;
    while i + 32 <= n {
        let any = word(bytes, i) | word(bytes, i + 8) | word(bytes, i + 16) | word(bytes, i + 24);
        if any != 0 {
            break;
        }
        i += 32;
    }
    while i + 8 <= n {
        let w = word(bytes, i);
        if w != 0 {
            return Some(i + (w.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..n).find(|&j| bytes[j] != 0)
}

/// Index of the last nonzero byte of `bytes`.
fn last_nonzero(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while end >= 32 {
        let i = end - 32;
        let any = word(bytes, i) | word(bytes, i + 8) | word(bytes, i + 16) | word(bytes, i + 24);
        if any != 0 {
            break;
        }
        end = i;
    }
    while end >= 8 {
        let w = word(bytes, end - 8);
        if w != 0 {
            return Some(end - 1 - (w.leading_zeros() / 8) as usize);
        }
        end -= 8;
    }
    (0..end).rev().find(|&j| bytes[j] != 0)
}

/// Offset (from `p`) of the first uninitialized byte of `[p, p + n)`.
pub fn first_poisoned(p: u64, n: u64) -> Option<u64> {
    if !is_ready() || n == 0 {
        return None;
    }
    if is_app_range(p, n) {
        // SAFETY: the shadow of application memory is mapped.
        let sh = unsafe { core::slice::from_raw_parts(shadow_of(p) as *const u8, n as usize) };
        return first_nonzero(sh).map(|i| i as u64);
    }
    let mut found = None;
    for_app_pieces(p, n, |s, l| {
        if found.is_none() {
            // SAFETY: the shadow of application memory is mapped.
            let sh = unsafe { core::slice::from_raw_parts(shadow_of(s) as *const u8, l as usize) };
            found = first_nonzero(sh).map(|i| s - p + i as u64);
        }
    });
    found
}

/// Offset (from `p`) of the last uninitialized byte of `[p, p + n)`.
pub fn last_poisoned(p: u64, n: u64) -> Option<u64> {
    if !is_ready() {
        return None;
    }
    let mut found = None;
    for_app_pieces(p, n, |s, l| {
        // SAFETY: as in `first_poisoned`.
        let sh = unsafe { core::slice::from_raw_parts(shadow_of(s) as *const u8, l as usize) };
        if let Some(i) = last_nonzero(sh) {
            found = Some(s - p + i as u64);
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_clipped_to_app_ranges() {
        let mut v = vec![];
        for_app_pieces(0x00ff_ffff_fff0, 0x20, |s, l| v.push((s, l)));
        assert_eq!(v, vec![(0x00ff_ffff_fff0, 0x10)]);
        v.clear();
        for_app_pieces(0x7fff_ffff_fff0, u64::MAX, |s, l| v.push((s, l)));
        assert_eq!(v, vec![(0x7fff_ffff_fff0, 0x10)]);
        v.clear();
        for_app_pieces(0x5000_0000_0000, 0x100, |s, l| v.push((s, l)));
        assert!(v.is_empty());
        for_app_pieces(0x1000, 0, |s, l| v.push((s, l)));
        assert!(v.is_empty());
        assert!(is_app_range(0x5555_0000_0000, 16));
        assert!(!is_app_range(0x00ff_ffff_fff0, 0x20));
        assert!(!is_app_range(u64::MAX - 4, 16));
    }

    #[test]
    fn nonzero_scans() {
        let mut b = vec![0u8; 100];
        assert_eq!(first_nonzero(&b), None);
        assert_eq!(last_nonzero(&b), None);
        b[3] = 1;
        b[70] = 0xff;
        assert_eq!(first_nonzero(&b), Some(3));
        assert_eq!(last_nonzero(&b), Some(70));
        b[99] = 1;
        assert_eq!(last_nonzero(&b), Some(99));
        let mut c = vec![0u8; 64];
        c[40] = 1;
        assert_eq!(first_nonzero(&c), Some(40));
        assert_eq!(last_nonzero(&c), Some(40));
        c[0] = 1;
        assert_eq!(last_nonzero(&c), Some(40));
        assert_eq!(first_nonzero(&c), Some(0));
    }

    #[test]
    fn nonzero_scans_match_a_byte_loop() {
        for len in 0..80usize {
            for a in 0..len {
                for b in a..len {
                    let mut v = vec![0u8; len];
                    v[a] = 0x10;
                    v[b] = 0x01;
                    assert_eq!(first_nonzero(&v), Some(a), "len {len} a {a} b {b}");
                    assert_eq!(last_nonzero(&v), Some(b), "len {len} a {a} b {b}");
                }
            }
            assert_eq!(first_nonzero(&vec![0u8; len]), None);
            assert_eq!(last_nonzero(&vec![0u8; len]), None);
        }
    }
}
