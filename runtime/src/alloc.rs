//! Allocation hooks.
//!
//! Two families live here:
//!
//! * **Interposed libc functions** (`malloc`, `free`, `calloc`, `realloc`,
//!   `reallocarray`, `memalign`, `posix_memalign`, `aligned_alloc`, `valloc`,
//!   `pvalloc`, `malloc_usable_size`, `mmap`, `mmap64`, `munmap`), defined
//!   for the whole process. They allocate from [`heap`] (mimalloc; the raw
//!   system call for `mmap`/`munmap`) and **clean** the shadow of what they
//!   return (`malloc_usable_size` bytes) and of what they free, so memory
//!   that uninstrumented code allocates or frees never carries stale poison.
//!   Before start-up finished they only allocate. They never touch umsan's
//!   TLS slots.
//! * **Wrappers for instrumented code** (`__umsan_malloc` & co., see
//!   [`umsan_abi::ALLOC_WRAPPERS`]): the pass redirects direct calls to
//!   them. They behave like the libc function and then **poison** the bytes
//!   the caller asked for (`calloc` excepted). When origins are tracked
//!   they also give the poisoned bytes a heap origin (see
//!   [`crate::origin`]). The wrappers that poison are thin C functions in
//!   `csrc/umsan_rt.c` that pass their frame address (where the stack walk
//!   for the origin starts) to the `__umsan_rt_*` functions here; `calloc`
//!   and `free` are defined here directly.
//!
//! errno and NULL behaviour are glibc's: shadow bookkeeping preserves errno.
//!
//! [`RuntimeAllocator`] is the runtime's own `#[global_allocator]`: its own
//! heap on raw `mmap`, so the runtime's allocations never recurse into the
//! hooks nor wait for a heap lock the interrupted program holds.

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::{c_int, c_void};

use crate::mapping::is_ready;
use crate::origin::{self, AllocFn};
use crate::shadow;

/// The heap under the interposed allocation functions: mimalloc (a
/// size-class allocator, like the allocators of the LLVM sanitizers), with
/// glibc's conventions where the two differ (errno on failure,
/// `realloc(p, 0)` frees, `memalign` rounds the alignment up, `valloc`,
/// `pvalloc`). Every `malloc` of the process lands here, so every block the
/// hooks see is mimalloc's.
///
/// Why not glibc's heap: glibc interleaves block headers and blocks of every
/// size, so code that walks many small objects (a garbage collector's sweep)
/// misses the cache twice per object, once for the object and once for its
/// shadow; same-size blocks side by side halve that (binary-trees, see
/// `bench/README.md`).
mod heap {
    use core::ffi::c_void;
    use super::PAGE;
    use libmimalloc_sys as mi;

    #[inline]
    fn enomem_if_null(p: *mut c_void) -> *mut c_void {
        if p.is_null() {
            super::set_errno(libc::ENOMEM);
        }
        p
    }

    #[inline]
    pub unsafe fn malloc(n: usize) -> *mut c_void {
        enomem_if_null(mi::mi_malloc(n))
    }

    #[inline]
    pub unsafe fn free(p: *mut c_void) {
        mi::mi_free(p)
    }

    #[inline]
    pub unsafe fn calloc(nmemb: usize, size: usize) -> *mut c_void {
        if nmemb.checked_mul(size).is_none() {
            return enomem_if_null(core::ptr::null_mut());
        }
        enomem_if_null(mi::mi_calloc(nmemb, size))
    }

    /// glibc's `realloc`: `realloc(NULL, n)` allocates, `realloc(p, 0)`
    /// frees and returns NULL, a failure leaves `p` alone.
    #[inline]
    pub unsafe fn realloc(p: *mut c_void, n: usize) -> *mut c_void {
        if !p.is_null() && n == 0 {
            mi::mi_free(p);
            return core::ptr::null_mut();
        }
        enomem_if_null(mi::mi_realloc(p, n))
    }

