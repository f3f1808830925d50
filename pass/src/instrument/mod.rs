//! Module-level driver of the instrumentation: declares the runtime's
//! thread-local slots and entry points once per module, decides which
//! functions get instrumented, and runs a [`function::FunctionInstrumenter`]
//! over each of them.

pub mod cxx_ctor;
pub mod function;
pub mod ipo;
pub mod model_wrap;
pub mod msan_compat;
mod origin;
mod shadow;
pub mod uninit_locals;
mod vararg;
mod visit_arith;
mod visit_call;
mod visit_intrinsic;
mod visit_x86;
mod visit_memory;

use crate::ir::{self, cstring, Layout, T, V};
use crate::models::Models;
use crate::options::Options;
use llvm_sys::core::*;
use llvm_sys::prelude::*;
use llvm_sys::LLVMThreadLocalMode;
use std::collections::{HashMap, HashSet};

/// A runtime function: its declaration and its type (needed by `LLVMBuildCall2`).
#[derive(Clone, Copy)]
pub struct RtFn {
    pub func: V,
    pub ty: T,
}

/// What every function's instrumentation shares: types, runtime
/// declarations, options, models.
pub struct ModuleCx {
    pub ctx: LLVMContextRef,
    pub module: LLVMModuleRef,
    pub layout: Layout,
    pub opts: Options,
    pub models: Models,
    pub void: T,
    pub i1: T,
    pub i8: T,
    pub i32: T,
    pub i64: T,
    pub ptr: T,
    pub param_tls: V,
    pub retval_tls: V,
    pub param_tag: V,
    pub retval_tag: V,
    pub va_arg_tls: V,
    pub va_arg_overflow_size_tls: V,
    pub va_arg_origin_tls: V,
    /// Origin tracking is on: every shadow has an `i32` origin next to it.
    pub origins: bool,
    pub param_origin_tls: V,
    pub retval_origin_tls: V,
    pub set_origin: RtFn,
    pub warning: RtFn,
    pub warning_noorigin: RtFn,
    pub warning_noreturn: RtFn,
    /// Out-of-line check and origin store (see `Options::call_threshold`).
    pub maybe_warning: RtFn,
    pub maybe_store_origin: RtFn,
    pub poison: RtFn,
    pub unpoison: RtFn,
    pub unpoison_escaped: RtFn,
    pub entry_from_generated: RtFn,
    /// `__umsan_exec_mapped` (i8), see `umsan_abi::rt::EXEC_MAPPED`.
    pub exec_mapped: V,
    pub poison_stack: RtFn,
    pub copy_out_check: RtFn,
    pub move_shadow: RtFn,
    /// `__umsan_copy_origins`, see `umsan_abi::rt::COPY_ORIGINS`.
    pub copy_origins: RtFn,
    /// `malloc` → `__umsan_malloc`, … (declared on first use).
    pub alloc_wrappers: HashMap<&'static str, &'static str>,
    /// Functions whose bodies this module instruments: calls to them need no
    /// run-time check of whether the callee is instrumented.
    pub instrumented: HashSet<V>,
    /// Instrumented, non-variadic functions of local linkage whose address
    /// never escapes: every caller is instrumented code of this module, so
    /// their arguments' shadows are always in the param TLS and no call
    /// needs a tag (see [`closed_functions`]).
    pub closed: HashSet<V>,
    /// Instrumented functions whose address is taken: code umsan did not
    /// compile may call them (see `FunctionInstrumenter::entry_from_generated_code`).
    pub address_taken: HashSet<V>,
    /// Origin-id slots of marked locals, by description global.
    uninit_slots: std::cell::RefCell<HashMap<V, V>>,
}

