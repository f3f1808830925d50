//! Origin tracking: the switch, origin creation, and origin memory.
//!
//! # The switch
//!
//! Modules instrumented with origins define `int __umsan_track_origins = 1`
//! (weak). `csrc/umsan_rt.c` declares it weak and hands
//! `&__umsan_track_origins != NULL && __umsan_track_origins` to
//! [`crate::mapping::__umsan_rt_init`], which calls [`enable`]. Every origin
//! operation first checks [`tracking`] (one relaxed load), so a program
//! without origins pays nothing else: no stack capture, no origin stores.
//!
//! # Origin memory
//!
//! One `u32` origin id per 4-byte-aligned granule of application memory, at
//! [`umsan_abi::origin_of`] (mapped by [`crate::mapping`]). Within an
//! application range consecutive granules have consecutive origin slots.
//! [`fill`] writes an id over every granule touching a range (a partial
//! granule at either end is overwritten too); [`move_origins`] copies
//! origins along with a shadow move (see there). All operations are clipped
//! to application ranges like [`crate::shadow`]'s.
//!
//! # Creation
//!
//! * Heap ([`heap_origin`]): the C wrappers `__umsan_malloc` & co. hand
//!   their own frame address to the Rust side; [`walk_frames`] follows the
//!   frame-pointer chain from there (with origins umsan-cc compiles with
//!   `-fno-omit-frame-pointer`, at most [`HEAP_ORIGIN_PCS`] frames), and
//!   the stack is interned in the [`DEPOT`], deduplicated, tagged with the
//!   [`AllocFn`]; a thread first looks it up among the stacks it interned
//!   recently ([`RecentHeapStacks`]) and reuses that id when it is there.
//! * Stack ([`stack_origin`]): each alloca site has a static `u32` id slot;
//!   the first poisoning creates the origin (description `"name@function"`,
//!   stack from the `__umsan_poison_stack` wrapper's frame) and publishes it
//!   into the slot with a CAS; later ones just read it.
//!
//! Frame walking is cheap and signal-safe once a thread's stack bounds are
//! known: they are fetched once per thread (`pthread_getattr_np`) and cached
//! in a `const`-initialized thread-local. A frame pointer is followed only
//! while it is 8-aligned, strictly increasing and inside those bounds; the
//! walk stops at a null return address or when its buffer is full.

use core::cell::Cell;
use core::ffi::{c_char, c_void};
use core::sync::atomic::{compiler_fence, AtomicBool, AtomicU32, AtomicUsize, Ordering};

use umsan_abi::origin_of;

use crate::depot::{Depot, OriginKind, DEDUP_SLOTS, ENTRIES, MAX_PCS};
use crate::mapping::is_ready;
use crate::shadow::{for_app_pieces, is_app_range};

/// The process's origin depot (mapped by [`enable`]).
pub static DEPOT: Depot = Depot::new(ENTRIES, DEDUP_SLOTS);

static TRACKING: AtomicBool = AtomicBool::new(false);

/// Are origins tracked in this process?
#[inline(always)]
pub fn tracking() -> bool {
    TRACKING.load(Ordering::Relaxed)
}

/// The allocation wrappers that create heap origins; the code is the
/// depot tag of their origins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum AllocFn {
    Malloc = 0,
    Realloc = 1,
    Reallocarray = 2,
    PosixMemalign = 3,
    AlignedAlloc = 4,
    Memalign = 5,
    Valloc = 6,
    Pvalloc = 7,
    /// Every `operator new` (plain, nothrow, aligned).
    OperatorNew = 8,
    /// Every `operator new[]`.
    OperatorNewArray = 9,
    /// `__msan_allocated_memory` (a custom allocator's block).
    AllocatedMemory = 10,
}

/// Number of [`AllocFn`]s.
pub const ALLOC_FNS: usize = 11;

impl AllocFn {
    /// The libc name (the wrapper's name without `__umsan_`), printed as
    /// frame #0 of a heap origin.
    pub fn name(self) -> &'static str {
        ALLOC_FN_NAMES[self as usize]
    }
    /// The function of a depot tag.
    pub fn from_tag(tag: u8) -> Option<Self> {
        use AllocFn::*;
        [
            Malloc,
            Realloc,
            Reallocarray,
            PosixMemalign,
            AlignedAlloc,
            Memalign,
            Valloc,
            Pvalloc,
            OperatorNew,
            OperatorNewArray,
            AllocatedMemory,
        ]
        .get(tag as usize)
        .copied()
    }
    /// Entry address of the wrapper (`__umsan_malloc` & co.), as registered
    /// at start-up; 0 if unknown.
    pub fn wrapper_address(self) -> usize {
        WRAPPERS[self as usize].load(Ordering::Relaxed)
    }
}