    /// glibc's `memalign`: an alignment that is not a power of two is
    /// rounded up to one.
    #[inline]
    pub unsafe fn memalign(align: usize, n: usize) -> *mut c_void {
        let align = align.max(1);
        let Some(a) = align.checked_next_power_of_two() else {
            return enomem_if_null(core::ptr::null_mut());
        };
        enomem_if_null(mi::mi_malloc_aligned(n, a))
    }

    #[inline]
    pub unsafe fn valloc(n: usize) -> *mut c_void {
        memalign(PAGE, n)
    }

    /// `pvalloc`: page-aligned, size rounded up to whole pages (one page
    /// for 0).
    #[inline]
    pub unsafe fn pvalloc(n: usize) -> *mut c_void {
        match n.max(1).checked_add(PAGE - 1) {
            Some(m) => memalign(PAGE, m & !(PAGE - 1)),
            None => enomem_if_null(core::ptr::null_mut()),
        }
    }

    #[inline]
    pub unsafe fn usable_size(p: *mut c_void) -> usize {
        mi::mi_usable_size(p)
    }
}

/// The runtime's global allocator: its own, on memory mapped with the raw
/// `mmap` system call — never the program's `malloc`.
///
/// Reports allocate (symbolization, formatting), and a report may come from
/// a signal handler that interrupted the program inside `malloc`,
/// holding a heap lock: allocating from that heap there would wait for that
/// lock forever (it did). So the runtime keeps its own heap:
///
/// * blocks up to [`MAX_SMALL`] bytes come in power-of-two size classes
///   (naturally aligned: a class-`c` block is `c`-aligned), carved from
///   1 MiB chunks and recycled through one free list per class;
/// * larger blocks (and alignments above a page) are their own mappings,
///   unmapped on free.
///
/// One spin lock protects the lists. It is never taken re-entrantly: the
/// runtime allocates only at start-up (one thread) and under the report
/// lock, which blocks the holder's signals (see
/// [`crate::report::lock_reports`]) and is held across `fork`.
pub struct RuntimeAllocator;

/// Largest size served from the size classes.
pub const MAX_SMALL: usize = 64 * 1024;
const MIN_CLASS_SHIFT: u32 = 4; // 16 bytes
const NCLASSES: usize = (MAX_SMALL.trailing_zeros() - MIN_CLASS_SHIFT + 1) as usize;
const CHUNK: usize = 1 << 20;
const PAGE: usize = 4096;

struct Heap {
    free: [usize; NCLASSES],
    bump: usize,
    end: usize,
}

static HEAP_LOCK: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);
static mut HEAP: Heap = Heap {
    free: [0; NCLASSES],
    bump: 0,
    end: 0,
};

fn heap_lock() {
    use core::sync::atomic::Ordering;
    let mut spins = 0u32;
    while HEAP_LOCK
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        spins += 1;
        if spins < 64 {
            core::hint::spin_loop();
        } else {
            // SAFETY: no preconditions.
            unsafe { libc::sched_yield() };
        }
    }
}

fn heap_unlock() {
    HEAP_LOCK.store(false, core::sync::atomic::Ordering::Release);
}

/// Fresh zeroed pages, or null.
unsafe fn map_pages(len: usize) -> *mut u8 {
    let r = crate::mapping::sys_mmap(
        0,
        len,
        libc::PROT_READ | libc::PROT_WRITE,
        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
        -1,
        0,
    );
    if r < 0 && r > -4096 {
        core::ptr::null_mut()
    } else {
        r as *mut u8
    }
}

fn round_up(n: usize, to: usize) -> Option<usize> {
    Some(n.checked_add(to - 1)? & !(to - 1))
}

/// The size class (index, block size) of a layout, or `None` when it is
/// served by its own mapping.
fn class_of(l: Layout) -> Option<(usize, usize)> {
    let size = l.size().max(l.align()).max(1 << MIN_CLASS_SHIFT);
    if size > MAX_SMALL {
        return None;
    }
    let c = size.next_power_of_two();
    Some(((c.trailing_zeros() - MIN_CLASS_SHIFT) as usize, c))
}