impl ModuleCx {
    pub fn new(module: LLVMModuleRef, opts: Options, models: Models) -> Self {
        let ctx = unsafe { LLVMGetModuleContext(module) };
        let (void, i1, i8, i32, i64, ptr) = unsafe {
            (
                LLVMVoidTypeInContext(ctx),
                LLVMInt1TypeInContext(ctx),
                LLVMInt8TypeInContext(ctx),
                LLVMInt32TypeInContext(ctx),
                LLVMInt64TypeInContext(ctx),
                LLVMPointerTypeInContext(ctx, 0),
            )
        };
        let tls_array = unsafe { LLVMArrayType2(i64, umsan_abi::PARAM_TLS_BYTES / 8) };
        let mut cx = ModuleCx {
            ctx,
            module,
            layout: Layout::new(module),
            opts,
            models,
            void,
            i1,
            i8,
            i32,
            i64,
            ptr,
            param_tls: std::ptr::null_mut(),
            retval_tls: std::ptr::null_mut(),
            param_tag: std::ptr::null_mut(),
            retval_tag: std::ptr::null_mut(),
            va_arg_tls: std::ptr::null_mut(),
            va_arg_overflow_size_tls: std::ptr::null_mut(),
            va_arg_origin_tls: std::ptr::null_mut(),
            origins: false,
            param_origin_tls: std::ptr::null_mut(),
            retval_origin_tls: std::ptr::null_mut(),
            set_origin: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            warning: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            warning_noorigin: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            warning_noreturn: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            maybe_warning: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            maybe_store_origin: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            poison: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            unpoison: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            unpoison_escaped: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            entry_from_generated: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            exec_mapped: std::ptr::null_mut(),
            poison_stack: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            copy_out_check: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            move_shadow: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            copy_origins: RtFn { func: std::ptr::null_mut(), ty: std::ptr::null_mut() },
            alloc_wrappers: umsan_abi::ALLOC_WRAPPERS.iter().copied().collect(),
            instrumented: HashSet::new(),
            closed: HashSet::new(),
            address_taken: HashSet::new(),
            uninit_slots: Default::default(),
        };
        cx.param_tls = cx.tls_global(umsan_abi::tls::PARAM, tls_array);
        cx.retval_tls = cx.tls_global(umsan_abi::tls::RETVAL, tls_array);
        cx.param_tag = cx.tls_global(umsan_abi::tls::PARAM_TAG, ptr);
        cx.retval_tag = cx.tls_global(umsan_abi::tls::RETVAL_TAG, ptr);
        cx.va_arg_tls = cx.tls_global(umsan_abi::tls::VA_ARG, tls_array);
        cx.va_arg_overflow_size_tls = cx.tls_global(umsan_abi::tls::VA_ARG_OVERFLOW_SIZE, i64);
        cx.warning = cx.runtime_fn(umsan_abi::rt::WARNING, void, &[i32; umsan_abi::rt::WARNING_ORIGIN_ARG + 1]);
        cx.warning_noorigin = cx.runtime_fn(umsan_abi::rt::WARNING_NOORIGIN, void, &[]);
        cx.maybe_warning = cx.runtime_fn(umsan_abi::rt::MAYBE_WARNING, void, &[i32, i32]);
        // `preserve_most`: see `__umsan_warning` in the runtime.
        for f in [cx.warning.func, cx.warning_noorigin.func, cx.maybe_warning.func] {
            unsafe { LLVMSetFunctionCallConv(f, umsan_abi::rt::WARNING_CALL_CONV) };
        }
        if !cx.opts.recover {
            cx.warning_noreturn = cx.runtime_fn(umsan_abi::rt::WARNING_NORETURN, void, &[i32]);
            unsafe {
                let noreturn = LLVMCreateEnumAttribute(ctx, ir::attr_kind("noreturn"), 0);
                LLVMAddAttributeAtIndex(cx.warning_noreturn.func, llvm_sys::LLVMAttributeFunctionIndex, noreturn);
            }
        }
        cx.poison = cx.runtime_fn(umsan_abi::rt::POISON, void, &[ptr, i64]);
        cx.unpoison = cx.runtime_fn(umsan_abi::rt::UNPOISON, void, &[ptr, i64]);
        cx.unpoison_escaped = cx.runtime_fn(umsan_abi::rt::UNPOISON_ESCAPED, void, &[ptr]);
        cx.entry_from_generated = cx.runtime_fn(umsan_abi::rt::ENTRY_FROM_GENERATED_CODE, void, &[ptr, ptr]);
        cx.exec_mapped = unsafe {
            let name = cstring(umsan_abi::rt::EXEC_MAPPED);
            let g = LLVMGetNamedGlobal(module, name.as_ptr());
            if g.is_null() { LLVMAddGlobal(module, cx.i8, name.as_ptr()) } else { g }
        };
        cx.poison_stack = cx.runtime_fn(umsan_abi::rt::POISON_STACK, void, &[ptr, i64, ptr, ptr]);
        cx.origins = cx.opts.track_origins;
        if cx.origins {
            let origin_array = unsafe { LLVMArrayType2(i32, umsan_abi::PARAM_TLS_BYTES / 4) };
            cx.param_origin_tls = cx.tls_global(umsan_abi::tls::PARAM_ORIGIN, origin_array);
            cx.va_arg_origin_tls = cx.tls_global(umsan_abi::tls::VA_ARG_ORIGIN, origin_array);
            cx.retval_origin_tls = cx.tls_global(umsan_abi::tls::RETVAL_ORIGIN, i32);
            cx.set_origin = cx.runtime_fn(umsan_abi::rt::SET_ORIGIN, void, &[ptr, i64, i32]);
            cx.maybe_store_origin = cx.runtime_fn(umsan_abi::rt::MAYBE_STORE_ORIGIN, void, &[i32, ptr, i64, i32]);
            unsafe { LLVMSetFunctionCallConv(cx.maybe_store_origin.func, umsan_abi::rt::WARNING_CALL_CONV) };
            cx.define_track_origins_flag();
        }
        cx.copy_out_check = cx.runtime_fn(umsan_abi::rt::COPY_OUT_CHECK, void, &[ptr, i64]);
        cx.move_shadow = cx.runtime_fn(umsan_abi::rt::MOVE_SHADOW, void, &[ptr, ptr, i64]);
        cx.copy_origins = cx.runtime_fn(umsan_abi::rt::COPY_ORIGINS, void, &[ptr, ptr, i64]);
        cx
    }

