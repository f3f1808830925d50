//! The umsan runtime: shadow memory, allocator hooks and reports.
//!
//! `libumsan_rt.a` is linked into every instrumented executable by
//! `umsan-cc` (with `-Wl,-u,__umsan_preinit_anchor`). It provides everything
//! the code emitted by the umsan pass calls, plus the public API of
//! `umsan.h`. The contract with the pass (shadow layout, TLS names, entry
//! names) is the `umsan-abi` crate; the user-facing contract (report format,
//! `UMSAN_OPTIONS`) is `shared/spec/interface.md`, sections 2, 4 and 5.
//!
//! # Design
//!
//! * **Shadow memory** ([`mapping`]): one shadow bit per application bit, at
//!   `addr ^ SHADOW_XOR`; a set bit means uninitialized. At start-up (from a
//!   `.preinit_array` entry in `csrc/umsan_rt.c`, before any constructor)
//!   every shadow and origin range of [`umsan_abi::MEMORY_LAYOUT`] is mapped
//!   read-write and `MAP_NORESERVE` (so untouched shadow is zero = clean and
//!   costs nothing), and every invalid range is reserved `PROT_NONE` so the
//!   kernel never places anything there.
//! * **Options** ([`options`]): `UMSAN_OPTIONS` is parsed once at start-up;
//!   any mistake is a fatal, explicit error.
//! * **Allocation** ([`alloc`]): the runtime interposes the whole malloc
//!   family (and `mmap`/`munmap`) for the process. Those versions forward to
//!   glibc and *clean* the shadow of what they return and free: memory that
//!   uninstrumented code allocates or frees never carries stale poison.
//!   Instrumented code calls `__umsan_malloc` & co. instead (the pass
//!   redirects direct calls), which additionally *poison* the bytes handed to
//!   the caller. The runtime's own Rust allocations use its own heap on raw
//!   `mmap` ([`alloc::RuntimeAllocator`]), never glibc's `malloc`: a report
//!   from a signal handler may interrupt `malloc` holding an arena lock.
//! * **Shadow operations** ([`shadow`], [`entry`]): poison / unpoison /
//!   move / test, all clipped to application ranges so that bogus pointers
//!   are ignored instead of faulting in the runtime.
//! * **Origins** ([`origin`], [`depot`]): when instrumented code defines
//!   `__umsan_track_origins`, heap blocks and stack slots get an origin id
//!   (4 bytes per 4-byte granule of origin memory) naming how they were
//!   created: a lock-free, `mmap`ed depot of (kind, description, stack)
//!   entries, heap stacks deduplicated, stacks captured by walking frame
//!   pointers. Without the switch nothing of this costs time.
//! * **Reports** ([`report`], [`stack`], [`symbolize`]): the reporting entry
//!   points are thin C functions that capture the return address into
//!   instrumented code; the Rust side unwinds with `_Unwind_Backtrace`,
//!   drops the runtime's own frames, symbolizes in-process (DWARF with
//!   inlined frames through `addr2line`, then ELF symbols, then
//!   `module+offset`) and writes the report with `write(2)`.
//!
//! # Invariants
//!
//! * Interposed allocator functions never touch thread-local storage and,
//!   before initialisation finished, only forward to glibc.
//! * The runtime's own heap allocations never go through the interposed
//!   `malloc` (so they never recurse into shadow bookkeeping).
//! * Runtime entry points never fault on addresses outside application
//!   ranges: such ranges are ignored.
//! * Reports from several threads are serialized; with `halt_on_error=0`
//!   duplicate reports are filtered with a fixed-size table (no allocation).
//! * Origin creation takes no lock and never allocates (safe in signal
//!   handlers and concurrent with anything); a full depot yields origin 0.

pub mod alloc;
pub mod depot;
pub mod entry;
pub mod mapping;
pub mod model_helpers;
pub mod msan_compat;
pub mod options;
pub mod origin;
pub mod report;
pub mod shadow;
pub mod stack;
pub mod symbolize;

#[global_allocator]
static GLOBAL: alloc::RuntimeAllocator = alloc::RuntimeAllocator;
