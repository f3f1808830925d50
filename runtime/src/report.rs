//! Reports: formatting, output, serialization, deduplication, halting.
//!
//! Text format (interface.md section 4):
//!
//! ```text
//! ==PID==WARNING: umsan: use-of-uninitialized-value
//!     #0 0x55d0c4a1b2c3 in parse_header /src/parse.c:42:9
//!     #1 0x55d0c4a1b7f0 in main /src/main.c:17:3
//!     #2 0x7f12345671ca in __libc_start_call_main (/lib/x86_64-linux-gnu/libc.so.6+0x271ca)
//!
//! SUMMARY: umsan: use-of-uninitialized-value /src/parse.c:42:9 in parse_header
//! ```
//!
//! `uninit-copy-out` reports carry `  bytes [A, B) of N are uninitialized`
//! right after the WARNING line. When the origin is known (origin tracking,
//! see [`crate::origin`]) it follows the stack, before the blank line:
//!
//! ```text
//!   Uninitialized value was created by a heap allocation
//!     #0 0x55d0c4a1a111 in malloc
//!     #1 0x55d0c4a1b6aa in main src/main.c:12:14
//! ```
//!
//! or `  Uninitialized value was created by a stack allocation of 'buf' in
//! parse_header` and the stack of the function owning the slot. A heap
//! origin's frame #0 is the allocation function (the wrapper's address, its
//! libc name); the frames after it are the allocating call's stack.
//!
//! With `report_format=json` each report is a single line holding one JSON
//! object (see [`format_json`]).
//!
//! Output goes to stderr or to the `log_path` file with `write(2)` (no
//! stdio). Reports are serialized by a fork-safe lock held with signals
//! blocked (see [`lock_reports`]); with `halt_on_error=1` the
//! process `_exit`s with `exitcode` after the first one; with
//! `halt_on_error=0` a report whose kind and stack (pcs) were already
//! reported is dropped, using a fixed-size hash table.

use core::fmt::Write as _;
use core::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};

use crate::depot::OriginKind;
use crate::options::{self, ReportFormat};
use crate::origin::{self, AllocFn};
use crate::stack;
use crate::symbolize::{self, Frame};

/// Kinds of findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    UseOfUninitializedValue,
    UninitCopyOut,
}

impl Kind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::UseOfUninitializedValue => "use-of-uninitialized-value",
            Kind::UninitCopyOut => "uninit-copy-out",
        }
    }
}

/// `(first poisoned byte, one past the last poisoned byte, size)` of a
/// copy-out.
pub type ByteRange = (u64, u64, u64);

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// Where reports go: stderr, or the `log_path.PID` file once the first
/// report of this process opened it.
static OUT_FD: AtomicI32 = AtomicI32::new(2);
/// The pid `OUT_FD` was opened for (0 = not opened: stderr, or a log file
/// still to be created by the first report).
static OUT_PID: AtomicI32 = AtomicI32::new(0);

/// Write all of `buf` to `fd`, retrying on EINTR and short writes.
pub fn write_all(fd: i32, mut buf: &[u8]) {
    while !buf.is_empty() {
        // SAFETY: buf is a valid slice.
        let r = unsafe { libc::write(fd, buf.as_ptr() as *const _, buf.len()) };
        if r < 0 {
            // SAFETY: errno is thread-local and always valid.
            if unsafe { *libc::__errno_location() } == libc::EINTR {
                continue;
            }
            return;
        }
        buf = &buf[r as usize..];
    }
}

fn pid() -> i32 {
    // SAFETY: getpid has no preconditions.
    unsafe { libc::getpid() }
}

/// Print `==PID==<msg>` on stderr and `_exit(1)`.
pub fn fatal(msg: &str) -> ! {
    write_all(2, format!("=={}=={msg}\n", pid()).as_bytes());
    // SAFETY: _exit has no preconditions.
    unsafe { libc::_exit(1) }
}

/// Longest `log_path.PID` path.
const LOG_PATH_MAX: usize = 4096;