    /// `int __umsan_track_origins = 1` (weak): tells the runtime to record
    /// where allocations happen.
    fn define_track_origins_flag(&self) {
        let name = cstring(TRACK_ORIGINS_FLAG);
        unsafe {
            if !LLVMGetNamedGlobal(self.module, name.as_ptr()).is_null() {
                return;
            }
            let g = LLVMAddGlobal(self.module, self.i32, name.as_ptr());
            LLVMSetInitializer(g, self.const_i32(1));
            LLVMSetLinkage(g, llvm_sys::LLVMLinkage::LLVMWeakAnyLinkage);
        }
    }

    /// A private per-site `i32` (initially 0) in which the runtime caches the
    /// origin id of a stack slot, and the slot's description `name@function`.
    pub fn stack_origin_site(&self, var: &str, func: &str) -> (V, V) {
        let descr = ir::private_string(self.module, "__umsan_stack_descr", &format!("{var}@{func}"));
        (self.origin_slot(), descr)
    }

    /// The origin-id slot of a marked local (`uninit_locals`), one per
    /// description: every copy of the local's value shares its origin.
    pub fn uninit_origin_slot(&self, descr: V) -> V {
        *self.uninit_slots.borrow_mut().entry(descr).or_insert_with(|| self.origin_slot())
    }

    fn origin_slot(&self) -> V {
        unsafe {
            let slot = LLVMAddGlobal(self.module, self.i32, cstring("__umsan_stack_origin").as_ptr());
            LLVMSetInitializer(slot, self.const_i32(0));
            LLVMSetLinkage(slot, llvm_sys::LLVMLinkage::LLVMPrivateLinkage);
            slot
        }
    }

    /// A private constant of `bytes` zero bytes (a clean shadow source).
    pub fn zeros(&self, bytes: u64) -> V {
        let name = cstring(&format!("__umsan_zeros_{bytes}"));
        unsafe {
            let g = LLVMGetNamedGlobal(self.module, name.as_ptr());
            if !g.is_null() {
                return g;
            }
            let ty = LLVMArrayType2(self.i8, bytes);
            let g = LLVMAddGlobal(self.module, ty, name.as_ptr());
            LLVMSetInitializer(g, LLVMConstNull(ty));
            LLVMSetGlobalConstant(g, 1);
            LLVMSetLinkage(g, llvm_sys::LLVMLinkage::LLVMPrivateLinkage);
            LLVMSetAlignment(g, 8);
            g
        }
    }

