//! The origin depot: what an origin id means.
//!
//! An origin id (`u32`, 0 = unknown) indexes the depot: id `i` is entry
//! `i - 1`. An entry records how uninitialized memory was created — its
//! [`OriginKind`], a tag (for heap origins: which [`crate::origin::AllocFn`]
//! allocated), a description (for stack origins: the pass's static
//! `"name@function"` string) and the creating stack (up to [`MAX_PCS`]
//! return addresses, innermost first).
//!
//! # Lock-free design
//!
//! The depot is used from every thread, from inside `__umsan_malloc` & co.,
//! possibly from signal handlers; it must never take a lock and never call
//! the interposed `malloc`. So:
//!
//! * the entries live in one `mmap`ed region (`MAP_NORESERVE`: only the
//!   pages of entries actually written cost memory), mapped once at start-up
//!   ([`Depot::map`]) with the raw system call;
//! * ids come from an atomic bump counter (a CAS loop that stops at the
//!   capacity: a full depot hands out 0 = unknown, it never fails);
//! * an entry is written by the thread that reserved it, then published by
//!   a `Release` store of its header (which holds the "ready" bit); readers
//!   (`Acquire`) ignore entries that are not ready, so an id that reached
//!   another thread through plain origin memory never exposes a half-written
//!   entry;
//! * heap origins are deduplicated by stack ([`Depot::intern`]), so that a
//!   `malloc` in a loop does not create an entry per call: an open-addressing
//!   table of `AtomicU64` slots, each `hash tag << 32 | id`, probed linearly
//!   from the stack's hash. A hit is confirmed by comparing the entry itself.
//!   An empty slot is claimed with a CAS after the entry was written; a
//!   thread that loses the race to an identical stack uses the winner's id
//!   (its own entry is simply never referenced). When every probed slot is
//!   taken by other stacks the result is 0 (unknown), so the depot cannot be
//!   exhausted by one hot call site.

use core::ffi::c_void;
use core::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, Ordering};

use crate::mapping::{sys_mmap, sys_munmap};

/// Maximum number of return addresses stored per origin.
pub const MAX_PCS: usize = 32;
/// Capacity of the process's depot.
pub const ENTRIES: u32 = 1 << 22;
/// Slots of the process's heap-deduplication table (a power of two).
pub const DEDUP_SLOTS: usize = 1 << 22;
/// Slots probed before [`Depot::intern`] gives up.
const DEDUP_PROBES: usize = 64;

/// How the uninitialized memory was created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginKind {
    /// By a heap allocation wrapper (`__umsan_malloc` & co.).
    Heap,
    /// By a stack slot (`__umsan_poison_stack`).
    Stack,
}

impl OriginKind {
    fn code(self) -> u32 {
        match self {
            OriginKind::Heap => 1,
            OriginKind::Stack => 2,
        }
    }
    fn from_code(c: u32) -> Option<Self> {
        match c {
            1 => Some(OriginKind::Heap),
            2 => Some(OriginKind::Stack),
            _ => None,
        }
    }
    /// The name used in JSON reports.
    pub fn name(self) -> &'static str {
        match self {
            OriginKind::Heap => "heap",
            OriginKind::Stack => "stack",
        }
    }
}

/// Header bit 0: the entry is completely written.
const READY: u32 = 1;

/// One depot entry, as laid out in the mapped region.
#[repr(C)]
struct Entry {
    /// `READY | kind << 8 | tag << 16 | len << 24`; 0 while being written.
    header: AtomicU32,
    _pad: u32,
    /// `const char *` description (stack origins), or 0.
    descr: usize,
    pcs: [usize; MAX_PCS],
}

/// A copy of a depot entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub kind: OriginKind,
    /// Kind-specific tag (heap: the [`crate::origin::AllocFn`] code).
    pub tag: u8,
    /// Address of the static NUL-terminated description, or 0.
    pub descr: usize,
    pcs: [usize; MAX_PCS],
    len: usize,
}

impl Origin {
    /// The creating stack: return addresses, innermost first.
    pub fn pcs(&self) -> &[usize] {
        &self.pcs[..self.len]
    }
}