/// `log_path.PID` as a NUL-terminated path in `buf` (no allocation: built
/// where a report is being made); `None` when it does not fit.
fn log_file_path(prefix: &str, pid: i32, buf: &mut [u8; LOG_PATH_MAX]) -> Option<usize> {
    let mut digits = [0u8; 12];
    let mut n = pid.unsigned_abs();
    let mut d = digits.len();
    loop {
        d -= 1;
        digits[d] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let (prefix, digits) = (prefix.as_bytes(), &digits[d..]);
    let len = prefix.len() + 1 + digits.len();
    if len + 1 > buf.len() || prefix.contains(&0) {
        return None;
    }
    buf[..prefix.len()].copy_from_slice(prefix);
    buf[prefix.len()] = b'.';
    buf[prefix.len() + 1..len].copy_from_slice(digits);
    buf[len] = 0;
    Some(len)
}

/// `open(2)` of the `log_path.PID` file of `pid` with `flags`: the
/// descriptor, or `Err((errno, path length))`.
fn open_log_file(prefix: &str, pid: i32, flags: i32, buf: &mut [u8; LOG_PATH_MAX]) -> Result<i32, (i32, usize)> {
    let Some(len) = log_file_path(prefix, pid, buf) else {
        return Err((libc::ENAMETOOLONG, 0));
    };
    // SAFETY: buf holds a NUL-terminated path.
    let fd = unsafe { libc::open(buf.as_ptr() as *const libc::c_char, flags | libc::O_CLOEXEC, 0o644) };
    if fd < 0 {
        // SAFETY: errno is thread-local and always valid.
        return Err((unsafe { *libc::__errno_location() }, len));
    }
    Ok(fd)
}

/// Called at start-up when `log_path` is set: a `log_path.PID` file must
/// be creatable (else a clear error now, not at the first report), but,
/// as with MemorySanitizer, it is created only by the first report — a
/// clean process leaves none. So the check creates it only when it does
/// not exist, and removes it again; an existing one (written before an
/// `exec`, which keeps the pid) is appended to later, never truncated.
pub fn open_log() {
    let Some(prefix) = options::get().log_path.as_deref() else { return };
    let p = pid();
    let mut buf = [0u8; LOG_PATH_MAX];
    let result = match open_log_file(prefix, p, libc::O_WRONLY | libc::O_APPEND, &mut buf) {
        Err((libc::ENOENT, _)) => {
            open_log_file(prefix, p, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, &mut buf).map(|fd| {
                // SAFETY: buf holds the path just created.
                unsafe { libc::unlink(buf.as_ptr() as *const libc::c_char) };
                fd
            })
        }
        r => r,
    };
    match result {
        // SAFETY: fd was just opened.
        Ok(fd) => unsafe {
            libc::close(fd);
        },
        Err((errno, len)) => {
            let path = if len > 0 { String::from_utf8_lossy(&buf[..len]).into_owned() } else { format!("{prefix}.{p}") };
            // SAFETY: strerror returns a valid static C string.
            let e = unsafe { std::ffi::CStr::from_ptr(libc::strerror(errno)) };
            fatal(&format!("ERROR: umsan: cannot open log_path file '{path}': {}", e.to_string_lossy()))
        }
    }
}

/// The descriptor to report to, under the report lock: with `log_path`,
/// this process's `log_path.PID` file, opened (created, appended to) by
/// its first report — after a `fork`, the child's own. Neither allocates
/// nor locks. Stderr if the file cannot be opened any more.
fn out_fd() -> i32 {
    let Some(prefix) = options::get().log_path.as_deref() else { return 2 };
    let p = pid();
    if OUT_PID.load(Ordering::Acquire) != p {
        let mut buf = [0u8; LOG_PATH_MAX];
        let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_APPEND;
        let fd = open_log_file(prefix, p, flags, &mut buf).unwrap_or(2);
        OUT_FD.store(fd, Ordering::Release);
        OUT_PID.store(p, Ordering::Release);
    }
    OUT_FD.load(Ordering::Acquire)
}

// ---------------------------------------------------------------------------
// Deduplication (halt_on_error=0)
// ---------------------------------------------------------------------------

const DEDUP_SLOTS: usize = 4096;
const DEDUP_PROBES: usize = 32;
static DEDUP: [AtomicU64; DEDUP_SLOTS] = [const { AtomicU64::new(0) }; DEDUP_SLOTS];

/// FNV-1a over the kind and the pcs; never 0.
fn report_hash(kind: Kind, pcs: &[usize]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |v: u64| {
        for b in v.to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(kind as u64);
    for &pc in pcs {
        eat(pc as u64);
    }
    h.max(1)
}

/// Record a report; false if an identical one was recorded before. Called
/// under the report lock. A full neighbourhood lets the report through.
fn first_time(hash: u64) -> bool {
    let start = (hash as usize) % DEDUP_SLOTS;
    for i in 0..DEDUP_PROBES {
        let slot = &DEDUP[(start + i) % DEDUP_SLOTS];
        match slot.load(Ordering::Relaxed) {
            0 => {
                slot.store(hash, Ordering::Relaxed);
                return true;
            }
            h if h == hash => return false,
            _ => {}
        }
    }
    true
}

// ---------------------------------------------------------------------------
// Cheap dedup before the unwind (halt_on_error=0)
// ---------------------------------------------------------------------------
//
// A repeat of an already reported check (a loop) would otherwise pay a full
// unwind (libgcc's unwind tables: ~60% of its cost) and two signal-mask
// system calls before the dedup table drops it. Reports from
// `__umsan_warning` also get the trampoline's frame, so the runtime can
// first walk the instrumented code's frame-pointer chain (tens of
// nanoseconds). The *fast key* hashes the kind, the origin and the return
// addresses of that walk up to the first one outside the module of the
// check. A key is remembered only when the first full report with it showed
// the walk to be faithful: its addresses are exactly the start of the
// unwound stack, and no frame of that module follows them except the
// outermost (`_start`). The module's frames cannot then differ between two
// reports with the same key (a frame the walk skips, such as a callback's
// caller behind a libc function without frame pointer, fails the check), so
// a later report with a remembered key is one the full dedup would drop,
// and it is dropped at once. Anything else takes the full path.

const FAST_SLOTS: usize = 4096;
static FAST: [AtomicU64; FAST_SLOTS] = [const { AtomicU64::new(0) }; FAST_SLOTS];

/// `struct dl_find_object` (glibc 2.35).
#[repr(C)]
struct DlFindObject {
    flags: libc::c_ulonglong,
    map_start: *mut libc::c_void,
    map_end: *mut libc::c_void,
    link_map: *mut libc::c_void,
    eh_frame: *mut libc::c_void,
    reserved: [libc::c_ulonglong; 7],
}

extern "C" {
    fn _dl_find_object(pc: *mut libc::c_void, result: *mut DlFindObject) -> libc::c_int;
}

/// `[start, end)` of the module mapping `pc` (lock-free, async-signal-safe).
pub(crate) fn module_range(pc: usize) -> Option<(usize, usize)> {
    // SAFETY: plain out-parameter; glibc documents the call as lock-free.
    unsafe {
        let mut r: DlFindObject = core::mem::zeroed();
        (_dl_find_object(pc as *mut libc::c_void, &mut r) == 0).then(|| (r.map_start as usize, r.map_end as usize))
    }
}

/// The frame-pointer walk of a report: return addresses, the first being
/// the check's, cut at the first one outside the check's module.
struct FastWalk {
    pcs: [usize; crate::depot::MAX_PCS],
    len: usize,
    module: (usize, usize),
}

impl FastWalk {
    fn new(caller: usize, fp: usize) -> Option<FastWalk> {
        let mut pcs = [0; crate::depot::MAX_PCS];
        // SAFETY: fp is the reporting trampoline's live frame.
        let n = unsafe { origin::walk_frames_if_bounds_known(fp, &mut pcs)? };
        if n == 0 || pcs[0] != caller {
            return None;
        }
        let module = module_range(caller)?;
        let len = pcs[..n].iter().position(|&pc| pc < module.0 || pc >= module.1).unwrap_or(n);
        Some(FastWalk { pcs, len, module })
    }

    fn key(&self, kind: Kind, origin: u32) -> u64 {
        let mut h = report_hash(kind, &self.pcs[..self.len]);
        h ^= (origin as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h.max(1)
    }

    /// Does the unwound stack confirm the walk (see above)?
    fn faithful(&self, trace: &[usize]) -> bool {
        let n = self.len;
        let in_module = |pc: usize| pc >= self.module.0 && pc < self.module.1;
        trace.len() >= n
            && trace[..n] == self.pcs[..n]
            && trace[n..].iter().rev().skip(1).all(|&pc| !in_module(pc))
    }
}

fn fast_seen(key: u64) -> bool {
    let start = (key as usize) % FAST_SLOTS;
    for i in 0..DEDUP_PROBES {
        match FAST[(start + i) % FAST_SLOTS].load(Ordering::Relaxed) {
            0 => return false,
            k if k == key => return true,
            _ => {}
        }
    }
    false
}

/// Remembers a confirmed fast key (under the report lock).
fn fast_insert(key: u64) {
    let start = (key as usize) % FAST_SLOTS;
    for i in 0..DEDUP_PROBES {
        let slot = &FAST[(start + i) % FAST_SLOTS];
        match slot.load(Ordering::Relaxed) {
            0 => {
                slot.store(key, Ordering::Relaxed);
                return;
            }
            k if k == key => return,
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// `file:line:column` (column and line omitted when unknown).
fn location(f: &Frame) -> Option<String> {
    let file = f.file.as_deref()?;
    Some(match (f.line, f.column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    })
}

/// `(module+0xoffset)`.
fn module_offset(f: &Frame) -> String {
    match &f.module {
        Some(m) => format!("({m}+{:#x})", f.offset),
        None => "(<unknown module>)".to_string(),
    }
}

/// One `    #N 0xPC ...` line (without newline). A frame with a function
/// name but neither location nor module (a heap origin's allocation
/// function) is just `#N 0xPC in NAME`.
/// A model applied to an indirect call runs in a wrapper the pass made
/// (`f.umsan_model.<hash>`, see `pass/src/instrument/model_wrap.rs`): its
/// frame has no source line, so the report starts at its caller, the
/// user's call through the pointer.
fn drop_model_wrappers(frames: &mut Vec<Frame>) {
    let is_wrapper = |f: &Frame| f.function.as_deref().is_some_and(|n| n.contains(".umsan_model."));
    let n = frames.iter().take_while(|f| is_wrapper(f)).count();
    if n < frames.len() {
        frames.drain(..n);
    }
}

pub fn format_frame(n: usize, f: &Frame) -> String {
    let mut s = format!("    #{n} {:#x}", f.pc);
    if let Some(func) = &f.function {
        let _ = write!(s, " in {func}");
    }
    match location(f) {
        Some(loc) => {
            let _ = write!(s, " {loc}");
        }
        None if f.function.is_some() && f.module.is_none() => {}
        None => {
            let _ = write!(s, " {}", module_offset(f));
        }
    }
    s
}

/// The text after `SUMMARY: umsan: `.
pub fn summary(kind: Kind, frames: &[Frame]) -> String {
    let mut s = kind.name().to_string();
    if let Some(f) = frames.first() {
        let _ = write!(s, " {}", location(f).unwrap_or_else(|| module_offset(f)));
        if let Some(func) = &f.function {
            let _ = write!(s, " in {func}");
        }
    }
    s
}

/// A described origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginInfo {
    pub kind: OriginKind,
    /// Stack origins: the variable's name.
    pub variable: Option<String>,
    /// Stack origins: the function owning the variable.
    pub function: Option<String>,
    /// The creating stack, symbolized.
    pub frames: Vec<Frame>,
}

impl OriginInfo {
    /// The `Uninitialized value was created by ...` line (without the
    /// indentation and newline).
    pub fn headline(&self) -> String {
        let mut s = String::from("Uninitialized value was created by a ");
        match self.kind {
            OriginKind::Heap => s.push_str("heap allocation"),
            OriginKind::Stack => {
                s.push_str("stack allocation");
                if let Some(v) = &self.variable {
                    let _ = write!(s, " of '{v}'");
                }
                if let Some(f) = &self.function {
                    let _ = write!(s, " in {f}");
                }
            }
        }
        s
    }
}

/// Split a stack slot description `"name@function"` at its last `@`;
/// empty parts are unknown. Without `@` it is all the name.
pub fn split_descr(d: &str) -> (Option<String>, Option<String>) {
    let some = |x: &str| (!x.is_empty()).then(|| x.to_string());
    match d.rsplit_once('@') {
        Some((v, f)) => (some(v), some(f)),
        None => (some(d), None),
    }
}

/// Look `id` up in the depot and symbolize it; `None` when unknown.
fn describe_origin(id: u32) -> Option<OriginInfo> {
    let o = origin::DEPOT.get(id)?;
    let mut frames = Vec::new();
    let (mut variable, mut function) = (None, None);
    match o.kind {
        OriginKind::Heap => {
            if let Some(f) = AllocFn::from_tag(o.tag) {
                frames.push(Frame {
                    pc: f.wrapper_address(),
                    function: Some(f.name().to_string()),
                    ..Frame::default()
                });
            }
        }
        OriginKind::Stack => {
            if o.descr != 0 {
                // SAFETY: descr is the static string the pass passed to
                // __umsan_poison_stack.
                let d = unsafe { std::ffi::CStr::from_ptr(o.descr as *const core::ffi::c_char) };
                (variable, function) = split_descr(&d.to_string_lossy());
                // The pass names the function as LLVM does: demangle C++.
                function = function.map(|f| crate::symbolize::demangle(&f));
            }
        }
    }
    frames.extend(o.pcs().iter().flat_map(|&pc| symbolize::symbolize(pc)));
    Some(OriginInfo {
        kind: o.kind,
        variable,
        function,
        frames,
    })
}

/// `bytes [A, B) of N are uninitialized`.
pub fn bytes_line(r: ByteRange) -> String {
    format!("bytes [{}, {}) of {} are uninitialized", r.0, r.1, r.2)
}

/// The text report block.
pub fn format_text(
    pid: i32,
    kind: Kind,
    bytes: Option<ByteRange>,
    frames: &[Frame],
    origin: Option<&OriginInfo>,
) -> String {
    let mut s = format!("=={pid}==WARNING: umsan: {}\n", kind.name());
    if let Some(r) = bytes {
        let _ = writeln!(s, "  {}", bytes_line(r));
    }
    for (i, f) in frames.iter().enumerate() {
        s.push_str(&format_frame(i, f));
        s.push('\n');
    }
    if let Some(o) = origin {
        let _ = writeln!(s, "  {}", o.headline());
        for (i, f) in o.frames.iter().enumerate() {
            s.push_str(&format_frame(i, f));
            s.push('\n');
        }
    }
    let _ = writeln!(s, "\nSUMMARY: umsan: {}", summary(kind, frames));
    s
}

/// Append `v` as a JSON string literal.
pub fn json_string(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_opt_str(out: &mut String, v: Option<&str>) {
    match v {
        Some(v) => json_string(out, v),
        None => out.push_str("null"),
    }
}

fn json_opt_num(out: &mut String, v: Option<u32>) {
    match v {
        Some(v) => {
            let _ = write!(out, "{v}");
        }
        None => out.push_str("null"),
    }
}

/// Append `[{frame},...]`.
fn json_frames(s: &mut String, frames: &[Frame]) {
    s.push('[');
    for (i, f) in frames.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{{\"pc\":\"{:#x}\",\"function\":", f.pc);
        json_opt_str(s, f.function.as_deref());
        s.push_str(",\"file\":");
        json_opt_str(s, f.file.as_deref());
        s.push_str(",\"line\":");
        json_opt_num(s, f.line);
        s.push_str(",\"column\":");
        json_opt_num(s, f.column);
        s.push_str(",\"module\":");
        json_opt_str(s, f.module.as_deref());
        s.push('}');
    }
    s.push(']');
}

/// The JSON report: one line, newline-terminated.
///
/// `{"kind":..,"pid":N,"frames":[{"pc":"0x..","function":..,"file":..,
/// "line":N,"column":N,"module":..}],"bytes":{"start":A,"end":B,"size":N},
/// "origin":{"kind":"heap"|"stack","variable":..,"function":..,
/// "frames":[..]},"summary":".."}`; `bytes` only for copy-out; `origin` is
/// `null` when unknown; unknown fields are `null`; `summary` is the text
/// after `SUMMARY: umsan: `.
pub fn format_json(
    pid: i32,
    kind: Kind,
    bytes: Option<ByteRange>,
    frames: &[Frame],
    origin: Option<&OriginInfo>,
) -> String {
    let mut s = String::from("{\"kind\":");
    json_string(&mut s, kind.name());
    let _ = write!(s, ",\"pid\":{pid},\"frames\":");
    json_frames(&mut s, frames);
    if let Some((a, b, n)) = bytes {
        let _ = write!(s, ",\"bytes\":{{\"start\":{a},\"end\":{b},\"size\":{n}}}");
    }
    s.push_str(",\"origin\":");
    match origin {
        None => s.push_str("null"),
        Some(o) => {
            s.push_str("{\"kind\":");
            json_string(&mut s, o.kind.name());
            s.push_str(",\"variable\":");
            json_opt_str(&mut s, o.variable.as_deref());
            s.push_str(",\"function\":");
            json_opt_str(&mut s, o.function.as_deref());
            s.push_str(",\"frames\":");
            json_frames(&mut s, &o.frames);
            s.push('}');
        }
    }
    s.push_str(",\"summary\":");
    json_string(&mut s, &summary(kind, frames));
    s.push_str("}\n");
    s
}

// ---------------------------------------------------------------------------
// The report lock
// ---------------------------------------------------------------------------

/// Serializes reports (and everything they use: the dedup table, the
/// symbolizer's cache, the log descriptor, the runtime's allocator). 0 =
/// free, 1 = held, 2 = held with waiters (a futex).
///
/// * While a thread holds it, all its signals are blocked: a handler that
///   reports can never interrupt a report on its own thread (which would
///   wait for itself forever) nor find the runtime's state half-updated.
/// * It is fork-safe: `pthread_atfork` handlers ([`install_fork_handlers`])
///   take it before `fork`, so no other thread is in the middle of a report
///   when the child's address space is copied, and release it in both
///   processes afterwards. Without them, a child forked while another
///   thread was reporting (or merely checking a duplicate) waited forever
///   at its first report.
static REPORT_LOCK: AtomicU32 = AtomicU32::new(0);

fn futex(word: &AtomicU32, op: i32, val: u32) {
    // SAFETY: word is a live, aligned u32; FUTEX_WAIT/WAKE have no other
    // preconditions.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            op | libc::FUTEX_PRIVATE_FLAG,
            val,
            core::ptr::null::<libc::timespec>(),
        );
    }
}

fn raw_lock() {
    if REPORT_LOCK
        .compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
        .is_ok()
    {
        return;
    }
    while REPORT_LOCK.swap(2, Ordering::Acquire) != 0 {
        futex(&REPORT_LOCK, libc::FUTEX_WAIT, 2);
    }
}

fn raw_unlock() {
    if REPORT_LOCK.swap(0, Ordering::Release) == 2 {
        futex(&REPORT_LOCK, libc::FUTEX_WAKE, 1);
    }
}

/// Block every (blockable) signal of the calling thread; returns the old
/// mask.
fn block_signals() -> libc::sigset_t {
    // SAFETY: plain sigset manipulation on local storage.
    unsafe {
        let mut all: libc::sigset_t = core::mem::zeroed();
        let mut old: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
        old
    }
}

fn restore_signals(old: &libc::sigset_t) {
    // SAFETY: old is a mask returned by block_signals.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, old, core::ptr::null_mut()) };
}

/// Releases the report lock on drop (signals are the caller's business).
struct Unlock;

impl Drop for Unlock {
    fn drop(&mut self) {
        raw_unlock();
    }
}

/// Holding the report lock (signals blocked); released on drop.
pub struct ReportGuard {
    old_mask: libc::sigset_t,
}

/// Take the report lock.
pub fn lock_reports() -> ReportGuard {
    let old_mask = block_signals();
    raw_lock();
    ReportGuard { old_mask }
}

impl Drop for ReportGuard {
    fn drop(&mut self) {
        raw_unlock();
        restore_signals(&self.old_mask);
    }
}

/// The forking thread's signal mask, saved by the prepare handler while it
/// holds the lock (so one static is enough).
static mut FORK_SAVED_MASK: core::mem::MaybeUninit<libc::sigset_t> =
    core::mem::MaybeUninit::uninit();

extern "C" fn before_fork() {
    let old = block_signals();
    raw_lock();
    // SAFETY: written and read only by the lock holder.
    unsafe { (*core::ptr::addr_of_mut!(FORK_SAVED_MASK)).write(old) };
}

extern "C" fn after_fork_parent() {
    // SAFETY: before_fork wrote it; we still hold the lock.
    let old = unsafe { (*core::ptr::addr_of!(FORK_SAVED_MASK)).assume_init() };
    raw_unlock();
    restore_signals(&old);
}

extern "C" fn after_fork_child() {
    // SAFETY: as in after_fork_parent.
    let old = unsafe { (*core::ptr::addr_of!(FORK_SAVED_MASK)).assume_init() };
    // The only thread of the child holds the lock: nobody waits on it.
    REPORT_LOCK.store(0, Ordering::Release);
    restore_signals(&old);
}

/// Register the `fork` handlers of the report lock (start-up, once).
pub fn install_fork_handlers() {
    // SAFETY: the handlers are plain functions valid for the whole run.
    unsafe {
        libc::pthread_atfork(
            Some(before_fork),
            Some(after_fork_parent),
            Some(after_fork_child),
        )
    };
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

/// Report a finding. `caller` is the return address into the instrumented
/// code that called the runtime; `origin` (0 = unknown) is described after
/// the stack when the depot knows it. Returns only with `halt_on_error=0`.
#[inline(never)]
pub fn report(kind: Kind, caller: usize, origin: u32, bytes: Option<ByteRange>) {
    report_with(kind, caller, origin, bytes, None)
}

/// [`report`] for the checks' reports (`__umsan_warning`), which also hand
/// in the trampoline's frame `fp`: with `halt_on_error=0` a repeat is
/// recognized by its fast key before any unwinding (see above).
#[inline(never)]
pub fn report_from_frame(kind: Kind, caller: usize, origin: u32, fp: usize) {
    if fp != 0 && !options::halt_on_error() {
        if let Some(walk) = FastWalk::new(caller, fp) {
            let key = walk.key(kind, origin);
            if fast_seen(key) && !crate::msan_compat::expecting_report() {
                return;
            }
            return report_with(kind, caller, origin, None, Some((key, walk)));
        }
    }
    report_with(kind, caller, origin, None, None)
}

#[inline(never)]
fn report_with(kind: Kind, caller: usize, origin: u32, bytes: Option<ByteRange>, fast: Option<(u64, FastWalk)>) {
    // A report made with halt_on_error=0 returns to the program: its errno
    // must be what it was (writes and symbolization change it).
    // SAFETY: __errno_location is always valid for the calling thread.
    let errno = unsafe { *libc::__errno_location() };
    if crate::msan_compat::expected_report() {
        return; // __msan_set_expect_umr(1) is in force on this thread
    }
    // Signals stay blocked from the stack capture (the unwinder may take
    // locks of its own) to the end, so a handler's report never interrupts
    // this one on this thread.
    let old_mask = block_signals();
    report_locked(kind, caller, origin, bytes, fast);
    restore_signals(&old_mask);
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = errno };
}

#[inline(never)]
fn report_locked(kind: Kind, caller: usize, origin: u32, bytes: Option<ByteRange>, fast: Option<(u64, FastWalk)>) {
    let trace = stack::capture(caller);
    let opts = options::get();
    let halt = options::halt_on_error();
    raw_lock();
    let guard = Unlock;
    if let Some((key, walk)) = fast {
        if walk.faithful(trace.pcs()) {
            fast_insert(key);
        }
    }
    if !halt && !first_time(report_hash(kind, trace.pcs())) {
        return;
    }
    let mut frames: Vec<Frame> = trace
        .pcs()
        .iter()
        .flat_map(|&pc| symbolize::symbolize(pc))
        .collect();
    drop_model_wrappers(&mut frames);
    let origin = describe_origin(origin);
    let text = match opts.report_format {
        ReportFormat::Text => format_text(pid(), kind, bytes, &frames, origin.as_ref()),
        ReportFormat::Json => format_json(pid(), kind, bytes, &frames, origin.as_ref()),
    };
    write_all(out_fd(), text.as_bytes());
    if halt {
        if let Some(callback) = crate::msan_compat::death_callback() {
            // The program's own code: it may report too.
            drop(guard);
            callback();
        }
        // SAFETY: _exit has no preconditions.
        unsafe { libc::_exit(opts.exitcode) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(
        pc: usize,
        func: Option<&str>,
        file: Option<&str>,
        line: Option<u32>,
        col: Option<u32>,
    ) -> Frame {
        Frame {
            pc,
            function: func.map(Into::into),
            file: file.map(Into::into),
            line,
            column: col,
            module: Some("/bin/prog".into()),
            offset: pc - 0x1000,
        }
    }

    #[test]
    fn text_block() {
        let frames = [
            frame(
                0x11c3,
                Some("parse_header"),
                Some("src/parse.c"),
                Some(42),
                Some(9),
            ),
            frame(0x17f0, Some("main"), Some("src/main.c"), Some(17), None),
            frame(0x2000, Some("__libc_start_call_main"), None, None, None),
            frame(0x3000, None, None, None, None),
        ];
        let t = format_text(7, Kind::UseOfUninitializedValue, None, &frames, None);
        assert_eq!(
            t,
            "==7==WARNING: umsan: use-of-uninitialized-value\n\
             \x20   #0 0x11c3 in parse_header src/parse.c:42:9\n\
             \x20   #1 0x17f0 in main src/main.c:17\n\
             \x20   #2 0x2000 in __libc_start_call_main (/bin/prog+0x1000)\n\
             \x20   #3 0x3000 (/bin/prog+0x2000)\n\
             \n\
             SUMMARY: umsan: use-of-uninitialized-value src/parse.c:42:9 in parse_header\n"
        );
    }

    #[test]
    fn copy_out_block() {
        let frames = [frame(0x11c3, Some("f"), Some("a.c"), Some(1), Some(2))];
        let t = format_text(9, Kind::UninitCopyOut, Some((8, 16, 64)), &frames, None);
        assert_eq!(
            t,
            "==9==WARNING: umsan: uninit-copy-out\n\
             \x20 bytes [8, 16) of 64 are uninitialized\n\
             \x20   #0 0x11c3 in f a.c:1:2\n\
             \n\
             SUMMARY: umsan: uninit-copy-out a.c:1:2 in f\n"
        );
        let unknown = Frame {
            pc: 0x10,
            ..Frame::default()
        };
        assert_eq!(format_frame(3, &unknown), "    #3 0x10 (<unknown module>)");
        assert_eq!(summary(Kind::UninitCopyOut, &[]), "uninit-copy-out");
    }

    #[test]
    fn json_line() {
        let frames = [
            frame(0x11c3, Some("f"), Some("dir \"x\"\\a.c"), Some(1), Some(2)),
            frame(0x2000, None, None, None, None),
        ];
        let j = format_json(5, Kind::UninitCopyOut, Some((8, 16, 64)), &frames, None);
        assert_eq!(
            j,
            "{\"kind\":\"uninit-copy-out\",\"pid\":5,\"frames\":[\
             {\"pc\":\"0x11c3\",\"function\":\"f\",\"file\":\"dir \\\"x\\\"\\\\a.c\",\"line\":1,\"column\":2,\"module\":\"/bin/prog\"},\
             {\"pc\":\"0x2000\",\"function\":null,\"file\":null,\"line\":null,\"column\":null,\"module\":\"/bin/prog\"}],\
             \"bytes\":{\"start\":8,\"end\":16,\"size\":64},\"origin\":null,\
             \"summary\":\"uninit-copy-out dir \\\"x\\\"\\\\a.c:1:2 in f\"}\n"
        );
        let j = format_json(5, Kind::UseOfUninitializedValue, None, &frames[1..], None);
        assert!(!j.contains("bytes"));
        assert_eq!(j.matches('\n').count(), 1);
    }

    fn heap_origin() -> OriginInfo {
        OriginInfo {
            kind: OriginKind::Heap,
            variable: None,
            function: None,
            frames: vec![
                Frame {
                    pc: 0x1111,
                    function: Some("malloc".into()),
                    ..Frame::default()
                },
                frame(0x16aa, Some("main"), Some("src/main.c"), Some(12), Some(14)),
            ],
        }
    }

    #[test]
    fn text_block_with_origin() {
        let frames = [frame(
            0x11c3,
            Some("parse_header"),
            Some("src/parse.c"),
            Some(42),
            Some(9),
        )];
        let t = format_text(
            7,
            Kind::UseOfUninitializedValue,
            None,
            &frames,
            Some(&heap_origin()),
        );
        assert_eq!(
            t,
            "==7==WARNING: umsan: use-of-uninitialized-value\n\
             \x20   #0 0x11c3 in parse_header src/parse.c:42:9\n\
             \x20 Uninitialized value was created by a heap allocation\n\
             \x20   #0 0x1111 in malloc\n\
             \x20   #1 0x16aa in main src/main.c:12:14\n\
             \n\
             SUMMARY: umsan: use-of-uninitialized-value src/parse.c:42:9 in parse_header\n"
        );
        let stack = OriginInfo {
            kind: OriginKind::Stack,
            variable: Some("buf".into()),
            function: Some("parse_header".into()),
            frames: vec![frame(
                0x10aa,
                Some("parse_header"),
                Some("src/parse.c"),
                Some(30),
                None,
            )],
        };
        let t = format_text(
            7,
            Kind::UninitCopyOut,
            Some((0, 1, 4)),
            &frames,
            Some(&stack),
        );
        assert!(t.contains(
            "\n  Uninitialized value was created by a stack allocation of 'buf' in parse_header\n\
             \x20   #0 0x10aa in parse_header src/parse.c:30\n\nSUMMARY: "
        ), "{t}");
        let anon = OriginInfo {
            variable: None,
            function: None,
            ..stack.clone()
        };
        assert_eq!(
            anon.headline(),
            "Uninitialized value was created by a stack allocation"
        );
        let only_var = OriginInfo {
            function: None,
            ..stack
        };
        assert_eq!(
            only_var.headline(),
            "Uninitialized value was created by a stack allocation of 'buf'"
        );
    }

    #[test]
    fn json_origin() {
        let frames = [frame(0x2000, None, None, None, None)];
        let j = format_json(
            5,
            Kind::UseOfUninitializedValue,
            None,
            &frames,
            Some(&heap_origin()),
        );
        assert!(j.contains(
            ",\"origin\":{\"kind\":\"heap\",\"variable\":null,\"function\":null,\"frames\":[\
             {\"pc\":\"0x1111\",\"function\":\"malloc\",\"file\":null,\"line\":null,\"column\":null,\"module\":null},\
             {\"pc\":\"0x16aa\",\"function\":\"main\",\"file\":\"src/main.c\",\"line\":12,\"column\":14,\"module\":\"/bin/prog\"}]},\
             \"summary\":"
        ), "{j}");
        let stack = OriginInfo {
            kind: OriginKind::Stack,
            variable: Some("buf".into()),
            function: None,
            frames: vec![],
        };
        let j = format_json(
            5,
            Kind::UseOfUninitializedValue,
            None,
            &frames,
            Some(&stack),
        );
        assert!(j.contains(",\"origin\":{\"kind\":\"stack\",\"variable\":\"buf\",\"function\":null,\"frames\":[]},"), "{j}");
        assert_eq!(j.matches('\n').count(), 1);
    }

    #[test]
    fn stack_descriptions() {
        let s = |x: Option<&str>| x.map(String::from);
        assert_eq!(
            split_descr("buf@parse_header"),
            (s(Some("buf")), s(Some("parse_header")))
        );
        assert_eq!(split_descr("a@b@f"), (s(Some("a@b")), s(Some("f"))));
        assert_eq!(split_descr("buf"), (s(Some("buf")), None));
        assert_eq!(split_descr("@f"), (None, s(Some("f"))));
        assert_eq!(split_descr(""), (None, None));
    }

    #[test]
    fn json_escapes_control_characters() {
        let mut s = String::new();
        json_string(&mut s, "a\nb\t\u{1}é");
        assert_eq!(s, "\"a\\nb\\t\\u0001é\"");
    }

    #[test]
    fn dedup_table() {
        let a = report_hash(Kind::UseOfUninitializedValue, &[1, 2, 3]);
        let b = report_hash(Kind::UninitCopyOut, &[1, 2, 3]);
        let c = report_hash(Kind::UseOfUninitializedValue, &[1, 2, 4]);
        assert!(a != b && a != c && b != c);
        assert!(first_time(a));
        assert!(!first_time(a));
        assert!(first_time(b));
        assert!(first_time(c));
        assert!(!first_time(c));
    }
}