    fn tls_global(&self, name: &str, ty: T) -> V {
        let cname = cstring(name);
        unsafe {
            let existing = LLVMGetNamedGlobal(self.module, cname.as_ptr());
            if !existing.is_null() {
                return existing;
            }
            let g = LLVMAddGlobal(self.module, ty, cname.as_ptr());
            LLVMSetThreadLocal(g, 1);
            // The runtime is linked statically into the executable, so its
            // thread-locals are in the executable's static TLS block: code
            // that can only be part of the executable reaches them at a
            // constant offset from %fs (local-exec: one instruction, no
            // register), `-fPIC` code through the GOT (initial-exec).
            let model = if ir::module_is_executable_only(self.module) {
                LLVMThreadLocalMode::LLVMLocalExecTLSModel
            } else {
                LLVMThreadLocalMode::LLVMInitialExecTLSModel
            };
            LLVMSetThreadLocalMode(g, model);
            g
        }
    }

    /// Declares (or finds) a runtime function `ret name(params…)`.
    pub fn runtime_fn(&self, name: &str, ret: T, params: &[T]) -> RtFn {
        let cname = cstring(name);
        unsafe {
            let mut ps = params.to_vec();
            let ty = LLVMFunctionType(ret, ps.as_mut_ptr(), ps.len() as u32, 0);
            let mut f = LLVMGetNamedFunction(self.module, cname.as_ptr());
            if f.is_null() {
                f = LLVMAddFunction(self.module, cname.as_ptr(), ty);
                let nounwind = LLVMCreateEnumAttribute(self.ctx, ir::attr_kind("nounwind"), 0);
                LLVMAddAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, nounwind);
            }
            RtFn { func: f, ty }
        }
    }

    /// Declares the runtime wrapper that replaces direct calls to `name`, with
    /// the callee's own function type.
    pub fn alloc_wrapper(&self, name: &str, fnty: T) -> Option<V> {
        let wrapper = self.alloc_wrappers.get(name)?;
        let cname = cstring(wrapper);
        unsafe {
            let mut f = LLVMGetNamedFunction(self.module, cname.as_ptr());
            if f.is_null() {
                f = LLVMAddFunction(self.module, cname.as_ptr(), fnty);
            }
            Some(f)
        }
    }

    /// Marks a call whose model was applied before optimization.
    pub fn mark_modelled(&self, call: V) {
        unsafe {
            let md = LLVMMDNodeInContext2(self.ctx, std::ptr::null_mut(), 0);
            LLVMSetMetadata(call, self.modelled_kind(), LLVMMetadataAsValue(self.ctx, md));
        }
    }

    pub fn is_marked_modelled(&self, call: V) -> bool {
        unsafe { !LLVMGetMetadata(call, self.modelled_kind()).is_null() }
    }

    fn modelled_kind(&self) -> u32 {
        unsafe { LLVMGetMDKindIDInContext(self.ctx, MODELLED_MD.as_ptr() as *const _, MODELLED_MD.len() as u32) }
    }

    pub fn const_i64(&self, v: u64) -> V {
        unsafe { LLVMConstInt(self.i64, v, 0) }
    }

    pub fn const_i32(&self, v: u64) -> V {
        unsafe { LLVMConstInt(self.i32, v, 0) }
    }
}

/// Metadata on calls whose model was applied before optimization.
const MODELLED_MD: &str = "umsan.modelled";

/// Weak `int` defined by modules compiled with origin tracking.
const TRACK_ORIGINS_FLAG: &str = "__umsan_track_origins";

/// Name of the named metadata that marks a module as instrumented, so the
/// pass never instruments a module twice.
const MARKER: &str = "umsan.instrumented";

