//! Source prepared for MemorySanitizer (interface.md §1b).
//!
//! With msan-compat on, `umsan-cc` hands `-fsanitize=memory` to clang's
//! front end only (MemorySanitizer's own pass is neutralized in `shim.cpp`).
//! The front end then gives `sanitize_memory` to every function MSan would
//! instrument, and leaves it off the ones marked
//! `no_sanitize("memory")`/`no_sanitize_memory` or listed in a
//! `-fsanitize-ignorelist=` file. That absence is the only trace clang
//! leaves, so the prepare step (PipelineStartEP, before any optimization)
//! turns it into umsan's own mark, [`NO_SANITIZE_ATTR`], and removes
//! `sanitize_memory` everywhere: the optimizer then treats the module
//! exactly as without msan-compat (`sanitize_memory` changes InstCombine,
//! shrink-wrapping and more).
//!
//! A marked function is instrumented like MemorySanitizer instruments a
//! function without `sanitize_memory` (`PropagateShadow = InsertChecks =
//! PoisonStack = false` in MemorySanitizer.cpp): no checks; every value it
//! computes, stores, passes or returns counts as initialized; its stack
//! slots start clean; memory-to-memory moves (`memcpy`, models) still carry
//! the shadow they move. See `FunctionInstrumenter::propagate`.
//!
//! LLVM does not inline a `sanitize_memory` function into one without it
//! (or the other way round); with the attribute gone, calls between the two
//! kinds get `noinline` instead, so a checked body never loses its checks
//! in an unchecked caller, nor an unchecked one gains them.
//!
//! `disable_sanitizer_instrumentation` functions are not instrumented at all
//! (`should_instrument`), as in MemorySanitizer.

use crate::ir::{self, V};
use llvm_sys::core::*;
use llvm_sys::prelude::LLVMModuleRef;
use llvm_sys::LLVMAttributeFunctionIndex as FN;
use std::collections::HashMap;

/// String attribute of a function MemorySanitizer would not sanitize.
pub const NO_SANITIZE_ATTR: &str = "umsan-no-sanitize";

/// Is `f` marked as not sanitized?
pub fn is_no_sanitize(f: V) -> bool {
    ir::function_has_string_attr(f, NO_SANITIZE_ATTR)
}

/// The prepare step: marks the functions clang did not give
/// `sanitize_memory` (when `compat`: clang's front end was told that memory
/// is sanitized), removes `sanitize_memory`, and keeps the two kinds from
/// being inlined into each other.
pub fn mark_no_sanitize(module: LLVMModuleRef, compat: bool) {
    let sanitize = ir::attr_kind("sanitize_memory");
    let mut sanitized: HashMap<V, bool> = HashMap::new();
    for f in ir::functions(module) {
        if ir::is_declaration(f) {
            continue;
        }
        let has = unsafe { !LLVMGetEnumAttributeAtIndex(f, FN, sanitize).is_null() };
        if has {
            unsafe { LLVMRemoveEnumAttributeAtIndex(f, FN, sanitize) };
        } else if compat && !is_no_sanitize(f) {
            add_string_attr(f, NO_SANITIZE_ATTR);
        }
        sanitized.insert(f, !is_no_sanitize(f));
    }
    if !sanitized.values().any(|&s| !s) {
        return;
    }
    let noinline = ir::attr_kind("noinline");
    let always = ir::attr_kind("alwaysinline");
    for (&f, &caller_sanitized) in &sanitized {
        for bb in ir::blocks(f) {
            for i in ir::instructions(bb) {
                if unsafe { LLVMIsACallInst(i).is_null() && LLVMIsAInvokeInst(i).is_null() } {
                    continue;
                }
                let callee = unsafe { LLVMGetCalledValue(i) };
                let Some(&callee_sanitized) = sanitized.get(&callee) else { continue };
                let callee_always = unsafe { !LLVMGetEnumAttributeAtIndex(callee, FN, always).is_null() };
                if callee_sanitized != caller_sanitized && !callee_always {
                    unsafe {
                        let ctx = LLVMGetModuleContext(module);
                        LLVMAddCallSiteAttribute(i, FN, LLVMCreateEnumAttribute(ctx, noinline, 0));
                    }
                }
            }
        }
    }
}

