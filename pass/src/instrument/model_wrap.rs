//! Indirect calls of modelled functions.
//!
//! A model is applied at the call sites of its function. When the module
//! only *declares* a modelled function `f` and also takes its address (a
//! function pointer, a table of callbacks: zstd's Huffman decoder picks its
//! assembly loop through a pointer), calls through that address would reach
//! `f` unseen. So, before optimization, every use of `f` other than as the
//! callee of a direct call is replaced with a wrapper `f.umsan_model.<hash>`
//! with `f`'s type, parameter/return attributes and calling convention,
//! whose body is `return f(args…)`. The wrapper is an ordinary instrumented
//! function: its direct call of `f` gets the model like any other call
//! (`FunctionInstrumenter::apply_models_early`), and callers reach it
//! through the usual tagged shadow protocol. It has `linkonce_odr` linkage in
//! a comdat, so that every instrumented translation unit with the same
//! model shares one wrapper and `f`'s address still compares equal across
//! them (code umsan did not compile sees `f` itself). The hash names the
//! model: translation units that model `f` differently keep their own.
//!
//! Not wrapped: variadic functions (a wrapper cannot forward `...`),
//! `returns_twice` functions and `clean_stack` models (`setjmp`: it must
//! return into its real caller), and functions the module defines.

use super::ModuleCx;
use crate::ir::{self, cstring, V};
use crate::models::{Effect, Model};
use llvm_sys::comdat::{LLVMGetOrInsertComdat, LLVMSetComdat};
use llvm_sys::core::*;
use llvm_sys::{LLVMAttributeFunctionIndex, LLVMLinkage, LLVMOpcode as Op};

/// String function attribute on a wrapper; its value is the wrapped
/// function's name.
const WRAPPER_ATTR: &str = "umsan-model-wrapper";

/// The name of the function `f` wraps, if `f` is a model wrapper.
pub fn wrapped_name(f: V) -> Option<String> {
    unsafe {
        if !ir::is_function(f) {
            return None;
        }
        let a = LLVMGetStringAttributeAtIndex(
            f,
            LLVMAttributeFunctionIndex,
            WRAPPER_ATTR.as_ptr() as *const _,
            WRAPPER_ATTR.len() as u32,
        );
        if a.is_null() {
            return None;
        }
        let mut n = 0u32;
        let p = LLVMGetStringAttributeValue(a, &mut n);
        Some(String::from_utf8_lossy(std::slice::from_raw_parts(p as *const u8, n as usize)).into_owned())
    }
}

/// Replaces the non-call uses of every declared, modelled function with
/// its wrapper (see the module comment). Idempotent.
pub fn wrap_address_taken(cx: &ModuleCx) {
    let template = ir::functions(cx.module).into_iter().find(|&f| !ir::is_declaration(f));
    for f in ir::functions(cx.module) {
        if !ir::is_declaration(f) || unsafe { LLVMGetIntrinsicID(f) } != 0 {
            continue;
        }
        let Some(model) = cx.models.for_function(f) else { continue };
        if !wrappable(f, model) || !has_address_use(f) {
            continue;
        }
        let (w, fresh) = wrapper(cx, f, model, template);
        unsafe {
            LLVMReplaceAllUsesWith(f, w);
            // Direct calls keep calling `f` (their model applies there).
            for u in ir::users(w) {
                if is_call(u) && LLVMGetCalledValue(u) == w {
                    LLVMSetOperand(u, ir::num_operands(u) - 1, f);
                }
            }
        }
        if fresh {
            build_body(cx, w, f);
        }
    }
}

fn wrappable(f: V, model: &Model) -> bool {
    unsafe {
        let fnty = LLVMGlobalGetValueType(f);
        LLVMIsFunctionVarArg(fnty) == 0
            && !ir::function_has_attr(f, "returns_twice")
            && !model.effects().any(|m| m.effect == Effect::CleanStack)
    }
}

fn is_call(u: V) -> bool {
    ir::is_instruction(u) && matches!(ir::opcode(u), Op::LLVMCall | Op::LLVMInvoke | Op::LLVMCallBr)
}


/// Is `f` used other than as the callee of a direct call (or by the
/// model records and annotations, which only name it)?
fn has_address_use(f: V) -> bool {
    ir::users(f).into_iter().any(|u| {
        if is_call(u) {
            let nargs = unsafe { LLVMGetNumArgOperands(u) };
            unsafe { LLVMGetCalledValue(u) != f || (0..nargs).any(|i| ir::operand(u, i) == f) }
        } else {
            !names_only(u, 0)
        }
    })
}