/// Instruments every eligible function of `module`.
pub fn instrument_module(module: LLVMModuleRef, opts: Options, models: Models) -> Result<(), String> {
    let marker = cstring(MARKER);
    unsafe {
        if !LLVMGetNamedMetadata(module, marker.as_ptr(), MARKER.len()).is_null() {
            return Ok(());
        }
    }
    let mut cx = ModuleCx::new(module, opts, models);
    let candidates: Vec<V> = ir::functions(module)
        .into_iter()
        .filter(|&f| !ir::is_declaration(f) && should_instrument(&cx.models, f))
        .collect();
    cx.instrumented = candidates.iter().copied().collect();
    cx.closed = closed_functions(&cx.instrumented);
    // Before any instrumentation adds uses (tags name callees).
    cx.address_taken =
        cx.instrumented.iter().copied().filter(|&f| ir::direct_call_sites(f).is_none()).collect();
    for &f in &cx.closed {
        unsafe {
            let key = ipo::CLOSED_ATTR;
            let a = LLVMCreateStringAttribute(cx.ctx, key.as_ptr() as *const _, key.len() as u32, std::ptr::null(), 0);
            LLVMAddAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, a);
        }
    }
    strip_memory_attributes(module, &candidates);
    for f in candidates {
        let name = ir::value_name(f);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            function::FunctionInstrumenter::new(&cx, f).run()
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(format!("while instrumenting function '{name}': {e}")),
            Err(p) => {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "internal error".into());
                return Err(format!("internal error while instrumenting function '{name}': {msg}"));
            }
        }
    }
    crate::models::remove_records(module);
    uninit_locals::lower(module);
    if !cx.instrumented.is_empty() {
        require_runtime(&cx);
    }
    unsafe {
        let md = LLVMMDNodeInContext2(cx.ctx, std::ptr::null_mut(), 0);
        LLVMAddNamedMetadataOperand(module, marker.as_ptr(), LLVMMetadataAsValue(cx.ctx, md));
    }
    Ok(())
}

/// Makes the object refer to [`umsan_abi::rt::LINK_CHECK`] (a private
/// pointer kept by `llvm.compiler.used`): an executable linked from it
/// without the runtime — `c++ a.o b.o` where `a.o` came from `umsan-cc` —
/// fails with "undefined reference to
/// `__umsan_link_with_umsan_cc_or_umsan_cxx`" among the runtime's other
/// symbols.
fn require_runtime(cx: &ModuleCx) {
    unsafe {
        let name = cstring(umsan_abi::rt::LINK_CHECK);
        let mut target = LLVMGetNamedGlobal(cx.module, name.as_ptr());
        if target.is_null() {
            target = LLVMAddGlobal(cx.module, cx.i8, name.as_ptr());
        }
        let g = LLVMAddGlobal(cx.module, cx.ptr, cstring("__umsan_runtime_required").as_ptr());
        LLVMSetInitializer(g, target);
        LLVMSetGlobalConstant(g, 1);
        LLVMSetLinkage(g, llvm_sys::LLVMLinkage::LLVMPrivateLinkage);
        add_compiler_used(cx.module, &[g]);
    }
}

/// Adds `fns` (any globals) to `@llvm.compiler.used`.
fn add_compiler_used(module: LLVMModuleRef, fns: &[V]) {
    unsafe {
        let ctx = LLVMGetModuleContext(module);
        let ptr = LLVMPointerTypeInContext(ctx, 0);
        let name = cstring("llvm.compiler.used");
        let old = LLVMGetNamedGlobal(module, name.as_ptr());
        let mut elems: Vec<V> = Vec::new();
        if !old.is_null() {
            let init = LLVMGetInitializer(old);
            if !init.is_null() {
                elems.extend((0..ir::num_operands(init)).map(|i| ir::operand(init, i)));
            }
            LLVMDeleteGlobal(old);
        }
        for &f in fns {
            if !elems.contains(&f) {
                elems.push(f);
            }
        }
        let arr = LLVMConstArray2(ptr, elems.as_mut_ptr(), elems.len() as u64);
        let g = LLVMAddGlobal(module, LLVMTypeOf(arr), name.as_ptr());
        LLVMSetInitializer(g, arr);
        LLVMSetLinkage(g, llvm_sys::LLVMLinkage::LLVMAppendingLinkage);
        LLVMSetSection(g, cstring("llvm.metadata").as_ptr());
    }
}