fn add_string_attr(f: V, key: &str) {
    unsafe {
        let ctx = LLVMGetModuleContext(LLVMGetGlobalParent(f));
        let a = LLVMCreateStringAttribute(ctx, key.as_ptr() as *const _, key.len() as u32, std::ptr::null(), 0);
        LLVMAddAttributeAtIndex(f, FN, a);
    }
}

/// `__sanitizer_unaligned_{load,store}{16,32,64}` (clang's
/// `<sanitizer/common_interface_defs.h>`): code prepared for the sanitizers
/// (brotli's `BROTLI_SANITIZED`, under `__has_feature(memory_sanitizer)`)
/// calls them instead of making unaligned accesses. Each direct call becomes
/// the access it stands for (`load`/`store iN, align 1`), which the
/// instrumentation then handles like any other: the value keeps its shadow.
/// The runtime defines them too (`umsan_msan.c`) for calls left over
/// (through a pointer), which count as uninstrumented.
pub fn lower_unaligned_accesses(module: LLVMModuleRef) {
    for f in ir::functions(module) {
        if !ir::is_declaration(f) {
            continue;
        }
        let name = ir::value_name(f);
        let Some((is_load, bits)) = unaligned_access(&name) else { continue };
        for call in ir::users(f) {
            if unsafe { LLVMIsACallInst(call).is_null() || LLVMGetCalledValue(call) != f } {
                continue;
            }
            unsafe {
                let fnty = LLVMGetCalledFunctionType(call);
                let ctx = LLVMGetModuleContext(module);
                let int = LLVMIntTypeInContext(ctx, bits);
                let params = LLVMCountParamTypes(fnty) as usize;
                let mut tys = vec![std::ptr::null_mut(); params];
                LLVMGetParamTypes(fnty, tys.as_mut_ptr());
                let ret = LLVMGetReturnType(fnty);
                let ptr_first = params >= 1 && ir::type_kind(tys[0]) == llvm_sys::LLVMTypeKind::LLVMPointerTypeKind;
                let shape_ok = if is_load {
                    params == 1 && ptr_first && ret == int
                } else {
                    params == 2 && ptr_first && tys[1] == int
                };
                if !shape_ok {
                    continue; // not the sanitizer interface's signature: leave it
                }
                let b = LLVMCreateBuilderInContext(ctx);
                LLVMPositionBuilderBefore(b, call);
                let access = if is_load {
                    LLVMBuildLoad2(b, int, ir::operand(call, 0), ir::NONAME)
                } else {
                    LLVMBuildStore(b, ir::operand(call, 1), ir::operand(call, 0))
                };
                LLVMSetAlignment(access, 1);
                llvm_sys::debuginfo::LLVMInstructionSetDebugLoc(
                    access,
                    llvm_sys::debuginfo::LLVMInstructionGetDebugLoc(call),
                );
                if is_load {
                    LLVMReplaceAllUsesWith(call, access);
                }
                LLVMInstructionEraseFromParent(call);
                LLVMDisposeBuilder(b);
            }
        }
    }
}

/// `(is_load, bits)` of a `__sanitizer_unaligned_*` function's name.
fn unaligned_access(name: &str) -> Option<(bool, u32)> {
    let rest = name.strip_prefix("__sanitizer_unaligned_")?;
    let (is_load, bits) = match rest.strip_prefix("load") {
        Some(bits) => (true, bits),
        None => (false, rest.strip_prefix("store")?),
    };
    match bits {
        "16" => Some((is_load, 16)),
        "32" => Some((is_load, 32)),
        "64" => Some((is_load, 64)),
        _ => None,
    }
}
