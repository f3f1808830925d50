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
//! 4. A function a stripped module (libc, most system libraries) does not
//!    export is named from the symbol table of its separate debug file,
//!    found by the GNU build-id note of its loaded image
//!    (`/usr/lib/debug/.build-id/xx/yyyy.debug`, as gdb and llvm-symbolizer
//!    find it; Debian's `*-dbg`/`*-dbgsym` packages install them): libc
//!    frames are then named (`__libc_start_call_main`) where its dynamic
//!    symbol table has no entry. Only the ELF symbol table is read (mapped,
//!    indexed once per module: ~1 ms for libc): the debug file's compressed
//!    DWARF would cost ~200 ms per process for libc's line numbers.
//! 5. Rust names (legacy `_ZN…17h<hash>E` and v0 `_R…`) are demangled
//!    with `rustc-demangle`, without the hash; other names are left as
//!    they are.
//!
//! Only called while the report lock is held. It allocates (through the
//! runtime's own allocator, see [`crate::alloc::RuntimeAllocator`]).

use core::ffi::{c_char, c_int, c_void, CStr};
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
    /// The GNU build-id of its loaded image, in hex (empty if none).
    build_id: String,
}

/// The GNU build-id note (`NT_GNU_BUILD_ID`) among the loaded image's
/// `PT_NOTE` segments, in hex.
unsafe fn build_id(info: &libc::dl_phdr_info) -> String {
    const NT_GNU_BUILD_ID: u32 = 3;
    let bias = info.dlpi_addr as usize;
    for i in 0..info.dlpi_phnum as usize {
        let ph = &*info.dlpi_phdr.add(i);
        if ph.p_type != libc::PT_NOTE {
            continue;
        }
        let mut p = bias.wrapping_add(ph.p_vaddr as usize);
        let end = p.wrapping_add(ph.p_memsz as usize);
        let align = |n: usize| (n + 3) & !3;
        while p + 12 <= end {
            let namesz = *(p as *const u32) as usize;
            let descsz = *((p + 4) as *const u32) as usize;
            let kind = *((p + 8) as *const u32);
            let name = p + 12;
            let desc = name + align(namesz);
            let next = desc + align(descsz);
            if next > end {
                break;
            }
            if kind == NT_GNU_BUILD_ID
                && namesz == 4
                && core::slice::from_raw_parts(name as *const u8, 4) == b"GNU\0"
            {
                let bytes = core::slice::from_raw_parts(desc as *const u8, descsz);
                return bytes.iter().map(|b| format!("{b:02x}")).collect();
            }
            p = next;
        }
    }
    String::new()
}

/// Where Debian (and most distributions) install a module's separate debug
/// info: `/usr/lib/debug/.build-id/<first byte>/<rest>.debug`.
fn debug_file_for(build_id: &str) -> Option<String> {
    if build_id.len() < 4 {
        return None;
    }
    let path = format!("/usr/lib/debug/.build-id/{}/{}.debug", &build_id[..2], &build_id[2..]);
    std::path::Path::new(&path).is_file().then_some(path)
}

/// The function symbols (`STT_FUNC`, nonzero size) of an ELF file's
/// `.symtab`, sorted by address: `(start, end, name offset)`, with the
/// names in the file's string table, mapped read-only for the life of the
/// process (nothing is copied: a short process pays a few page faults).
struct SymbolTable {
    syms: Vec<(u64, u64, u32)>,
    strtab: &'static [u8],
}

// SAFETY: the mapping is read-only and never unmapped.
unsafe impl Send for SymbolTable {}