/// The instrumented functions that only instrumented code of this module
/// can call: local linkage, not variadic, and every use is the callee
/// operand of a direct call from an instrumented function (no address taken,
/// not in `llvm.used`).
fn closed_functions(instrumented: &HashSet<V>) -> HashSet<V> {
    use llvm_sys::LLVMLinkage::{LLVMInternalLinkage, LLVMPrivateLinkage};
    let mut closed = HashSet::new();
    for &f in instrumented {
        unsafe {
            let linkage = LLVMGetLinkage(f);
            if !matches!(linkage, LLVMInternalLinkage | LLVMPrivateLinkage)
                || LLVMIsFunctionVarArg(LLVMGlobalGetValueType(f)) != 0
            {
                continue;
            }
            let only_direct_calls = ir::direct_call_sites(f).is_some_and(|sites| {
                sites.iter().all(|&site| {
                    !LLVMIsACallInst(site).is_null() && instrumented.contains(&ir::block_parent(ir::instruction_parent(site)))
                })
            });
            if only_direct_calls {
                closed.insert(f);
            }
        }
    }
    closed
}

/// Instrumented code writes thread-local shadow slots around every call, so
/// no function or call site may keep a promise of not touching memory
/// (`memory(none)`, `readonly`…) or of being speculatable: the clean-up
/// passes after instrumentation would otherwise reuse stale slot values.
fn strip_memory_attributes(module: LLVMModuleRef, instrumented: &[V]) {
    let kinds = [ir::attr_kind("memory"), ir::attr_kind("speculatable")];
    let fn_index = llvm_sys::LLVMAttributeFunctionIndex;
    unsafe {
        for f in ir::functions(module) {
            if LLVMGetIntrinsicID(f) != 0 {
                continue;
            }
            for &k in &kinds {
                LLVMRemoveEnumAttributeAtIndex(f, fn_index, k);
            }
        }
        for &f in instrumented {
            for bb in ir::blocks(f) {
                for i in ir::instructions(bb) {
                    if !matches!(ir::opcode(i), llvm_sys::LLVMOpcode::LLVMCall | llvm_sys::LLVMOpcode::LLVMInvoke) {
                        continue;
                    }
                    if ir::intrinsic_name(LLVMGetCalledValue(i)).is_some() {
                        continue;
                    }
                    for &k in &kinds {
                        LLVMRemoveCallSiteEnumAttribute(i, fn_index, k);
                    }
                }
            }
        }
    }
}

/// Functions left exactly as clang emitted them: modelled functions (their
/// effect is applied at call sites), naked functions, and functions that opt
/// out with `__attribute__((disable_sanitizer_instrumentation))`.
fn should_instrument(models: &Models, f: V) -> bool {
    let name = ir::value_name(f);
    !(name.starts_with("__umsan_")
        || models.for_function(f).is_some()
        || ir::function_has_attr(f, "naked")
        || ir::function_has_attr(f, "disable_sanitizer_instrumentation"))
}

/// Before optimization: applies the models at every call of a modelled
/// function (see `FunctionInstrumenter::apply_models_early`).
pub fn apply_models_early(module: LLVMModuleRef, opts: Options, models: Models) {
    let cx = ModuleCx::new(module, opts, models);
    model_wrap::wrap_address_taken(&cx);
    for f in ir::functions(module) {
        if !ir::is_declaration(f) && should_instrument(&cx.models, f) {
            function::FunctionInstrumenter::new(&cx, f).apply_models_early();
        }
    }
}

/// Before optimization, from -O1 on: marks the small locals of every
/// function that will be instrumented with shadow propagation (see
/// [`uninit_locals`]).
pub fn mark_uninit_locals(module: LLVMModuleRef, models: &Models) {
    let fns: Vec<V> = ir::functions(module)
        .into_iter()
        .filter(|&f| !ir::is_declaration(f) && should_instrument(models, f) && !msan_compat::is_no_sanitize(f))
        .collect();
    uninit_locals::mark_locals(module, &fns);
}

/// Marks modelled functions `noinline` and adds them to
/// `@llvm.compiler.used`, so that neither inlining nor interprocedural
/// optimizations (dead-argument elimination, signature changes) hide their
/// calls before the instrumentation sees them.
pub fn protect_modelled_functions(module: LLVMModuleRef, fns: &[V]) {
    if fns.is_empty() {
        return;
    }
    unsafe {
        let ctx = LLVMGetModuleContext(module);
        for &f in fns {
            let always = ir::attr_kind("alwaysinline");
            LLVMRemoveEnumAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, always);
            let noinline = LLVMCreateEnumAttribute(ctx, ir::attr_kind("noinline"), 0);
            LLVMAddAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, noinline);
        }
    }
    add_compiler_used(module, fns);
}