unsafe fn small_alloc(idx: usize, c: usize) -> *mut u8 {
    heap_lock();
    // SAFETY: HEAP is only touched under HEAP_LOCK.
    let h = &mut *core::ptr::addr_of_mut!(HEAP);
    let head = h.free[idx];
    let p = if head != 0 {
        h.free[idx] = *(head as *const usize);
        head as *mut u8
    } else {
        let mut at = (h.bump + c - 1) & !(c - 1);
        if h.bump == 0 || at + c > h.end {
            let chunk = map_pages(CHUNK);
            if chunk.is_null() {
                heap_unlock();
                return core::ptr::null_mut();
            }
            h.bump = chunk as usize;
            h.end = h.bump + CHUNK;
            at = (h.bump + c - 1) & !(c - 1); // c <= 64 KiB: fits in 1 MiB
        }
        h.bump = at + c;
        at as *mut u8
    };
    heap_unlock();
    p
}

unsafe fn small_free(p: *mut u8, idx: usize) {
    heap_lock();
    // SAFETY: as in small_alloc.
    let h = &mut *core::ptr::addr_of_mut!(HEAP);
    *(p as *mut usize) = h.free[idx];
    h.free[idx] = p as usize;
    heap_unlock();
}

/// A large block: its own mapping, `align` (power of two) honoured by
/// over-mapping and trimming.
unsafe fn large_alloc(l: Layout) -> *mut u8 {
    let Some(len) = round_up(l.size().max(1), PAGE) else {
        return core::ptr::null_mut();
    };
    if l.align() <= PAGE {
        return map_pages(len);
    }
    let Some(total) = len.checked_add(l.align()) else {
        return core::ptr::null_mut();
    };
    let raw = map_pages(total);
    if raw.is_null() {
        return raw;
    }
    let start = raw as usize;
    let aligned = (start + l.align() - 1) & !(l.align() - 1);
    if aligned > start {
        crate::mapping::sys_munmap(start, aligned - start);
    }
    let tail = start + total - (aligned + len);
    if tail > 0 {
        crate::mapping::sys_munmap(aligned + len, tail);
    }
    aligned as *mut u8
}

unsafe impl GlobalAlloc for RuntimeAllocator {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        match class_of(l) {
            Some((idx, c)) => small_alloc(idx, c),
            None => large_alloc(l),
        }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        match class_of(l) {
            Some(_) => {
                let p = self.alloc(l);
                if !p.is_null() {
                    core::ptr::write_bytes(p, 0, l.size());
                }
                p
            }
            None => large_alloc(l), // fresh pages are zero
        }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        match class_of(l) {
            Some((idx, _)) => small_free(p, idx),
            None => {
                if let Some(len) = round_up(l.size().max(1), PAGE) {
                    crate::mapping::sys_munmap(p as usize, len);
                }
            }
        }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let new_l = Layout::from_size_align_unchecked(new, l.align());
        // Same class: the block already fits.
        if let (Some((a, _)), Some((b, _))) = (class_of(l), class_of(new_l)) {
            if a == b {
                return p;
            }
        }
        let q = self.alloc(new_l);
        if !q.is_null() {
            core::ptr::copy_nonoverlapping(p, q, l.size().min(new));
            self.dealloc(p, l);
        }
        q
    }
}

/// Run `f` without letting it change errno.
#[inline]
fn keep_errno<T>(f: impl FnOnce() -> T) -> T {
    // SAFETY: __errno_location is always valid for the calling thread.
    unsafe {
        let e = libc::__errno_location();
        let saved = *e;
        let r = f();
        *e = saved;
        r
    }
}

/// Usable size of a live heap block (0 for NULL).
#[inline]
unsafe fn usable(p: *mut c_void) -> u64 {
    if p.is_null() {
        0
    } else {
        heap::usable_size(p) as u64
    }
}

/// Clean the shadow of a heap block that is being handed out or freed.
#[inline]
unsafe fn clean_block(p: *mut c_void) {
    if is_ready() && !p.is_null() {
        keep_errno(|| shadow::clean(p as u64, usable(p)));
    }
}