impl SymbolTable {
    /// Maps the ELF64 little-endian file `path` and indexes its `.symtab`;
    /// `None` if it cannot be read or has none.
    fn read(path: &str) -> Option<SymbolTable> {
        let c = std::ffi::CString::new(path).ok()?;
        // SAFETY: plain system calls; the mapping is only read, and kept.
        let data: &'static [u8] = unsafe {
            let fd = libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
            if fd < 0 {
                return None;
            }
            let mut st: libc::stat = core::mem::zeroed();
            let size = if libc::fstat(fd, &mut st) == 0 { st.st_size as usize } else { 0 };
            let p = if size == 0 {
                libc::MAP_FAILED
            } else {
                libc::mmap(core::ptr::null_mut(), size, libc::PROT_READ, libc::MAP_PRIVATE, fd, 0)
            };
            libc::close(fd);
            if p == libc::MAP_FAILED {
                return None;
            }
            core::slice::from_raw_parts(p as *const u8, size)
        };
        let u16_at = |o: usize| data.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let u32_at = |o: usize| data.get(o..o + 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()));
        let u64_at = |o: usize| data.get(o..o + 8).map(|b| u64::from_le_bytes(b.try_into().unwrap()));
        // ELF64, little-endian.
        if data.get(..6)? != b"\x7fELF\x02\x01" {
            return None;
        }
        let shoff = u64_at(0x28)? as usize;
        let shentsize = u16_at(0x3a)? as usize;
        let shnum = u16_at(0x3c)? as usize;
        let section = |i: usize| -> Option<(u32, usize, usize, u32, usize)> {
            let h = shoff.checked_add(i.checked_mul(shentsize)?)?;
            // (type, offset, size, link, entsize)
            Some((u32_at(h + 4)?, u64_at(h + 0x18)? as usize, u64_at(h + 0x20)? as usize, u32_at(h + 0x28)?, u64_at(h + 0x38)? as usize))
        };
        const SHT_SYMTAB: u32 = 2;
        const STT_FUNC: u8 = 2;
        let (_, off, size, link, entsize) = (0..shnum).filter_map(section).find(|s| s.0 == SHT_SYMTAB)?;
        let (_, str_off, str_size, _, _) = section(link as usize)?;
        let strtab = data.get(str_off..str_off.checked_add(str_size)?)?;
        if entsize < 24 {
            return None;
        }
        let mut syms = Vec::with_capacity(size / entsize);
        for e in (off..off.checked_add(size)?).step_by(entsize) {
            let (Some(name), Some(&info), Some(value), Some(sz)) = (u32_at(e), data.get(e + 4), u64_at(e + 8), u64_at(e + 16)) else {
                break;
            };
            if info & 0xf == STT_FUNC && sz != 0 && value != 0 && (name as usize) < strtab.len() {
                syms.push((value, value + sz, name));
            }
        }
        syms.sort_unstable_by_key(|s| s.0);
        Some(SymbolTable { syms, strtab })
    }

    /// The function containing the module-relative address `addr`.
    fn find(&self, addr: u64) -> Option<&str> {
        let i = self.syms.partition_point(|s| s.0 <= addr).checked_sub(1)?;
        let (start, end, name) = self.syms[i];
        if addr < start || addr >= end {
            return None;
        }
        let rest = &self.strtab[name as usize..];
        let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        core::str::from_utf8(&rest[..len]).ok()
    }
}

/// A Rust symbol without its hash (`std::rt::lang_start`); any other name
/// unchanged.
pub fn demangle(name: &str) -> String {
    if name.starts_with("_R") || name.starts_with("_ZN") || name.starts_with("__ZN") {
        if let Ok(d) = rustc_demangle::try_demangle(name) {
            let short = format!("{d:#}");
            // A legacy-mangled name is Rust only if it carried the hash
            // (C++ nested names share the `_ZN` prefix).
            if name.starts_with("_R") || format!("{d}") != short {
                return short;
            }
        }
    }
    // C++ (Itanium) names, e.g. `W::sum() const`.
    if name.starts_with("_Z") {
        if let Some(d) = cxa_demangle(name) {
            return d;
        }
    }
    name.to_string()
}