const ALLOC_FN_NAMES: [&str; ALLOC_FNS] = [
    "malloc",
    "realloc",
    "reallocarray",
    "posix_memalign",
    "aligned_alloc",
    "memalign",
    "valloc",
    "pvalloc",
    "operator new",
    "operator new[]",
    "__msan_allocated_memory",
];

static WRAPPERS: [AtomicUsize; ALLOC_FNS] = [const { AtomicUsize::new(0) }; ALLOC_FNS];

/// Start-up (from [`crate::mapping::__umsan_rt_init`], after the shadow is
/// mapped): record the wrappers' addresses (indexed by [`AllocFn`]; may be
/// null) and, if `track`, map the depot and turn tracking on.
///
/// # Safety
/// `wrappers` is null or points to [`ALLOC_FNS`] addresses.
pub unsafe fn enable(track: bool, wrappers: *const *const c_void) {
    if !wrappers.is_null() {
        for (i, w) in WRAPPERS.iter().enumerate() {
            w.store(*wrappers.add(i) as usize, Ordering::Relaxed);
        }
    }
    if track && DEPOT.map() {
        TRACKING.store(true, Ordering::Release);
    }
}

// ---------------------------------------------------------------------------
// Stack capture
// ---------------------------------------------------------------------------

thread_local! {
    /// `(lo, hi)` of this thread's stack; `(0, 0)` = not fetched yet,
    /// `(0, 1)` = unknown.
    static STACK_BOUNDS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// The calling thread's stack bounds `[lo, hi)`, fetched once per thread.
fn stack_bounds() -> (usize, usize) {
    STACK_BOUNDS.with(|b| {
        let v = b.get();
        if v != (0, 0) {
            return v;
        }
        let v = fetch_stack_bounds().unwrap_or((0, 1));
        b.set(v);
        v
    })
}

/// `pthread_getattr_np` takes the thread's own lock and calls `malloc`: a
/// signal handler that needs an origin meanwhile would call it again on
/// the same thread and wait forever, so the thread's signals stay blocked
/// for the duration (once per thread).
fn fetch_stack_bounds() -> Option<(usize, usize)> {
    // SAFETY: attr is initialized by pthread_getattr_np before use and
    // destroyed after; the signal masks are plain values.
    unsafe {
        let mut all: libc::sigset_t = core::mem::zeroed();
        let mut old: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
        let mut attr: libc::pthread_attr_t = core::mem::zeroed();
        let mut bounds = None;
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            let mut addr: *mut c_void = core::ptr::null_mut();
            let mut size: usize = 0;
            let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
            libc::pthread_attr_destroy(&mut attr);
            bounds = (r == 0 && size != 0).then(|| (addr as usize, addr as usize + size));
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, core::ptr::null_mut());
        bounds
    }
}

/// Return addresses along the frame-pointer chain that starts at `fp`, as
/// [`walk_frames`], but only if this thread's stack bounds are known
/// already (fetching them may allocate: not from a report).
///
/// # Safety
/// As [`walk_frames`].
pub unsafe fn walk_frames_if_bounds_known(fp: usize, out: &mut [usize]) -> Option<usize> {
    let (lo, hi) = STACK_BOUNDS.try_with(|b| b.get()).ok()?;
    if fp == 0 || fp & 7 != 0 || hi <= 1 {
        return None;
    }
    Some(walk_frames_in(fp, lo, hi, out))
}

/// Return addresses along the frame-pointer chain that starts at `fp`, the
/// frame of a runtime C wrapper called by instrumented code: the first one
/// is the return address into the wrapper's caller; at most `out.len()`
/// of them. Returns the count.
///
/// # Safety
/// `fp` is the live frame address of a function with a frame pointer
/// (`__builtin_frame_address(0)` in a function that has not returned).
pub unsafe fn walk_frames(fp: usize, out: &mut [usize]) -> usize {
    if fp == 0 || fp & 7 != 0 {
        return 0;
    }
    let (lo, hi) = stack_bounds();
    walk_frames_in(fp, lo, hi, out)
}