/// A depot of origins; the process has one ([`crate::origin::DEPOT`]).
pub struct Depot {
    entries: AtomicPtr<Entry>,
    table: AtomicPtr<AtomicU64>,
    cap: u32,
    slots: usize,
    /// Number of ids handed out (the next id is `next + 1`).
    next: AtomicU32,
}

/// Hash of a heap stack (with its tag): FxHash steps in four independent
/// lanes (one chain of multiplications over ~20 return addresses was
/// latency-bound: half of the depot's time in an allocation-heavy program),
/// combined, and a murmur finalizer.
fn stack_hash(tag: u8, pcs: &[usize]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, pc: usize| (h.rotate_left(5) ^ pc as u64).wrapping_mul(K);
    let mut lanes = [(tag as u64) << 8 | pcs.len() as u64, 1, 2, 3];
    let mut quads = pcs.chunks_exact(4);
    for q in &mut quads {
        for (l, &pc) in lanes.iter_mut().zip(q) {
            *l = step(*l, pc);
        }
    }
    for (l, &pc) in lanes.iter_mut().zip(quads.remainder()) {
        *l = step(*l, pc);
    }
    let mut h = lanes[0] ^ lanes[1].rotate_left(16) ^ lanes[2].rotate_left(32) ^ lanes[3].rotate_left(48);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Anonymous private `MAP_NORESERVE` memory, or null.
fn map_anon(bytes: usize) -> *mut c_void {
    let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE;
    // SAFETY: a fresh anonymous mapping at an address the kernel picks.
    let r = unsafe { sys_mmap(0, bytes, libc::PROT_READ | libc::PROT_WRITE, flags, -1, 0) };
    if r < 0 && r > -4096 {
        core::ptr::null_mut()
    } else {
        r as *mut c_void
    }
}

impl Depot {
    /// An unmapped depot of `cap` entries with a deduplication table of
    /// `slots` slots (a power of two). Hands out only 0 until [`Depot::map`].
    pub const fn new(cap: u32, slots: usize) -> Self {
        assert!(slots.is_power_of_two());
        Depot {
            entries: AtomicPtr::new(core::ptr::null_mut()),
            table: AtomicPtr::new(core::ptr::null_mut()),
            cap,
            slots,
            next: AtomicU32::new(0),
        }
    }

    /// Map the entries and the table (once; later calls are no-ops).
    /// Returns whether the depot is usable.
    pub fn map(&self) -> bool {
        if !self.table.load(Ordering::Acquire).is_null() {
            return true;
        }
        let e = map_anon(self.cap as usize * core::mem::size_of::<Entry>());
        let t = map_anon(self.slots * 8);
        if e.is_null() || t.is_null() {
            self.unmap_raw(e, t);
            return false;
        }
        if self
            .entries
            .compare_exchange(
                core::ptr::null_mut(),
                e as *mut Entry,
                Ordering::AcqRel,
                Ordering::Acquire,
            )
            .is_err()
        {
            // Another thread is mapping: use its region.
            self.unmap_raw(e, t);
            while self.table.load(Ordering::Acquire).is_null() {
                core::hint::spin_loop();
            }
            return true;
        }
        self.table.store(t as *mut AtomicU64, Ordering::Release);
        true
    }

    fn unmap_raw(&self, e: *mut c_void, t: *mut c_void) {
        // SAFETY: e and t are null or our own unpublished mappings.
        unsafe {
            if !e.is_null() {
                sys_munmap(
                    e as usize,
                    self.cap as usize * core::mem::size_of::<Entry>(),
                );
            }
            if !t.is_null() {
                sys_munmap(t as usize, self.slots * 8);
            }
        }
    }

    /// Number of ids handed out so far.
    pub fn len(&self) -> u32 {
        self.next.load(Ordering::Relaxed).min(self.cap)
    }

    /// Is the depot empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Record a new origin (no deduplication). Returns its id, or 0 if the
    /// depot is full or not mapped. `pcs` beyond [`MAX_PCS`] are dropped.
    pub fn add(&self, kind: OriginKind, tag: u8, descr: usize, pcs: &[usize]) -> u32 {
        let base = self.entries.load(Ordering::Acquire);
        if base.is_null() || self.table.load(Ordering::Acquire).is_null() {
            return 0;
        }
        let mut cur = self.next.load(Ordering::Relaxed);
        loop {
            if cur >= self.cap {
                return 0;
            }
            match self.next.compare_exchange_weak(
                cur,
                cur + 1,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => break,
                Err(c) => cur = c,
            }
        }
        let len = pcs.len().min(MAX_PCS);
        // SAFETY: index `cur` < cap was reserved by this thread alone; the
        // mapping is zero-filled and never unmapped while in use.
        unsafe {
            let e = base.add(cur as usize);
            core::ptr::addr_of_mut!((*e).descr).write(descr);
            let dst = core::ptr::addr_of_mut!((*e).pcs) as *mut usize;
            core::ptr::copy_nonoverlapping(pcs.as_ptr(), dst, len);
            let header = READY | kind.code() << 8 | (tag as u32) << 16 | (len as u32) << 24;
            (*e).header.store(header, Ordering::Release);
        }
        cur + 1
    }

    /// The entry of `id`; `None` for 0, ids never handed out, and entries
    /// still being written.
    pub fn get(&self, id: u32) -> Option<Origin> {
        let base = self.entries.load(Ordering::Acquire);
        if id == 0 || id > self.cap || base.is_null() {
            return None;
        }
        // SAFETY: id - 1 < cap, inside the mapping; the fields are read only
        // after the header says the entry is complete.
        unsafe {
            let e = base.add(id as usize - 1);
            let header = (*e).header.load(Ordering::Acquire);
            if header & READY == 0 {
                return None;
            }
            let kind = OriginKind::from_code((header >> 8) & 0xff)?;
            let len = ((header >> 24) as usize).min(MAX_PCS);
            Some(Origin {
                kind,
                tag: (header >> 16) as u8,
                descr: core::ptr::addr_of!((*e).descr).read(),
                pcs: core::ptr::addr_of!((*e).pcs).read(),
                len,
            })
        }
    }

    /// Does entry `id` hold the heap stack `(tag, pcs)`? (Compared in
    /// place: this runs on every tracked allocation.)
    fn holds(&self, id: u32, tag: u8, pcs: &[usize]) -> bool {
        let base = self.entries.load(Ordering::Acquire);
        if id == 0 || id > self.cap || base.is_null() {
            return false;
        }
        let want =
            READY | OriginKind::Heap.code() << 8 | (tag as u32) << 16 | (pcs.len() as u32) << 24;
        // SAFETY: as in `get`; pcs.len() <= MAX_PCS.
        unsafe {
            let e = base.add(id as usize - 1);
            if (*e).header.load(Ordering::Acquire) != want {
                return false;
            }
            let have = core::ptr::addr_of!((*e).pcs) as *const usize;
            // Word by word, inline: a call of libc's memcmp for these few
            // words cost 3% of an allocation-heavy program with origins.
            let have = core::slice::from_raw_parts(have, pcs.len());
            have.iter().zip(pcs).fold(0usize, |d, (a, b)| d | (a ^ b)) == 0
        }
    }

    /// The id of the heap origin `(tag, pcs)`: the existing one if this
    /// stack was recorded before, else a new entry. 0 when the depot (or the
    /// table's neighbourhood of the stack's hash) is full.
    pub fn intern(&self, tag: u8, pcs: &[usize]) -> u32 {
        let table = self.table.load(Ordering::Acquire);
        if table.is_null() {
            return 0;
        }
        let pcs = &pcs[..pcs.len().min(MAX_PCS)];
        let h = stack_hash(tag, pcs);
        let key = h & 0xffff_ffff_0000_0000;
        let mask = self.slots - 1;
        let mut i = h as usize & mask;
        let mut mine = 0u32;
        for _ in 0..DEDUP_PROBES {
            // SAFETY: i < slots, inside the table mapping.
            let slot = unsafe { &*table.add(i) };
            let mut v = slot.load(Ordering::Acquire);
            if v == 0 {
                if mine == 0 {
                    mine = self.add(OriginKind::Heap, tag, 0, pcs);
                    if mine == 0 {
                        return 0;
                    }
                }
                match slot.compare_exchange(
                    0,
                    key | mine as u64,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                ) {
                    Ok(_) => return mine,
                    Err(cur) => v = cur,
                }
            }
            if v & 0xffff_ffff_0000_0000 == key && self.holds(v as u32, tag, pcs) {
                return v as u32;
            }
            i = (i + 1) & mask;
        }
        mine
    }
}

impl Drop for Depot {
    fn drop(&mut self) {
        let e = *self.entries.get_mut();
        let t = *self.table.get_mut();
        self.unmap_raw(e as *mut c_void, t as *mut c_void);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    fn depot(cap: u32, slots: usize) -> Depot {
        let d = Depot::new(cap, slots);
        assert!(d.map());
        assert!(d.map());
        d
    }

    #[test]
    fn unmapped_depot_hands_out_unknown() {
        let d = Depot::new(16, 16);
        assert_eq!(d.add(OriginKind::Stack, 0, 0, &[1]), 0);
        assert_eq!(d.intern(1, &[1, 2]), 0);
        assert_eq!(d.get(1), None);
    }

    #[test]
    fn add_and_get() {
        let d = depot(16, 16);
        assert_eq!(d.get(0), None);
        assert_eq!(d.get(1), None);
        let a = d.add(OriginKind::Stack, 0, 0x1234, &[10, 20, 30]);
        assert_eq!(a, 1);
        let o = d.get(a).unwrap();
        assert_eq!(
            (o.kind, o.tag, o.descr, o.pcs()),
            (OriginKind::Stack, 0, 0x1234, &[10, 20, 30][..])
        );
        let long: Vec<usize> = (1..100).collect();
        let b = d.add(OriginKind::Heap, 7, 0, &long);
        let o = d.get(b).unwrap();
        assert_eq!((o.kind, o.tag), (OriginKind::Heap, 7));
        assert_eq!(o.pcs(), &long[..MAX_PCS]);
        assert_eq!(d.get(3), None); // never handed out
        assert_eq!(d.get(17), None); // beyond capacity
        assert_eq!(d.len(), 2);
        let e = d.add(OriginKind::Heap, 1, 0, &[]);
        assert_eq!(d.get(e).unwrap().pcs(), &[] as &[usize]);
    }

    #[test]
    fn intern_deduplicates_heap_stacks() {
        let d = depot(64, 64);
        let a = d.intern(1, &[1, 2, 3]);
        assert_ne!(a, 0);
        for _ in 0..1000 {
            assert_eq!(d.intern(1, &[1, 2, 3]), a);
        }
        let b = d.intern(2, &[1, 2, 3]); // another allocation function
        let c = d.intern(1, &[1, 2, 4]);
        let e = d.intern(1, &[1, 2]);
        assert!(b != a && c != a && e != a && b != c && c != e);
        assert_eq!(d.len(), 4);
        // Stack origins are never merged.
        let s1 = d.add(OriginKind::Stack, 0, 0, &[1, 2, 3]);
        let s2 = d.add(OriginKind::Stack, 0, 0, &[1, 2, 3]);
        assert!(s1 != s2 && s1 != a);
        assert_eq!(d.intern(1, &[1, 2, 3]), a);
    }

    #[test]
    fn full_depot_returns_unknown() {
        let d = depot(8, 64);
        let ids: Vec<u32> = (0..8).map(|i| d.intern(0, &[i, 100])).collect();
        assert!(ids.iter().all(|&i| i != 0));
        assert_eq!(d.intern(0, &[999]), 0);
        assert_eq!(d.add(OriginKind::Stack, 0, 0, &[1]), 0);
        assert_eq!(d.len(), 8);
        // Known stacks are still found.
        for (i, &id) in ids.iter().enumerate() {
            assert_eq!(d.intern(0, &[i, 100]), id);
            assert_eq!(d.get(id).unwrap().pcs(), &[i, 100]);
        }
    }

    #[test]
    fn full_table_neighbourhood_returns_unknown() {
        // 4 slots, 64 probes: the 5th distinct stack finds no free slot.
        let d = depot(100, 4);
        let ids: Vec<u32> = (0..4).map(|i| d.intern(0, &[i])).collect();
        assert!(ids.iter().all(|&i| i != 0));
        let before = d.len();
        let x = d.intern(0, &[77]);
        assert!(x == 0 || d.len() == before + 1);
        // A lost slot race must not grow the depot without bound.
        for _ in 0..100 {
            d.intern(0, &[77]);
        }
        assert!(d.len() <= before + 101);
        for (i, &id) in ids.iter().enumerate() {
            assert_eq!(d.intern(0, &[i]), id);
        }
    }

    #[test]
    fn concurrent_inserts() {
        const THREADS: usize = 8;
        const STACKS: usize = 500;
        let d = Arc::new(depot(1 << 16, 1 << 14));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let d = Arc::clone(&d);
                std::thread::spawn(move || {
                    let mut mine = vec![];
                    for round in 0..3 {
                        for s in 0..STACKS {
                            // Shared stacks (all threads) and private ones.
                            let shared = d.intern(3, &[s, 0xabc, 1]);
                            assert_ne!(shared, 0);
                            if round == 0 {
                                mine.push((s, shared));
                            } else {
                                assert_eq!(mine[s].1, shared);
                            }
                            let private = d.intern(3, &[s, 0xdef, t]);
                            assert_ne!(private, 0);
                            let st = d.add(OriginKind::Stack, 0, t, &[s, t]);
                            let o = d.get(st).unwrap();
                            assert_eq!(
                                (o.kind, o.descr, o.pcs()),
                                (OriginKind::Stack, t, &[s, t][..])
                            );
                        }
                    }
                    mine
                })
            })
            .collect();
        let results: Vec<Vec<(usize, u32)>> =
            handles.into_iter().map(|h| h.join().unwrap()).collect();
        // Every thread got the same id for each shared stack.
        for r in &results[1..] {
            assert_eq!(r, &results[0]);
        }
        let mut seen = HashMap::new();
        for &(s, id) in &results[0] {
            assert!(seen.insert(id, s).is_none(), "two stacks share id {id}");
            let o = d.get(id).unwrap();
            assert_eq!(
                (o.kind, o.tag, o.pcs()),
                (OriginKind::Heap, 3, &[s, 0xabc, 1][..])
            );
        }
        // Shared + private heap entries (plus entries of lost races), and the
        // stack entries: nowhere near one per call.
        let heap_min = STACKS + THREADS * STACKS;
        let stack = 3 * THREADS * STACKS;
        assert!(d.len() as usize >= heap_min + stack);
        assert!((d.len() as usize) < heap_min + stack + THREADS * STACKS);
    }

    #[test]
    fn hash_spreads() {
        let mut v: Vec<u64> = (0..1000)
            .map(|i| stack_hash(1, &[0x5555_0000_1000 + i * 8]))
            .collect();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), 1000);
        assert_ne!(stack_hash(1, &[1, 2]), stack_hash(2, &[1, 2]));
        assert_ne!(stack_hash(1, &[1, 2]), stack_hash(1, &[2, 1]));
        // Each position of a 20-frame stack counts, in every lane.
        let base: Vec<usize> = (0..20).map(|i| 0x5555_0000_1000 + i * 0x40).collect();
        let mut seen: Vec<u64> = vec![stack_hash(1, &base)];
        for i in 0..20 {
            let mut s = base.clone();
            s[i] += 8;
            seen.push(stack_hash(1, &s));
            if i + 4 < 20 {
                s = base.clone();
                s.swap(i, i + 4); // the same lane, another order
                seen.push(stack_hash(1, &s));
            }
        }
        seen.push(stack_hash(1, &base[..19]));
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n);
    }
}