/// The C++ runtime's own demangler (`__cxa_demangle`, from libstdc++, which
/// every C++ program loads), found once with `dlsym`: a demangler of our own
/// would double the size of every instrumented executable
/// (driver/tests/binary_size.rs). It allocates its result with the
/// program's `malloc` (umsan's interposed heap), freed right away.
fn cxa_demangle(name: &str) -> Option<String> {
    type Demangle = unsafe extern "C" fn(*const c_char, *mut c_char, *mut usize, *mut c_int) -> *mut c_char;
    // 0: not looked up yet, 1: not there, else the function.
    static FN: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
    let mut f = FN.load(core::sync::atomic::Ordering::Acquire);
    if f == 0 {
        // SAFETY: a valid C string; RTLD_DEFAULT searches the loaded objects.
        let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"__cxa_demangle".as_ptr()) };
        f = if p.is_null() { 1 } else { p as usize };
        FN.store(f, core::sync::atomic::Ordering::Release);
    }
    if f == 1 {
        return None;
    }
    let c = std::ffi::CString::new(name).ok()?;
    let mut status: c_int = -1;
    // SAFETY: f is __cxa_demangle; a null buffer asks it to allocate one.
    let out = unsafe {
        let demangle: Demangle = core::mem::transmute(f);
        demangle(c.as_ptr(), core::ptr::null_mut(), core::ptr::null_mut(), &mut status)
    };
    if out.is_null() {
        return None;
    }
    // SAFETY: a NUL-terminated string __cxa_demangle allocated with malloc.
    let s = unsafe { std::ffi::CStr::from_ptr(out) }.to_string_lossy().into_owned();
    unsafe { libc::free(out as *mut c_void) };
    (status == 0).then_some(s)
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
            s.found = Some(Module { path, bias, build_id: build_id(info) });
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

/// A loaded module's debug info, or `None` if it could not be read, and
/// the symbol table of its separate debug file, if there is one.
struct Cached {
    path: String,
    loader: Option<addr2line::Loader>,
    debug: Option<SymbolTable>,
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
            let debug = debug_file_for(&m.build_id).and_then(|p| SymbolTable::read(&p));
            cache.push(Cached {
                path: m.path.clone(),
                loader,
                debug,
            });
            cache.len() - 1
        }
    };
    let cached = &cache[idx];
    let Some(loader) = cached.loader.as_ref() else {
        return vec![base];
    };
    let mut symbol = loader.find_symbol(probe).map(str::to_string);
    if symbol.is_none() {
        // Not exported by a stripped module: its debug file's symbol table.
        symbol = cached.debug.as_ref().and_then(|t| t.find(probe)).map(str::to_string);
    }
    let symbol = symbol.map(|n| demangle(&n));

    let mut frames = Vec::new();
    if let Ok(mut it) = loader.find_frames(probe) {
        while let Ok(Some(f)) = it.next() {
            let mut fr = base.clone();
            // C++ names demangled (`W::sum() const`), as MemorySanitizer
            // prints them; C names are their own.
            fr.function = f
                .function
                .as_ref()
                .and_then(|n| n.raw_name().ok())
                .map(|n| demangle(&n));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_names_are_demangled_without_hash() {
        assert_eq!(
            demangle("_ZN6seeded20seeded_uninit_branch17h0123456789abcdefE"),
            "seeded::seeded_uninit_branch"
        );
        assert_eq!(demangle("_RNvCs1234_7mycrate3foo"), "mycrate::foo");
        // C and C++ names are left alone.
        assert_eq!(demangle("main"), "main");
        assert_eq!(demangle("_ZN3foo3barEv"), "_ZN3foo3barEv");
        assert_eq!(demangle("__libc_start_call_main"), "__libc_start_call_main");
    }

    #[test]
    fn debug_files_by_build_id() {
        assert_eq!(debug_file_for(""), None);
        assert_eq!(debug_file_for("ab"), None);
        // A build-id with no installed debug file.
        assert_eq!(debug_file_for("00112233445566778899aabbccddeeff00112233"), None);
    }
}
