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
    for &(lo, hi) in &umsan_abi::APP_RANGES {
        if hi <= p || lo >= end {
            continue;
        }
        let s = p.max(lo);
        let e = end.min(hi);
        f(s, e - s);
    }
}

pub use umsan_abi::is_app_range;

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
    if n >= FUSED_MIN
        && (dst ^ src) & 3 == 0
        && crate::origin::tracking()
        && is_app_range(dst, n)
        && is_app_range(src, n)
    {
        // SAFETY: both ranges are application memory.
        unsafe { move_shadow_and_origins_fused(dst, src, n) };
        return;
    }
    if n < FUSED_MIN
        && dst.abs_diff(src) >= n
        && crate::origin::tracking()
        && is_app_range(dst, n)
        && is_app_range(src, n)
    {
        // A short move with origins tracked (a record copied with a
        // run-time length): one pass copies the shadow and tells whether
        // any byte moved is uninitialized; only then do origins move.
        // SAFETY: both ranges are application memory, their shadows do not
        // overlap (neither do the ranges).
        unsafe {
            if copy_or(shadow_of(dst) as *mut u8, shadow_of(src) as *const u8, n as usize) {
                crate::origin::move_origins(dst, src, n);
            }
        }
        return;
    }
    move_shadow_only(dst, src, n);
    crate::origin::move_origins(dst, src, n);
}

/// Moves at least this long, with origins tracked, go through
/// [`move_shadow_and_origins_fused`].
const FUSED_MIN: u64 = 2 * FUSED_PIECE;
/// Piece of a fused move: small enough that the moved shadow is still in
/// L1 when its origins are considered.
const FUSED_PIECE: u64 = 4096;

/// A long move with origins tracked, source and destination equally
/// aligned in their 4-byte granules, both in application memory: in pieces
/// of [`FUSED_PIECE`] bytes (ending at piece-aligned destination addresses,
/// so at granule boundaries on both sides), each piece's shadow is copied
/// while testing it for uninitialized bytes, and only a piece that has any
/// moves origins. Moving initialized data thus costs one pass over its
/// shadow, at copy speed. Pieces go in the order that reads every source
/// byte before it is overwritten, as `memmove` does.
///
/// # Safety
/// Both ranges are application memory and start-up has mapped them.
unsafe fn move_shadow_and_origins_fused(dst: u64, src: u64, n: u64) {
    let piece = |d: u64, l: u64| {
        let s = src + (d - dst);
        let (sd, ss) = (shadow_of(d) as *mut u8, shadow_of(s) as *const u8);
        let any = if d.abs_diff(s) >= l {
            copy_or(sd, ss, l as usize)
        } else {
            libc::memmove(sd as *mut _, ss as *const _, l as usize);
            first_nonzero(core::slice::from_raw_parts(sd, l as usize)).is_some()
        };
        if any {
            crate::origin::move_origins(d, s, l);
        }
    };
    let end = dst + n;
    let first_end = (dst / FUSED_PIECE + 1) * FUSED_PIECE;
    let last_start = (end - 1) / FUSED_PIECE * FUSED_PIECE;
    if dst < src {
        piece(dst, first_end - dst);
        let mut d = first_end;
        while d < last_start {
            piece(d, FUSED_PIECE);
            d += FUSED_PIECE;
        }
        piece(last_start, end - last_start);
    } else {
        piece(last_start, end - last_start);
        let mut d = last_start;
        while d > first_end {
            d -= FUSED_PIECE;
            piece(d, FUSED_PIECE);
        }
        piece(dst, first_end - dst);
    }
}

/// Copy `n` bytes from `s` to `d` (not overlapping) and tell whether any
/// of them is nonzero.
///
/// # Safety
/// `s` is readable and `d` writable for `n` bytes; they do not overlap.
unsafe fn copy_or(d: *mut u8, s: *const u8, n: usize) -> bool {
    #[cfg(target_arch = "x86_64")]
    if n >= 128 {
        use core::sync::atomic::{AtomicU8, Ordering};
        // 0 = not yet known, 1 = AVX2, 2 = baseline.
        static KIND: AtomicU8 = AtomicU8::new(0);
        let mut k = KIND.load(Ordering::Relaxed);
        if k == 0 {
            k = if std::is_x86_feature_detected!("avx2") { 1 } else { 2 };
            KIND.store(k, Ordering::Relaxed);
        }
        if k == 1 {
            return copy_or_avx2(d, s, n);
        }
    }
    copy_or_words(d, s, n)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn copy_or_avx2(d: *mut u8, s: *const u8, n: usize) -> bool {
    use core::arch::x86_64::*;
    let mut acc = _mm256_setzero_si256();
    let mut i = 0;
    while i + 128 <= n {
        let a = _mm256_loadu_si256(s.add(i) as *const __m256i);
        let b = _mm256_loadu_si256(s.add(i + 32) as *const __m256i);
        let c = _mm256_loadu_si256(s.add(i + 64) as *const __m256i);
        let e = _mm256_loadu_si256(s.add(i + 96) as *const __m256i);
        _mm256_storeu_si256(d.add(i) as *mut __m256i, a);
        _mm256_storeu_si256(d.add(i + 32) as *mut __m256i, b);
        _mm256_storeu_si256(d.add(i + 64) as *mut __m256i, c);
        _mm256_storeu_si256(d.add(i + 96) as *mut __m256i, e);
        acc = _mm256_or_si256(acc, _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, e)));
        i += 128;
    }
    let any = _mm256_testz_si256(acc, acc) == 0;
    copy_or_words(d.add(i), s.add(i), n - i) || any
}