/// Who is allocating, for heap origins: the wrapper and its frame address
/// (where the stack walk starts).
#[derive(Clone, Copy)]
struct Allocator {
    f: AllocFn,
    fp: usize,
}

/// Poison `[p, p + n)` of a block allocated by `by`, with a heap origin
/// when origins are tracked.
#[inline]
unsafe fn poison_heap(p: u64, n: u64, by: Allocator) {
    if !crate::msan_compat::poison_in_malloc() {
        // `__msan_set_poison_in_malloc(0)`: the block counts as initialized.
        return shadow::clean(p, n);
    }
    shadow::poison(p, n);
    if origin::tracking() && n != 0 {
        origin::fill(p, n, origin::heap_origin(by.f, by.fp));
    }
}

/// Poison a heap block handed to instrumented code: all of its usable size
/// (the requested bytes and the slack), so that a later `__umsan_realloc`,
/// which only knows the usable size, moves accurate shadow.
#[inline]
unsafe fn poison_block(p: *mut c_void, by: Allocator) {
    if is_ready() && !p.is_null() {
        keep_errno(|| poison_heap(p as u64, usable(p), by));
    }
}

fn set_errno(e: c_int) {
    // SAFETY: see keep_errno.
    unsafe { *libc::__errno_location() = e };
}

/// glibc's `posix_memalign` argument check and allocation, without shadow.
unsafe fn posix_memalign_impl(out: *mut *mut c_void, align: usize, n: usize) -> c_int {
    let w = core::mem::size_of::<*mut c_void>();
    if align & (w - 1) != 0 || !(align / w).is_power_of_two() {
        return libc::EINVAL;
    }
    let p = heap::memalign(align, n);
    if p.is_null() {
        return libc::ENOMEM;
    }
    *out = p;
    0
}

/// `realloc` keeping the shadow of the bytes that survive.
///
/// * `instrumented` is `Some` (`__umsan_realloc`): the new block is treated
///   like a fresh instrumented allocation — every byte that did not come
///   from the old block is poisoned (with a heap origin), up to the usable
///   size.
/// * otherwise (interposed `realloc`): every byte that did not come from the
///   old block is clean.
///
/// In both cases the surviving bytes keep their shadow and origins (moved
/// with the data when the heap moves the block) and the released memory (old
/// block, or the tail of an in-place shrink) is cleaned.
unsafe fn realloc_impl(p: *mut c_void, n: usize, instrumented: Option<Allocator>) -> *mut c_void {
    if !is_ready() {
        return heap::realloc(p, n);
    }
    if p.is_null() {
        let q = heap::malloc(n);
        match instrumented {
            Some(by) => poison_block(q, by),
            None => clean_block(q),
        }
        return q;
    }
    let old = usable(p);
    let q = heap::realloc(p, n);
    keep_errno(|| {
        let pa = p as u64;
        if q.is_null() {
            if n == 0 {
                // heap::realloc freed p.
                shadow::clean(pa, old);
            }
            return;
        }
        let qa = q as u64;
        let qn = usable(q);
        // Bytes whose content (and so shadow) survives.
        let kept = if instrumented.is_some() {
            old.min(qn)
        } else {
            old.min(n as u64)
        };
        if qa != pa {
            shadow::move_shadow(qa, pa, kept);
            // The old block is free now; clean it unless q overlaps it.
            if pa + old <= qa || qa + qn <= pa {
                shadow::clean(pa, old);
            }
        } else if old > qn {
            // In-place shrink: the split-off tail went back to the heap.
            shadow::clean(qa + qn, old - qn);
        }
        if qn > kept {
            match instrumented {
                Some(by) => poison_heap(qa + kept, qn - kept, by),
                None => shadow::clean(qa + kept, qn - kept),
            }
        }
    });
    q
}

unsafe fn reallocarray_impl(
    p: *mut c_void,
    nmemb: usize,
    size: usize,
    instrumented: Option<Allocator>,
) -> *mut c_void {
    match nmemb.checked_mul(size) {
        Some(n) => realloc_impl(p, n, instrumented),
        None => {
            set_errno(libc::ENOMEM);
            core::ptr::null_mut()
        }
    }
}