/// [`walk_frames`] with explicit bounds. The first frame is trusted; a
/// saved frame pointer is followed only if the current one is inside
/// `[lo, hi)` and the next one is 8-aligned, above it and inside too.
unsafe fn walk_frames_in(mut fp: usize, lo: usize, hi: usize, out: &mut [usize]) -> usize {
    // A frame followed lies in (fp, hi - 16], so inside the bounds too:
    // only the first one needs testing against them.
    let max = if lo <= fp && fp < hi { out.len() } else { out.len().min(1) };
    let top = hi.saturating_sub(16);
    let mut n = 0;
    while n < max {
        let ret = *((fp + 8) as *const usize);
        if ret == 0 {
            break;
        }
        out[n] = ret;
        n += 1;
        let next = *(fp as *const usize);
        if next <= fp || next > top || next & 7 != 0 {
            break;
        }
        fp = next;
    }
    n
}

/// Return addresses kept for an allocation's stack: MemorySanitizer's
/// default (`malloc_context_size=20`). Every allocation walks and hashes
/// them (about 20 instructions a frame), while a stack slot's origin is
/// made once per site and keeps [`MAX_PCS`].
pub const HEAP_ORIGIN_PCS: usize = 20;

/// The heap origin of an allocation made by `f` whose C wrapper's frame is
/// `fp`; 0 if not tracking or the depot is full.
///
/// # Safety
/// As [`walk_frames`].
pub unsafe fn heap_origin(f: AllocFn, fp: usize) -> u32 {
    if !tracking() {
        return 0;
    }
    let mut pcs = [0; HEAP_ORIGIN_PCS];
    let n = walk_frames(fp, &mut pcs);
    let (tag, pcs) = (f as u8, &pcs[..n]);
    RECENT_HEAP_STACKS
        .try_with(|recent| {
            // A signal handler that allocates while `busy` is set bypasses
            // the cache instead of tearing it.
            if recent.busy.replace(true) {
                return DEPOT.intern(tag, pcs);
            }
            compiler_fence(Ordering::SeqCst);
            let id = match recent.lookup(tag, pcs) {
                Some(id) => id,
                None => {
                    let id = DEPOT.intern(tag, pcs);
                    recent.remember(tag, pcs, id);
                    id
                }
            };
            compiler_fence(Ordering::SeqCst);
            recent.busy.set(false);
            id
        })
        .unwrap_or_else(|_| DEPOT.intern(tag, pcs))
}

/// One remembered allocation stack and its id (0: empty).
struct CachedStack {
    id: Cell<u32>,
    tag: Cell<u8>,
    len: Cell<usize>,
    pcs: [Cell<usize>; HEAP_ORIGIN_PCS],
}

impl CachedStack {
    const fn new() -> Self {
        CachedStack {
            id: Cell::new(0),
            tag: Cell::new(0),
            len: Cell::new(0),
            pcs: [const { Cell::new(0) }; HEAP_ORIGIN_PCS],
        }
    }
}

/// Entries of [`RecentHeapStacks`] (a power of two).
const RECENT_STACKS: usize = 16;

/// The allocation stacks this thread interned recently, and their ids, in a
/// direct-mapped table indexed by a cheap fold of the return addresses:
/// most allocations come from a few call chains (a loop building nodes,
/// an interpreter creating tables and strings and resizing them), and
/// comparing ~20 return addresses costs less than hashing them and probing
/// the depot. With only the previous allocation's stack remembered, Lua's
/// binary-trees missed 75% of 2.6 million lookups.
struct RecentHeapStacks {
    busy: Cell<bool>,
    entries: [CachedStack; RECENT_STACKS],
}

impl RecentHeapStacks {
    const fn new() -> Self {
        RecentHeapStacks { busy: Cell::new(false), entries: [const { CachedStack::new() }; RECENT_STACKS] }
    }

    /// The entry `(tag, pcs)` maps to: independent rotates and xors (no
    /// dependency chain through multiplications), then one multiply to mix.
    fn entry(&self, tag: u8, pcs: &[usize]) -> &CachedStack {
        let mut h = (tag as u64) << 8 | pcs.len() as u64;
        for (i, &pc) in pcs.iter().enumerate() {
            h ^= (pc as u64).rotate_left(7 * i as u32);
        }
        let i = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize % RECENT_STACKS;
        &self.entries[i]
    }

    fn lookup(&self, tag: u8, pcs: &[usize]) -> Option<u32> {
        let e = self.entry(tag, pcs);
        let id = e.id.get();
        let same = id != 0
            && e.tag.get() == tag
            && e.len.get() == pcs.len()
            && e.pcs.iter().zip(pcs).all(|(a, &b)| a.get() == b);
        same.then_some(id)
    }