/// [`copy_or`] a word at a time; the last word of a length that is not a
/// multiple of 8 overlaps the one before it (the ranges do not overlap, so
/// copying a byte twice copies the same value).
unsafe fn copy_or_words(d: *mut u8, s: *const u8, n: usize) -> bool {
    unsafe fn word<W: Copy + Into<u64>>(d: *mut u8, s: *const u8, at: usize) -> u64 {
        let w = (s.add(at) as *const W).read_unaligned();
        (d.add(at) as *mut W).write_unaligned(w);
        w.into()
    }
    let acc = if n >= 8 {
        let mut acc = 0u64;
        let mut i = 0;
        while i + 8 <= n {
            acc |= word::<u64>(d, s, i);
            i += 8;
        }
        if i < n {
            acc |= word::<u64>(d, s, n - 8);
        }
        acc
    } else if n >= 4 {
        word::<u32>(d, s, 0) | word::<u32>(d, s, n - 4)
    } else {
        (0..n).fold(0, |a, i| a | word::<u8>(d, s, i))
    };
    acc != 0
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

/// Is `[p, p + n)` short (at most 16 bytes), inside one application range
/// and initialized? A quick answer for the checks of short strings and keys
/// by library models; `false` means "look closer" ([`first_poisoned`]).
#[inline]
pub fn short_range_clean(p: u64, n: u64) -> bool {
    if n == 0 || n > 16 || !is_ready() || !is_app_range(p, n) {
        return false;
    }
    let s = shadow_of(p) as *const u8;
    // SAFETY: the shadow of application memory is mapped; the loads stay
    // inside [s, s + n) (two overlapping words cover 4..=16 bytes).
    unsafe {
        let any = match n {
            1..=3 => (0..n as usize).fold(0u8, |a, i| a | *s.add(i)) as u64,
            4..=7 => {
                (s as *const u32).read_unaligned() as u64 | (s.add(n as usize - 4) as *const u32).read_unaligned() as u64
            }
            _ => (s as *const u64).read_unaligned() | (s.add(n as usize - 8) as *const u64).read_unaligned(),
        };
        any == 0
    }
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

/// Ranges up to this size are checked as they are; longer ones only as far
/// as their memory is mapped ([`mapped_prefix`]).
const MAPPED_CHUNK: u64 = 1 << 20;

/// How many leading bytes of `[p, p + n)` a reader could read: the range is
/// checked chunk by chunk (1 MiB, page-aligned) with `mincore`, and ends at
/// the first chunk holding an unmapped page, where the program itself would
/// fault reading on. Short ranges are taken as they are (no system call).
/// A copy-out check of a length nothing reads (`ostream::write(nullptr,
/// PTRDIFF_MAX)` into a streambuf that drops it, as fmtlib's tests do)
/// must not scan terabytes of shadow: a byte no one can read cannot leave
/// the program.
pub fn mapped_prefix(p: u64, n: u64) -> u64 {
    if n <= MAPPED_CHUNK {
        return n;
    }
    let end = p.saturating_add(n);
    let mut chunk = p & !(PAGE - 1);
    let mut pages = [0u8; (MAPPED_CHUNK / PAGE) as usize + 1];
    while chunk < end {
        let len = (end - chunk).min(MAPPED_CHUNK);
        // SAFETY: `pages` has room for every page of `len` bytes from a
        // page-aligned start (one more for the partial last page).
        let r = unsafe { libc::mincore(chunk as *mut libc::c_void, len as usize, pages.as_mut_ptr()) };
        if r != 0 {
            return chunk.saturating_sub(p);
        }
        chunk += len;
    }
    n
}

/// Offsets (from `p`) of the first and the last uninitialized byte of
/// `[p, p + n)` (n > 0), which lies inside one application range.
///
/// # Safety
/// `[p, p + n)` is application memory and start-up has mapped its shadow.
#[inline]
pub unsafe fn poisoned_span_app(p: u64, n: u64) -> Option<(u64, u64)> {
    let sh = core::slice::from_raw_parts(shadow_of(p) as *const u8, n as usize);
    let first = first_nonzero(sh)?;
    let last = first + last_nonzero(&sh[first..]).unwrap_or(0);
    Some((first as u64, last as u64))
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
    fn copy_or_copies_and_detects_every_byte() {
        for n in 0..300usize {
            for hot in [None, Some(0), Some(n / 2), Some(n.saturating_sub(1))] {
                let src: Vec<u8> = (0..n).map(|i| if Some(i) == hot { 0x40 } else { 0 }).collect();
                let mut dst = vec![0xaau8; n + 8];
                // SAFETY: distinct buffers, n bytes each.
                let any = unsafe { copy_or(dst.as_mut_ptr(), src.as_ptr(), n) };
                assert_eq!(&dst[..n], &src[..], "n = {n}");
                assert!(dst[n..].iter().all(|&b| b == 0xaa), "wrote past n = {n}");
                assert_eq!(any, hot.is_some() && n > 0, "n = {n}, hot = {hot:?}");
            }
        }
    }

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