// ---------------------------------------------------------------------------
// Wrappers called by instrumented code (umsan_abi::ALLOC_WRAPPERS). Those
// that poison are reached through the C functions `__umsan_malloc` & co. of
// `csrc/umsan_rt.c`, which add their frame address `fp`.
// ---------------------------------------------------------------------------

fn by(f: AllocFn, fp: *const c_void) -> Allocator {
    Allocator { f, fp: fp as usize }
}

/// `malloc` for instrumented code (`__umsan_malloc`): the block returned is
/// poisoned.
///
/// # Safety
/// Same contract as the libc function of the same name; `fp` is the live
/// frame of the C wrapper.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_malloc(n: usize, fp: *const c_void) -> *mut c_void {
    let p = heap::malloc(n);
    poison_block(p, by(AllocFn::Malloc, fp));
    p
}

/// `calloc` for instrumented code: the memory is initialized (zeroed).
///
/// # Safety
/// Same contract as the libc function of the same name.
#[no_mangle]
pub unsafe extern "C" fn __umsan_calloc(nmemb: usize, size: usize) -> *mut c_void {
    let p = heap::calloc(nmemb, size);
    clean_block(p);
    p
}

/// `realloc` for instrumented code (`__umsan_realloc`): shadow moves with
/// the data, growth is poisoned.
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_realloc(
    p: *mut c_void,
    n: usize,
    fp: *const c_void,
) -> *mut c_void {
    realloc_impl(p, n, Some(by(AllocFn::Realloc, fp)))
}

/// `reallocarray` for instrumented code (`__umsan_reallocarray`).
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_reallocarray(
    p: *mut c_void,
    nmemb: usize,
    size: usize,
    fp: *const c_void,
) -> *mut c_void {
    reallocarray_impl(p, nmemb, size, Some(by(AllocFn::Reallocarray, fp)))
}

/// `free` for instrumented code: the block's shadow is cleaned first.
///
/// # Safety
/// Same contract as the libc function of the same name.
#[no_mangle]
pub unsafe extern "C" fn __umsan_free(p: *mut c_void) {
    clean_block(p);
    heap::free(p)
}

/// `posix_memalign` for instrumented code (`__umsan_posix_memalign`): the
/// block is poisoned.
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_posix_memalign(
    out: *mut *mut c_void,
    align: usize,
    n: usize,
    fp: *const c_void,
) -> c_int {
    let r = posix_memalign_impl(out, align, n);
    if r == 0 {
        poison_block(*out, by(AllocFn::PosixMemalign, fp));
    }
    r
}

/// `aligned_alloc` for instrumented code (`__umsan_aligned_alloc`): the
/// block is poisoned.
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_aligned_alloc(
    align: usize,
    n: usize,
    fp: *const c_void,
) -> *mut c_void {
    let p = heap::memalign(align, n);
    poison_block(p, by(AllocFn::AlignedAlloc, fp));
    p
}

/// `memalign` for instrumented code (`__umsan_memalign`): the block is
/// poisoned.
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_memalign(
    align: usize,
    n: usize,
    fp: *const c_void,
) -> *mut c_void {
    let p = heap::memalign(align, n);
    poison_block(p, by(AllocFn::Memalign, fp));
    p
}

/// `valloc` for instrumented code (`__umsan_valloc`): the block is poisoned.
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_valloc(n: usize, fp: *const c_void) -> *mut c_void {
    let p = heap::valloc(n);
    poison_block(p, by(AllocFn::Valloc, fp));
    p
}

/// `pvalloc` for instrumented code (`__umsan_pvalloc`): the whole
/// (page-rounded) block is poisoned.
///
/// # Safety
/// As [`__umsan_rt_malloc`].
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_pvalloc(n: usize, fp: *const c_void) -> *mut c_void {
    let p = heap::pvalloc(n);
    poison_block(p, by(AllocFn::Pvalloc, fp));
    p
}

