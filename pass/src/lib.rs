//! # umsan pass
//!
//! An LLVM 19 module pass that instruments C code for umsan, the
//! uninitialized-memory sanitizer. clang-19 loads it with
//! `-fpass-plugin=libumsan_pass.so`; `opt-19 -load-pass-plugin=… -passes=umsan`
//! runs it on IR.
//!
//! ## Design
//!
//! **Shadow.** Every bit of application memory and every SSA value has a
//! shadow bit; 1 means uninitialized. Memory shadow lives at
//! `addr ^ 0x500000000000` (see `umsan_abi`), so a load or store of shadow is
//! one `xor` and one memory access, inline. SSA shadows are SSA values of the
//! same bit size built next to the instruction they describe.
//!
//! **Propagation.** Each instruction kind has a handler (`instrument::visit_*`)
//! computing its result's shadow from its operands' shadows — bit-exact for
//! `and`/`or`/shifts/compares, OR-approximate for `add`/`mul`/floating point
//! as in MemorySanitizer. An instruction without a handler takes the strict
//! fallback: all its operands are checked and its result is clean.
//!
//! **Checks.** A value is *used* when a conditional branch, switch, indirect
//! branch or call depends on it, when it is an address of a load or store, a
//! divisor, or an index into a vector. There the pass records a check; after
//! the walk each becomes `if (shadow != 0) __umsan_warning(origin)` in a cold
//! block carrying the debug location of the use. The report call is
//! `preserve_mostcc` (it may return: `halt_on_error=0`) and past the check
//! the value's shadow is zero; `-fno-umsan-recover` makes it `noreturn`.
//!
//! **Calls.** Argument and return shadows pass through thread-local arrays,
//! guarded by tags naming the callee, so that shadows are trusted only when
//! both sides are instrumented: code umsan did not compile (libc, Rust,
//! callbacks) never produces false reports through stale TLS; a callee
//! clears the tag once read. Internal functions only called directly by
//! instrumented code need no tags. With `-fumsan-eager-checks`, `noundef`
//! arguments and returns are checked at the call and no shadow crosses
//! calls at all. When a callee turns out to be uninstrumented, local
//! variables whose address it got are treated as written by it. When code
//! generated at run time (a JIT) calls an address-taken function, what its
//! pointer arguments point to is treated as written by that code.
//!
//! **Stack.** Stack slots are poisoned when they come into scope (entry,
//! `lifetime.start`) and cleaned when the frame goes (every return), so
//! stack memory is never left poisoned for the next user.
//!
//! **Heap.** Direct calls to `malloc` & co. are redirected to runtime wrappers
//! that poison what instrumented code allocates; memory uninstrumented code
//! allocates stays clean.
//!
//! ## Invariants
//! - Instrumented modules pass the LLVM verifier.
//! - The program's own data and control flow are unchanged: the pass only
//!   adds shadow computation, shadow stores, and calls into the runtime.
//! - Shadow arithmetic never consumes LLVM `undef`/`poison` values.
//! - A module is instrumented at most once (`!umsan.instrumented`).

pub mod instrument;
pub mod ir;
pub mod models;
pub mod options;

use llvm_sys::prelude::LLVMModuleRef;
use std::ffi::{c_char, CString};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// `struct PassPluginLibraryInfo` of LLVM's C++ plugin API.
#[repr(C)]
pub struct PassPluginLibraryInfo {
    api_version: u32,
    plugin_name: *const c_char,
    plugin_version: *const c_char,
    register_callbacks: *const std::ffi::c_void,
}

extern "C" {
    fn umsan_plugin_library_info() -> PassPluginLibraryInfo;
}

/// The entry point LLVM looks up in a pass plugin. Defined in Rust because
/// rustc's export list for a cdylib would hide one defined in C++.
#[no_mangle]
pub extern "C" fn llvmGetPassPluginInfo() -> PassPluginLibraryInfo {
    unsafe { umsan_plugin_library_info() }
}

fn into_error(msg: String) -> *mut c_char {
    CString::new(msg.replace('\0', " ")).unwrap_or_default().into_raw()
}

/// Runs `f`, turning errors and panics into a message for clang.
fn guarded(f: impl FnOnce() -> Result<(), String>) -> *mut c_char {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(())) => std::ptr::null_mut(),
        Ok(Err(e)) => into_error(e),
        Err(_) => into_error("internal error (panic) in the umsan pass".into()),
    }
}

/// PipelineStartEP step (called from the C++ shim): marks the functions
/// MemorySanitizer would not sanitize and turns the sanitizer interface's
/// unaligned loads and stores into plain ones (`instrument::msan_compat`), validates
/// the models and keeps modelled functions defined here from being inlined or having
/// their signature changed, so every call stays visible; records the size
/// of the objects C++ complete-object constructors build
/// (`instrument::cxx_ctor`); when the pipeline
/// optimizes (-O1 and above), gives small locals a definite uninitialized
/// value the optimizer cannot fold away (`instrument::uninit_locals`).
#[no_mangle]
pub extern "C" fn umsan_prepare_module(m: LLVMModuleRef, optimizing: bool) -> *mut c_char {
    guarded(|| {
        let opts = options::Options::from_env()?;
        instrument::msan_compat::mark_no_sanitize(m, opts.msan_compat);
        instrument::msan_compat::lower_unaligned_accesses(m);
        let models = models::Models::load(m, &opts.configs).inspect_err(|_| MODEL_ERROR_REPORTED.store(true, Relaxed))?;
        instrument::protect_modelled_functions(m, &models.defined_in(m));
        instrument::cxx_ctor::mark_complete_objects(m);
        if optimizing && opts.uninit_locals {
            instrument::mark_uninit_locals(m, &models);
        }
        instrument::apply_models_early(m, opts, models);
        Ok(())
    })
}

/// Set when the prepare step has reported a model error, so that the
/// instrumentation step (in the same compiler process) does not repeat it.
static MODEL_ERROR_REPORTED: AtomicBool = AtomicBool::new(false);

/// OptimizerLastEP step: the instrumentation (called from the C++ shim).
#[no_mangle]
pub extern "C" fn umsan_instrument_module(m: LLVMModuleRef) -> *mut c_char {
    guarded(|| {
        let opts = options::Options::from_env()?;
        let models = match models::Models::load(m, &opts.configs) {
            Ok(models) => models,
            Err(_) if MODEL_ERROR_REPORTED.load(Relaxed) => return Ok(()),
            Err(e) => return Err(e),
        };
        instrument::instrument_module(m, opts, models)
    })
}

/// After the clean-up that follows the instrumentation (called from the C++
/// shim, twice): shadow passing into closed functions that the call sites
/// prove clean is removed (see `instrument::ipo`).
#[no_mangle]
pub extern "C" fn umsan_ipo_module(m: LLVMModuleRef) -> *mut c_char {
    guarded(|| {
        instrument::ipo::run(m);
        Ok(())
    })
}

/// After both rounds of the step above (called from the C++ shim): the
/// shadows still passed into closed functions through thread-local slots
/// become extra arguments (see `instrument::ipo`).
#[no_mangle]
pub extern "C" fn umsan_shadow_args_module(m: LLVMModuleRef) -> *mut c_char {
    guarded(|| {
        instrument::ipo::shadow_arguments(m);
        Ok(())
    })
}

/// Releases a message returned by the functions above.
#[no_mangle]
pub extern "C" fn umsan_free_string(s: *mut c_char) {
    if !s.is_null() {
        drop(unsafe { CString::from_raw(s) });
    }
}