/// Is the constant `c` only part of model records / `llvm.metadata`
/// globals?
fn names_only(c: V, depth: u32) -> bool {
    unsafe {
        if !LLVMIsAGlobalVariable(c).is_null() {
            let sec = LLVMGetSection(c);
            let sec = if sec.is_null() { String::new() } else { ir::c_str_lossy(sec) };
            return sec == "__umsan_models" || sec == "llvm.metadata";
        }
        if ir::is_instruction(c) || LLVMIsAConstant(c).is_null() || depth > 4 {
            return false;
        }
        let us = ir::users(c);
        !us.is_empty() && us.into_iter().all(|u| names_only(u, depth + 1))
    }
}

/// FNV-1a of the model, naming its wrapper.
fn model_hash(model: &Model) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in format!("{model:?}").bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The wrapper of `f` (declared now, body added by [`build_body`] when
/// `fresh`), or the one an earlier run made.
fn wrapper(cx: &ModuleCx, f: V, model: &Model, template: Option<V>) -> (V, bool) {
    let name = format!("{}.umsan_model.{:08x}", ir::value_name(f), model_hash(model));
    let cname = cstring(&name);
    unsafe {
        let old = LLVMGetNamedFunction(cx.module, cname.as_ptr());
        if !old.is_null() {
            return (old, false);
        }
        let fnty = LLVMGlobalGetValueType(f);
        let w = LLVMAddFunction(cx.module, cname.as_ptr(), fnty);
        LLVMSetLinkage(w, LLVMLinkage::LLVMLinkOnceODRLinkage);
        LLVMSetVisibility(w, LLVMGetVisibility(f));
        LLVMSetComdat(w, LLVMGetOrInsertComdat(cx.module, cname.as_ptr()));
        LLVMSetFunctionCallConv(w, LLVMGetFunctionCallConv(f));
        let fname = ir::value_name(f);
        let attr = LLVMCreateStringAttribute(
            cx.ctx,
            WRAPPER_ATTR.as_ptr() as *const _,
            WRAPPER_ATTR.len() as u32,
            fname.as_ptr() as *const _,
            fname.len() as u32,
        );
        LLVMAddAttributeAtIndex(w, LLVMAttributeFunctionIndex, attr);
        // Code generation like the module's own functions (frame pointers
        // for the runtime's stack traces, target features).
        if let Some(t) = template {
            for key in ["frame-pointer", "target-cpu", "target-features", "tune-cpu"] {
                let a = LLVMGetStringAttributeAtIndex(
                    t,
                    LLVMAttributeFunctionIndex,
                    key.as_ptr() as *const _,
                    key.len() as u32,
                );
                if !a.is_null() {
                    LLVMAddAttributeAtIndex(w, LLVMAttributeFunctionIndex, a);
                }
            }
            let uw = LLVMGetEnumAttributeAtIndex(t, LLVMAttributeFunctionIndex, ir::attr_kind("uwtable"));
            if !uw.is_null() {
                LLVMAddAttributeAtIndex(w, LLVMAttributeFunctionIndex, uw);
            }
        }
        // The ABI attributes (`byval`, `sret`, `signext`…) of `f`.
        for idx in 0..=LLVMCountParams(f) {
            for a in attributes(f, idx) {
                LLVMAddAttributeAtIndex(w, idx, a);
            }
        }
        (w, true)
    }
}

fn attributes(f: V, idx: u32) -> Vec<llvm_sys::prelude::LLVMAttributeRef> {
    unsafe {
        let n = LLVMGetAttributeCountAtIndex(f, idx);
        let mut v = vec![std::ptr::null_mut(); n as usize];
        if n > 0 {
            LLVMGetAttributesAtIndex(f, idx, v.as_mut_ptr());
        }
        v
    }
}

/// `entry: %r = call f(params…); ret %r`.
fn build_body(cx: &ModuleCx, w: V, f: V) {
    unsafe {
        let entry = LLVMAppendBasicBlockInContext(cx.ctx, w, c"entry".as_ptr());
        let b = LLVMCreateBuilderInContext(cx.ctx);
        LLVMPositionBuilderAtEnd(b, entry);
        let fnty = LLVMGlobalGetValueType(f);
        let mut args = ir::params(w);
        let call = LLVMBuildCall2(b, fnty, f, args.as_mut_ptr(), args.len() as u32, c"".as_ptr());
        LLVMSetInstructionCallConv(call, LLVMGetFunctionCallConv(f));
        for idx in 0..=LLVMCountParams(f) {
            for a in attributes(f, idx) {
                LLVMAddCallSiteAttribute(call, idx, a);
            }
        }
        if ir::type_kind(LLVMGetReturnType(fnty)) == llvm_sys::LLVMTypeKind::LLVMVoidTypeKind {
            LLVMBuildRetVoid(b);
        } else {
            LLVMBuildRet(b, call);
        }
        LLVMDisposeBuilder(b);
    }
}