    fn remember(&self, tag: u8, pcs: &[usize], id: u32) {
        let e = self.entry(tag, pcs);
        e.tag.set(tag);
        e.len.set(pcs.len());
        for (a, &b) in e.pcs.iter().zip(pcs) {
            a.set(b);
        }
        e.id.set(id);
    }
}

thread_local! {
    static RECENT_HEAP_STACKS: RecentHeapStacks = const { RecentHeapStacks::new() };
}

/// The origin of the stack slot whose alloca site owns `id_slot`: created
/// on first use (description `descr`, stack from the wrapper frame `fp`)
/// and published with a CAS; a racing thread's id wins if it was first.
/// 0 if not tracking, `id_slot` is null or the depot is full.
///
/// # Safety
/// `id_slot` is null or a valid, 4-aligned `u32` only accessed atomically;
/// `descr` is null or a static NUL-terminated string; `fp` as in
/// [`walk_frames`].
#[inline(always)]
pub unsafe fn stack_origin(id_slot: *mut u32, descr: *const c_char, fp: usize) -> u32 {
    if !tracking() || id_slot.is_null() || id_slot as usize & 3 != 0 {
        return 0;
    }
    // Every call but a site's first: one load, no frame.
    let id = (*(id_slot as *const AtomicU32)).load(Ordering::Acquire);
    if id != 0 {
        return id;
    }
    new_stack_origin(id_slot, descr, fp)
}

/// The first use of a stack allocation site: creates its origin.
#[cold]
#[inline(never)]
unsafe fn new_stack_origin(id_slot: *mut u32, descr: *const c_char, fp: usize) -> u32 {
    let slot = &*(id_slot as *const AtomicU32);
    let mut pcs = [0; MAX_PCS];
    let n = walk_frames(fp, &mut pcs);
    let new = DEPOT.add(OriginKind::Stack, 0, descr as usize, &pcs[..n]);
    if new == 0 {
        return 0;
    }
    match slot.compare_exchange(0, new, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => new,
        Err(other) => other,
    }
}

// ---------------------------------------------------------------------------
// Origin memory
// ---------------------------------------------------------------------------

/// Where the origin slot of a granule lives (the real mapping, or a buffer
/// in tests). `g` is 4-aligned application memory.
trait OriginMem {
    fn slot(&self, g: u64) -> *mut u32;
    /// Is any byte of `[p, p + n)` uninitialized? (`p` application memory.)
    fn poisoned(&self, p: u64, n: u64) -> bool;
}

/// The process's origin and shadow memory.
struct Real;

impl OriginMem for Real {
    #[inline(always)]
    fn slot(&self, g: u64) -> *mut u32 {
        origin_of(g) as *mut u32
    }
    #[inline]
    fn poisoned(&self, p: u64, n: u64) -> bool {
        // SAFETY: the shadow of application memory is mapped.
        let sh = unsafe {
            core::slice::from_raw_parts(umsan_abi::shadow_of(p) as *const u8, n as usize)
        };
        let (words, rest) = sh.split_at(sh.len() & !7);
        words.chunks_exact(8).fold(0u64, |a, w| a | u64::from_ne_bytes(w.try_into().unwrap())) != 0
            || rest.iter().any(|&b| b != 0)
    }
}

/// First granule and granule count covering `[p, p + n)` (n > 0).
#[inline]
fn granules(p: u64, n: u64) -> (u64, u64) {
    let first = p & !3;
    let end = (p + n + 3) & !3;
    (first, (end - first) / 4)
}

/// Fill the origins of `[p, p + n)` (one application piece, n > 0).
unsafe fn fill_in<M: OriginMem>(m: &M, p: u64, n: u64, id: u32) {
    let (first, count) = granules(p, n);
    // Consecutive granules of one application range have consecutive slots.
    core::slice::from_raw_parts_mut(m.slot(first), count as usize).fill(id);
}