/// After `operator new` / `operator new[]` (any variant) returned `p` to
/// instrumented code (`__umsan_Znwm` & co. in `csrc/umsan_cxx.c`): the `n`
/// bytes asked for are poisoned, with a heap origin. Exactly `n`: the
/// block may come from a user's replacement `operator new` rather than
/// this heap (the slack of a heap block is clean since `malloc`). `array`:
/// `new[]`. Deleting needs no wrapper: every `operator delete` of
/// libstdc++ ends in the interposed `free`, which cleans the block.
///
/// # Safety
/// `p` is null or `n` writable bytes; `fp` is the live frame of the C
/// wrapper.
#[no_mangle]
pub unsafe extern "C" fn __umsan_rt_operator_new(p: *mut c_void, n: usize, array: c_int, fp: *const c_void) {
    if is_ready() && !p.is_null() {
        let f = if array != 0 { AllocFn::OperatorNewArray } else { AllocFn::OperatorNew };
        keep_errno(|| poison_heap(p as u64, n as u64, by(f, fp)));
    }
}

// ---------------------------------------------------------------------------
// Interposed libc functions (whole process). Not in unit-test builds, where
// they would take over the test harness's allocator for nothing.
// ---------------------------------------------------------------------------

#[cfg(not(test))]
mod interpose {
    use super::*;
    use crate::mapping::{note_prot, sys_mmap, sys_mprotect, sys_munmap};

    #[no_mangle]
    pub unsafe extern "C" fn malloc(n: usize) -> *mut c_void {
        let p = heap::malloc(n);
        clean_block(p);
        p
    }

    #[no_mangle]
    pub unsafe extern "C" fn free(p: *mut c_void) {
        clean_block(p);
        heap::free(p)
    }

    #[no_mangle]
    pub unsafe extern "C" fn calloc(nmemb: usize, size: usize) -> *mut c_void {
        let p = heap::calloc(nmemb, size);
        clean_block(p);
        p
    }

    #[no_mangle]
    pub unsafe extern "C" fn realloc(p: *mut c_void, n: usize) -> *mut c_void {
        realloc_impl(p, n, None)
    }

    #[no_mangle]
    pub unsafe extern "C" fn reallocarray(
        p: *mut c_void,
        nmemb: usize,
        size: usize,
    ) -> *mut c_void {
        reallocarray_impl(p, nmemb, size, None)
    }

    #[no_mangle]
    pub unsafe extern "C" fn memalign(align: usize, n: usize) -> *mut c_void {
        let p = heap::memalign(align, n);
        clean_block(p);
        p
    }

    #[no_mangle]
    pub unsafe extern "C" fn aligned_alloc(align: usize, n: usize) -> *mut c_void {
        let p = heap::memalign(align, n);
        clean_block(p);
        p
    }

    #[no_mangle]
    pub unsafe extern "C" fn posix_memalign(
        out: *mut *mut c_void,
        align: usize,
        n: usize,
    ) -> c_int {
        let r = posix_memalign_impl(out, align, n);
        if r == 0 {
            clean_block(*out);
        }
        r
    }

    /// The heap's, not glibc's (which would read a header that is not
    /// there).
    #[no_mangle]
    pub unsafe extern "C" fn malloc_usable_size(p: *mut c_void) -> usize {
        if p.is_null() {
            0
        } else {
            heap::usable_size(p)
        }
    }

    #[no_mangle]
    pub unsafe extern "C" fn valloc(n: usize) -> *mut c_void {
        let p = heap::valloc(n);
        clean_block(p);
        p
    }

    #[no_mangle]
    pub unsafe extern "C" fn pvalloc(n: usize) -> *mut c_void {
        let p = heap::pvalloc(n);
        clean_block(p);
        p
    }

