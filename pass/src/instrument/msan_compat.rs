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