/// Copy origins for a move of `[src, src + n)` to `[dst, dst + n)` (both
/// inside application ranges, n > 0), after the shadow was moved.
///
/// Each destination granule touching the range takes the origin of the
/// source granule holding the source byte of its first moved byte — or, if
/// that origin is unknown and the moved bytes straddle two source granules
/// (misaligned move), of the one holding its last moved byte. A partial
/// granule at either end of the range is only overwritten if one of its
/// moved bytes is uninitialized, so the origin of its other bytes survives
/// a move of initialized data. Overlap-safe: granules are visited upwards
/// when `dst < src` and downwards otherwise, so a source slot is always
/// read before it can be overwritten.
unsafe fn move_in<M: OriginMem>(m: &M, dst: u64, src: u64, n: u64) {
    let (first, count) = granules(dst, n);
    let end = dst + n;
    let one = |i: u64| {
        let g = first + 4 * i;
        let b0 = g.max(dst);
        let b1 = (g + 4).min(end);
        if (b1 - b0 < 4) && !m.poisoned(b0, b1 - b0) {
            return;
        }
        let s0 = (src + (b0 - dst)) & !3;
        let s1 = (src + (b1 - 1 - dst)) & !3;
        // With different alignments the bytes come from two source
        // granules. The slot of one whose moved bytes are all initialized
        // may hold any stale origin: take the other's then. The moved
        // bytes' shadow is already at the destination (the source may have
        // been overwritten by an overlapping move).
        // Among the granules with uninitialized moved bytes, prefer one
        // whose origin is known (nonzero).
        let o0 = *m.slot(s0);
        let o = if s1 == s0 {
            o0
        } else {
            let k = s0 + 4 - (src + (b0 - dst)); // bytes from s0's granule
            let o1 = *m.slot(s1);
            match (m.poisoned(b0, k), m.poisoned(b0 + k, b1 - b0 - k)) {
                (true, true) if o0 == 0 => o1,
                (true, _) => o0,
                (false, true) => o1,
                (false, false) => o0,
            }
        };
        *m.slot(g) = o;
    };
    if dst < src {
        (0..count).for_each(one);
    } else {
        (0..count).rev().for_each(one);
    }
}

/// [`move_in`], with the granules wholly inside the range moved by one
/// `memmove` when source and destination have the same alignment (the
/// common case: a block copy), so large metadata moves run at memcpy speed.
///
/// # Safety
/// Both ranges are application memory.
unsafe fn move_aligned_or_not(dst: u64, src: u64, n: u64) {
    let (d_lo, d_hi) = ((dst + 3) & !3, (dst + n) & !3);
    if (dst ^ src) & 3 != 0 || d_hi <= d_lo + 4 {
        return move_in(&Real, dst, src, n);
    }
    let s_lo = src + (d_lo - dst);
    // The partial granules at both ends, then the aligned middle, in the
    // order that reads every source granule before it is overwritten.
    let head = (dst, src, d_lo - dst);
    let tail = (d_hi, src + (d_hi - dst), dst + n - d_hi);
    // Origins only matter where the moved bytes are uninitialized: chunks
    // whose (already moved) destination shadow is all zero keep their old
    // origins, so moving initialized data costs one read of its shadow.
    let middle = || {
        const CHUNK: u64 = 4096;
        let len = d_hi - d_lo;
        let chunk_at = |off: u64| {
            let n = CHUNK.min(len - off);
            if Real.poisoned(d_lo + off, n) {
                libc::memmove(
                    origin_of(d_lo + off) as *mut libc::c_void,
                    origin_of(s_lo + off) as *const libc::c_void,
                    n as usize,
                );
            }
        };
        let chunks = len.div_ceil(CHUNK);
        if dst < src {
            (0..chunks).for_each(|k| chunk_at(k * CHUNK));
        } else {
            (0..chunks).rev().for_each(|k| chunk_at(k * CHUNK));
        }
    };
    let part = |(d, s, l): (u64, u64, u64)| {
        if l > 0 {
            move_in(&Real, d, s, l)
        }
    };
    if dst < src {
        part(head);
        middle();
        part(tail);
    } else {
        part(tail);
        middle();
        part(head);
    }
}

/// [`fill`] for `[p, p + n)` (n > 0) inside one application range, with
/// origins tracked.
///
/// # Safety
/// `[p, p + n)` is application memory and start-up has mapped it.
pub unsafe fn fill_app(p: u64, n: u64, id: u32) {
    if id != 0 {
        fill_in(&Real, p, n, id);
    }
}

/// Set the origin of every granule touching `[p, p + n)` to `id`. No-op
/// when not tracking, before start-up, or for `id == 0`.
pub fn fill(p: u64, n: u64, id: u32) {
    if id == 0 || !tracking() || !is_ready() {
        return;
    }
    // SAFETY: pieces are application memory; their origins are mapped.
    for_app_pieces(p, n, |s, l| unsafe { fill_in(&Real, s, l, id) });
}