    #[no_mangle]
    pub unsafe extern "C" fn mmap(
        addr: *mut c_void,
        len: usize,
        prot: c_int,
        flags: c_int,
        fd: c_int,
        off: libc::off_t,
    ) -> *mut c_void {
        note_prot(prot);
        let r = sys_mmap(addr as usize, len, prot, flags, fd, off);
        if r < 0 && r > -4096 {
            set_errno(-r as c_int);
            return libc::MAP_FAILED;
        }
        if is_ready() {
            keep_errno(|| shadow::clean(r as u64, len as u64));
        }
        r as *mut c_void
    }

    #[no_mangle]
    pub unsafe extern "C" fn mmap64(
        addr: *mut c_void,
        len: usize,
        prot: c_int,
        flags: c_int,
        fd: c_int,
        off: libc::off_t,
    ) -> *mut c_void {
        mmap(addr, len, prot, flags, fd, off)
    }

    /// Only notes executable memory (code generated at run time: see
    /// `entry::is_generated_code`).
    #[no_mangle]
    pub unsafe extern "C" fn mprotect(addr: *mut c_void, len: usize, prot: c_int) -> c_int {
        note_prot(prot);
        let r = sys_mprotect(addr as usize, len, prot);
        if r < 0 {
            set_errno(-r as c_int);
            return -1;
        }
        0
    }

    #[no_mangle]
    pub unsafe extern "C" fn munmap(addr: *mut c_void, len: usize) -> c_int {
        let r = sys_munmap(addr as usize, len);
        if r < 0 {
            set_errno(-r as c_int);
            return -1;
        }
        if is_ready() {
            keep_errno(|| shadow::clean(addr as u64, len as u64));
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_allocator_sizes_alignments_and_reuse() {
        let a = RuntimeAllocator;
        let mut live = Vec::new();
        for &(size, align) in &[
            (1usize, 1usize),
            (15, 8),
            (16, 16),
            (17, 8),
            (100, 64),
            (4096, 4096),
            (5000, 16),
            (MAX_SMALL, 8),
            (MAX_SMALL + 1, 8),
            (3 << 20, 16),
            (10, 8192),
            (70000, 65536),
        ] {
            let l = Layout::from_size_align(size, align).unwrap();
            // SAFETY: l has a non-zero size.
            let p = unsafe { a.alloc_zeroed(l) };
            assert!(!p.is_null(), "{size}/{align}");
            assert_eq!(p as usize % align, 0, "{size}/{align}");
            // SAFETY: p is a fresh block of l.size() bytes.
            unsafe {
                assert!(core::slice::from_raw_parts(p, size).iter().all(|&b| b == 0));
                core::ptr::write_bytes(p, 0xab, size);
            }
            live.push((p, l));
        }
        // Distinct blocks never overlap.
        let mut spans: Vec<(usize, usize)> =
            live.iter().map(|&(p, l)| (p as usize, p as usize + l.size())).collect();
        spans.sort();
        for w in spans.windows(2) {
            assert!(w[0].1 <= w[1].0, "{w:?}");
        }
        // A freed small block is reused for the same class.
        let l = Layout::from_size_align(48, 8).unwrap();
        // SAFETY: plain alloc/dealloc pairs with the same layout.
        unsafe {
            let p = a.alloc(l);
            a.dealloc(p, l);
            let q = a.alloc(l);
            assert_eq!(p, q);
            let r = a.realloc(q, l, 60); // same class: in place
            assert_eq!(r, q);
            let big = a.realloc(r, l, 200_000);
            assert!(!big.is_null());
            a.dealloc(big, Layout::from_size_align(200_000, 8).unwrap());
            for (p, l) in live {
                a.dealloc(p, l);
            }
        }
    }

    #[test]
    fn runtime_allocator_concurrent() {
        let hs: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    let mut v: Vec<Vec<u8>> = Vec::new();
                    for i in 0..2000usize {
                        v.push(vec![t as u8; (i * 37) % 3000 + 1]);
                        if i % 3 == 0 {
                            v.swap_remove(i % v.len());
                        }
                    }
                    v.iter().all(|b| b.iter().all(|&x| x == t as u8))
                })
            })
            .collect();
        for h in hs {
            assert!(h.join().unwrap());
        }
    }
}
