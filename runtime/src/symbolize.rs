//! In-process symbolization.
//!
//! 1. The module containing an address is found with `dl_iterate_phdr`
//!    (its path, and its load bias; the main executable's path comes from
//!    `/proc/self/exe`).
//! 2. Its debug info and symbol table are loaded once with
//!    [`addr2line::Loader`] and cached for the life of the process.
//! 3. DWARF gives `function file:line:column`, with one frame per inlined
//!    call, innermost first; without DWARF the ELF symbol table gives the
//!    function name; without that only `module+offset` is known.
//!
//! Only called while the report lock is held. It allocates (through the
//! runtime's own allocator, see [`crate::alloc::RuntimeAllocator`]).

use core::ffi::{c_int, c_void, CStr};
use std::sync::Mutex;

/// One symbolized frame. Several frames share a `pc` when calls were inlined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// The address printed in the report (a return address).
    pub pc: usize,
    pub function: Option<String>,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// Path of the module holding `pc`.
    pub module: Option<String>,
    /// `pc` minus the module's load bias.
    pub offset: usize,
}

/// The module (executable or shared object) containing an address.
struct Module {
    path: String,
    bias: usize,
}

struct Search {
    addr: usize,
    found: Option<Module>,
}

unsafe extern "C" fn on_object(
    info: *mut libc::dl_phdr_info,
    _size: usize,
    data: *mut c_void,
) -> c_int {
    let s = &mut *(data as *mut Search);
    let info = &*info;
    let bias = info.dlpi_addr as usize;
    for i in 0..info.dlpi_phnum as usize {
        let ph = &*info.dlpi_phdr.add(i);
        if ph.p_type != libc::PT_LOAD {
            continue;
        }
        let lo = bias.wrapping_add(ph.p_vaddr as usize);
        let hi = lo.wrapping_add(ph.p_memsz as usize);
        if s.addr >= lo && s.addr < hi {
            let name = if info.dlpi_name.is_null() {
                ""
            } else {
                CStr::from_ptr(info.dlpi_name).to_str().unwrap_or("")
            };
            let path = if name.is_empty() {
                std::fs::read_link("/proc/self/exe")
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_else(|_| "<main>".to_string())
            } else {
                name.to_string()
            };
            s.found = Some(Module { path, bias });
            return 1;
        }
    }
    0
}

fn find_module(addr: usize) -> Option<Module> {
    let mut s = Search { addr, found: None };
    // SAFETY: on_object only touches `s`.
    unsafe { libc::dl_iterate_phdr(Some(on_object), &mut s as *mut Search as *mut c_void) };
    s.found
}

/// A loaded module's debug info, or `None` if it could not be read.
struct Cached {
    path: String,
    loader: Option<addr2line::Loader>,
}

// SAFETY: the cache is only used under its mutex, never shared otherwise.
unsafe impl Send for Cached {}

static CACHE: Mutex<Vec<Cached>> = Mutex::new(Vec::new());

/// Symbolize the return address `pc`: one frame per (inlined) function,
/// innermost first; never empty.
pub fn symbolize(pc: usize) -> Vec<Frame> {
    let probe_abs = pc.saturating_sub(1);
    let Some(m) = find_module(probe_abs) else {
        return vec![Frame {
            pc,
            ..Frame::default()
        }];
    };
    let base = Frame {
        pc,
        module: Some(m.path.clone()),
        offset: pc.wrapping_sub(m.bias),
        ..Frame::default()
    };
    let probe = probe_abs.wrapping_sub(m.bias) as u64;

    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let idx = match cache.iter().position(|c| c.path == m.path) {
        Some(i) => i,
        None => {
            let loader = if m.path.starts_with('/') {
                addr2line::Loader::new(&m.path).ok()
            } else {
                None // e.g. linux-vdso.so.1
            };
            cache.push(Cached {
                path: m.path.clone(),
                loader,
            });
            cache.len() - 1
        }
    };
    let Some(loader) = cache[idx].loader.as_ref() else {
        return vec![base];
    };
    let symbol = loader
        .find_symbol(probe)
        .map(|s| addr2line::demangle_auto(s.into(), None).into_owned());

    let mut frames = Vec::new();
    if let Ok(mut it) = loader.find_frames(probe) {
        while let Ok(Some(f)) = it.next() {
            let mut fr = base.clone();
            // C++ names demangled (`W::sum() const`), as MemorySanitizer
            // prints them; C names are their own.
            fr.function = f
                .function
                .as_ref()
                .and_then(|n| n.demangle().ok())
                .map(|n| n.into_owned());
            if let Some(loc) = f.location {
                fr.file = loc.file.map(str::to_string);
                fr.line = loc.line.filter(|&l| l != 0);
                fr.column = loc.column.filter(|&c| c != 0);
            }
            frames.push(fr);
        }
    }
    if frames.is_empty() {
        frames.push(Frame {
            function: symbol,
            ..base
        });
    } else if let Some(last) = frames.last_mut() {
        // The outermost frame is the real (not inlined) function.
        if last.function.is_none() {
            last.function = symbol;
        }
    }
    frames
}