/// Move the origins of `[src, src + n)` to `[dst, dst + n)` (see
/// [`move_in`]); called by [`crate::shadow::move_shadow`] after moving the
/// shadow. Destinations outside application memory are ignored, and so are
/// the parts whose source is not application memory (their shadow was
/// cleaned). No-op when not tracking.
pub fn move_origins(dst: u64, src: u64, n: u64) {
    if !tracking() || !is_ready() || n == 0 || dst == src {
        return;
    }
    if is_app_range(dst, n) && is_app_range(src, n) {
        // The shadow has moved already, and only the origins of moved bytes
        // that are uninitialized matter: move just the span from the first
        // to the last of them (nothing when the data moved is initialized,
        // the common case). Granules outside the span keep their origins,
        // which describe bytes the move did not make uninitialized.
        // SAFETY: both ranges are application memory.
        unsafe {
            if let Some((first, last)) = crate::shadow::poisoned_span_app(dst, n) {
                move_aligned_or_not(dst + first, src + first, last + 1 - first);
            }
        }
        return;
    }
    for_app_pieces(dst, n, |d, l| {
        let s = src.wrapping_add(d - dst);
        if is_app_range(s, l) {
            // SAFETY: as above.
            unsafe { move_in(&Real, d, s, l) };
        }
    });
}

/// Copy the origins of `n` bytes from `src` to `dst`, both granule-aligned,
/// `n` a whole number of granules, not overlapping: origin memory mirrors
/// the bytes, so this is a copy of `n` bytes of it, all granules alike
/// (a granule whose bytes the copy made initialized takes an origin nobody
/// reads). Other shapes, or ranges not both in application memory, take
/// [`move_origins`].
pub fn copy_granules(dst: u64, src: u64, n: u64) {
    if (dst | src | n) & (umsan_abi::ORIGIN_GRANULE - 1) != 0 || dst.abs_diff(src) < n {
        return move_origins(dst, src, n);
    }
    if !tracking() || !is_ready() || !is_app_range(dst, n) || !is_app_range(src, n) {
        return move_origins(dst, src, n);
    }
    // SAFETY: both ranges are application memory, their origins mapped and
    // (as the ranges) disjoint.
    unsafe {
        let (d, s) = (origin_of(dst) as *mut u32, origin_of(src) as *const u32);
        for i in 0..(n / umsan_abi::ORIGIN_GRANULE) as usize {
            *d.add(i) = *s.add(i);
        }
    }
}

/// The origin of the granule holding `addr` (0 when not tracking or
/// outside application memory).
pub fn origin_at(addr: u64) -> u32 {
    if !tracking() || !is_ready() || !is_app_range(addr, 1) {
        return 0;
    }
    // SAFETY: the origin of application memory is mapped.
    unsafe { *(origin_of(addr) as *const u32) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Origins and shadow of a fake application range `[base, base + len)`.
    struct Buf {
        base: u64,
        origins: Vec<Cell<u32>>,
        shadow: Vec<u8>,
    }

    impl Buf {
        fn new(base: u64, len: usize) -> Self {
            Buf {
                base,
                origins: (0..len / 4).map(|_| Cell::new(0)).collect(),
                shadow: vec![0xff; len],
            }
        }
        fn get(&self, addr: u64) -> u32 {
            self.origins[((addr - self.base) / 4) as usize].get()
        }
        fn all(&self) -> Vec<u32> {
            self.origins.iter().map(Cell::get).collect()
        }
        fn set_all(&self, v: &[u32]) {
            for (c, &x) in self.origins.iter().zip(v) {
                c.set(x);
            }
        }
    }

    impl OriginMem for Buf {
        fn slot(&self, g: u64) -> *mut u32 {
            assert_eq!(g % 4, 0);
            self.origins[((g - self.base) / 4) as usize].as_ptr()
        }
        fn poisoned(&self, p: u64, n: u64) -> bool {
            let i = (p - self.base) as usize;
            self.shadow[i..i + n as usize].iter().any(|&b| b != 0)
        }
    }

    const B: u64 = 0x7000_0000_1000;

    #[test]
    fn fill_covers_touched_granules() {
        let m = Buf::new(B, 64);
        unsafe { fill_in(&m, B + 5, 6, 9) }; // bytes 5..11: granules 4..12
        assert_eq!(m.all()[..4], [0, 9, 9, 0]);
        unsafe { fill_in(&m, B + 16, 4, 3) };
        assert_eq!(m.all()[..6], [0, 9, 9, 0, 3, 0]);
        unsafe { fill_in(&m, B + 23, 1, 4) };
        assert_eq!(m.get(B + 20), 4);
        assert_eq!(m.get(B + 24), 0);
        assert_eq!(granules(B + 3, 1), (B, 1));
        assert_eq!(granules(B + 3, 2), (B, 2));
        assert_eq!(granules(B, 8), (B, 2));
    }

    #[test]
    fn aligned_move_copies_granules() {
        let m = Buf::new(B, 64);
        m.set_all(&[1, 2, 3, 4, 0, 0, 0, 0]);
        unsafe { move_in(&m, B + 16, B, 16) };
        assert_eq!(m.all()[..8], [1, 2, 3, 4, 1, 2, 3, 4]);
        // Overlapping, both directions.
        m.set_all(&[1, 2, 3, 4, 5, 6, 7, 8]);
        unsafe { move_in(&m, B + 4, B, 24) };
        assert_eq!(m.all()[..8], [1, 1, 2, 3, 4, 5, 6, 8]);
        m.set_all(&[1, 2, 3, 4, 5, 6, 7, 8]);
        unsafe { move_in(&m, B, B + 4, 24) };
        assert_eq!(m.all()[..8], [2, 3, 4, 5, 6, 7, 7, 8]);
    }

    #[test]
    fn misaligned_move() {
        let m = Buf::new(B, 64);
        // dst granule [16,20) gets bytes from src 1..5: first byte in
        // granule 0, unless its origin is unknown.
        m.set_all(&[1, 2, 3, 0, 0, 0, 0, 0]);
        unsafe { move_in(&m, B + 16, B + 1, 8) };
        assert_eq!(m.all()[4..8], [1, 2, 0, 0]);
        m.set_all(&[0, 2, 3, 0, 0, 0, 0, 0]);
        unsafe { move_in(&m, B + 16, B + 1, 8) };
        assert_eq!(m.all()[4..8], [2, 2, 0, 0]);
        // Misaligned destination: partial head [17,20) from src 0..3,
        // then [20,24) from src 3..7 -> granule 0, partial tail [24,25)
        // from src 7 -> granule 1.
        m.set_all(&[1, 2, 3, 0, 0, 0, 0, 0]);
        unsafe { move_in(&m, B + 17, B, 8) };
        assert_eq!(m.all()[4..8], [1, 1, 2, 0]);
        // Overlapping misaligned moves in both directions behave like a
        // move through a temporary copy.
        for (dst, src) in [
            (B + 3, B + 1),
            (B + 1, B + 3),
            (B + 6, B + 1),
            (B + 2, B + 9),
        ] {
            let init: Vec<u32> = (1..=16).collect();
            m.set_all(&init);
            let want = Buf::new(B, 64);
            want.set_all(&init);
            let copy = Buf::new(B + 0x1000, 64);
            copy.set_all(&init);
            // Reference: read from an untouched copy.
            struct Two<'a>(&'a Buf, &'a Buf);
            impl OriginMem for Two<'_> {
                fn slot(&self, g: u64) -> *mut u32 {
                    if g >= self.1.base {
                        self.1.slot(g)
                    } else {
                        self.0.slot(g)
                    }
                }
                fn poisoned(&self, p: u64, n: u64) -> bool {
                    self.0.poisoned(p, n)
                }
            }
            unsafe { move_in(&Two(&want, &copy), dst, src - B + copy.base, 30) };
            unsafe { move_in(&m, dst, src, 30) };
            assert_eq!(m.all(), want.all(), "dst {:#x} src {:#x}", dst - B, src - B);
        }
    }

    #[test]
    fn partial_granules_keep_origin_of_initialized_moves() {
        let mut m = Buf::new(B, 64);
        m.set_all(&[1, 2, 3, 4, 5, 6, 7, 8]);
        // Destination [18, 26): partial granules [16,20) and [24,28).
        m.shadow.iter_mut().for_each(|b| *b = 0);
        unsafe { move_in(&m, B + 18, B + 2, 8) };
        assert_eq!(m.all()[4..7], [5, 2, 7]);
        m.shadow[25] = 0xff;
        unsafe { move_in(&m, B + 18, B + 2, 8) };
        assert_eq!(m.all()[4..7], [5, 2, 3]);
    }

    #[test]
    fn recent_heap_stacks_hit_only_the_same_stack() {
        let recent = RecentHeapStacks::new();
        assert_eq!(recent.lookup(1, &[]), None); // nothing remembered
        recent.remember(1, &[10, 20, 30], 7);
        assert_eq!(recent.lookup(1, &[10, 20, 30]), Some(7));
        assert_eq!(recent.lookup(2, &[10, 20, 30]), None); // another allocator
        assert_eq!(recent.lookup(1, &[10, 20]), None); // a prefix
        assert_eq!(recent.lookup(1, &[10, 20, 30, 40]), None);
        assert_eq!(recent.lookup(1, &[10, 21, 30]), None);
        recent.remember(1, &[10, 20], 0); // the depot was full: not cached
        assert_eq!(recent.lookup(1, &[10, 20]), None);
        recent.remember(1, &[], 9);
        assert_eq!(recent.lookup(1, &[]), Some(9));
    }

    #[test]
    fn recent_heap_stacks_keep_several_stacks() {
        // Stacks that differ only in an outer frame, as an interpreter's
        // allocations do: a hit is always the stack's own id, and most of
        // the recent ones are still there.
        let recent = RecentHeapStacks::new();
        let stack = |i: usize| [0x5555_0000_1000usize, 0x5555_0000_2000, 0x5555_0000_3000 + 0x40 * i, 0x5555_0000_4000];
        for i in 0..RECENT_STACKS {
            recent.remember(1, &stack(i), i as u32 + 1);
        }
        let mut found = 0;
        for i in 0..RECENT_STACKS {
            if let Some(id) = recent.lookup(1, &stack(i)) {
                assert_eq!(id, i as u32 + 1);
                found += 1;
            }
        }
        assert!(found >= RECENT_STACKS / 2, "only {found} of {RECENT_STACKS} stacks kept");
    }

    #[test]
    fn frame_walk_follows_the_chain() {
        // A fake stack: frames at offsets 0, 4, 10 (in words).
        let mut words = [0usize; 32];
        let p = words.as_mut_ptr();
        let base = p as usize;
        let at = |w: usize| base + 8 * w;
        // All accesses go through `p`: the walk reads by address.
        let set = |w: usize, v: usize| unsafe { p.add(w).write_volatile(v) };
        set(0, at(4));
        set(1, 0x111);
        set(4, at(10));
        set(5, 0x222);
        set(10, at(7)); // goes down: stop
        set(11, 0x333);
        let (lo, hi) = (base, base + 8 * 32);
        let mut out = [0; MAX_PCS];
        let n = unsafe { walk_frames_in(at(0), lo, hi, &mut out) };
        assert_eq!(&out[..n], &[0x111, 0x222, 0x333]);
        // The walk keeps at most as many as `out` holds.
        let mut two = [0; 2];
        assert_eq!(unsafe { walk_frames_in(at(0), lo, hi, &mut two) }, 2);
        assert_eq!(two, [0x111, 0x222]);
        assert_eq!(unsafe { walk_frames_in(at(0), lo, hi, &mut []) }, 0);
        set(10, at(31)); // too close to the end
        let n = unsafe { walk_frames_in(at(0), lo, hi, &mut out) };
        assert_eq!(n, 3);
        set(10, at(12) + 4); // misaligned
        assert_eq!(unsafe { walk_frames_in(at(0), lo, hi, &mut out) }, 3);
        set(10, at(12));
        set(13, 0); // null return address
        assert_eq!(unsafe { walk_frames_in(at(0), lo, hi, &mut out) }, 3);
        // Outside the bounds only the first frame is trusted.
        assert_eq!(unsafe { walk_frames_in(at(0), hi, hi + 64, &mut out) }, 1);
        // A long chain of increasing frames, ending at a null return address.
        for w in (0..30).step_by(2) {
            set(w, at(w + 2));
            set(w + 1, 0x1000 + w);
        }
        set(30, 0);
        set(31, 0);
        let n = unsafe { walk_frames_in(at(0), lo, hi, &mut out) };
        assert_eq!(n, 15);
    }

    #[test]
    fn real_frame_walk_and_bounds() {
        let (lo, hi) = stack_bounds();
        let here = &lo as *const usize as usize;
        assert!(lo < here && here < hi, "{lo:#x} {here:#x} {hi:#x}");
        assert_eq!(stack_bounds(), (lo, hi));
        let other = std::thread::spawn(stack_bounds).join().unwrap();
        assert_ne!(other, (lo, hi));
    }

    #[test]
    fn alloc_fn_names() {
        assert_eq!(AllocFn::Malloc.name(), "malloc");
        assert_eq!(AllocFn::Pvalloc.name(), "pvalloc");
        assert_eq!(AllocFn::OperatorNewArray.name(), "operator new[]");
        for i in 0..ALLOC_FNS as u8 {
            assert_eq!(AllocFn::from_tag(i).unwrap() as u8, i);
        }
        assert_eq!(AllocFn::from_tag(ALLOC_FNS as u8), None);
    }
}
