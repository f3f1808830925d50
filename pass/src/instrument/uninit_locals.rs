//! Uninitialized locals the optimizer would make disappear (issue 20).
//!
//! When one path leaves a local uninitialized and another assigns it, SROA
//! turns the local into a phi of `undef` and the value, and InstCombine
//! folds that phi (or the `select` it became) into the value: `undef` may be
//! anything, so it may be the value. The uninitialized path is gone before
//! the instrumentation runs at the end of the pipeline, and neither umsan
//! nor MemorySanitizer can report it from -O1 on.
//!
//! The prepare step (the start of the pipeline, before SROA) therefore
//! gives every small local a definite "uninitialized" value where its life
//! starts: a store of `call T @__umsan_uninit.<T>(ptr @descr)` into the
//! slot. The call has no effects (`memory(none)`), so the optimizer deletes
//! it wherever the local is assigned before every read — the common case
//! costs nothing — and promotes it like any value where a read can see it;
//! but it is opaque, so no phi or select of it folds. `@descr` is the
//! origin description (`"var@function"`), fixed before inlining moves the
//! local into its callers.
//!
//! The instrumentation gives the call's result an all-poisoned shadow and
//! the stack-allocation origin of `@descr` (created on first use, like a
//! stack slot's), and drops a store of it into a stack slot that was not
//! promoted (the slot is poisoned where its life starts anyway). At the end
//! of the module every remaining call becomes a zero constant: no call
//! reaches the object file.

use crate::ir::{self, cstring, T, V};
use llvm_sys::core::*;
use llvm_sys::debuginfo::LLVMInstructionGetDebugLoc;
use llvm_sys::LLVMOpcode as Op;
use llvm_sys::LLVMTypeKind as K;

/// Name prefix of the marker functions (one per type).
pub const MARKER_PREFIX: &str = "__umsan_uninit.";

/// Name of the origin descriptions (`"var@function"`) of marked locals.
const DESCR_NAME: &str = "__umsan_uninit_descr";

/// Aggregates (structs, arrays) up to this size get a marker; SROA splits
/// a store of the whole aggregate into its promoted parts.
const MAX_AGGREGATE_BYTES: u64 = 32;

/// Is `f` a marker function?
pub fn is_marker(f: V) -> bool {
    ir::is_function(f) && ir::value_name(f).starts_with(MARKER_PREFIX)
}

/// The marker call `v` comes from, looking through `extractvalue` (SROA
/// splits a marked aggregate into its fields).
pub fn marker_call(mut v: V) -> Option<V> {
    loop {
        if !ir::is_instruction(v) {
            return None;
        }
        match ir::opcode(v) {
            Op::LLVMCall if is_marker(unsafe { LLVMGetCalledValue(v) }) => return Some(v),
            Op::LLVMExtractValue => v = ir::operand(v, 0),
            _ => return None,
        }
    }
}

/// The origin description global a marker call carries.
pub(super) fn descr(call: V) -> V {
    ir::operand(call, 0)
}

/// The prepare step: marks every small local of every function in `fns`
/// (the functions that will be instrumented and propagate shadow).
pub fn mark_locals(module: llvm_sys::prelude::LLVMModuleRef, fns: &[V]) {
    let layout = ir::Layout::new(module);
    for &f in fns {
        let entry = unsafe { LLVMGetEntryBasicBlock(f) };
        let insts = ir::instructions(entry);
        let Some(first_other) = insts.iter().copied().find(|&i| ir::opcode(i) != Op::LLVMAlloca) else { continue };
        let func_name = ir::value_name(f);
        let mut doms = None;
        for &a in insts.iter().filter(|&&i| ir::opcode(i) == Op::LLVMAlloca) {
            let ty = unsafe { LLVMGetAllocatedType(a) };
            if ir::const_int_value(ir::operand(a, 0)) != Some(1) || !markable(&layout, ty) {
                continue;
            }
            let starts: Vec<V> = ir::users(a).into_iter().filter(|&u| is_lifetime_start(u, a)).collect();
            // Without lifetime markers the slot lives from the entry on
            // (and an alloca used before its first lifetime start too).
            let points: Vec<V> = if starts.is_empty()
                || !only_after_starts(a, &starts, doms.get_or_insert_with(|| ir::Dominators::new(&ir::reverse_post_order(f))))
            {
                vec![first_other]
            } else {
                starts.iter().map(|&s| ir::next_instruction(s)).collect()
            };
            let name = super::visit_memory::source_name(&ir::value_name(a));
            let d = ir::private_string(module, DESCR_NAME, &format!("{name}@{func_name}"));
            let marker = marker_fn(module, ty);
            for at in points {
                unsafe {
                    let b = LLVMCreateBuilderInContext(LLVMGetModuleContext(module));
                    LLVMPositionBuilderBefore(b, at);
                    LLVMSetCurrentDebugLocation2(b, LLVMInstructionGetDebugLoc(at));
                    let mut args = [d];
                    let call = LLVMBuildCall2(b, LLVMGlobalGetValueType(marker), marker, args.as_mut_ptr(), 1, ir::NONAME);
                    let st = LLVMBuildStore(b, call, a);
                    LLVMSetAlignment(st, LLVMGetAlignment(a));
                    LLVMDisposeBuilder(b);
                }
            }
        }
    }
}

/// The end of the instrumentation: every marker call left (in functions
/// not instrumented, or after the instrumentation read them) becomes a
/// zero of its type; the markers and unused descriptions go.
pub fn lower(module: llvm_sys::prelude::LLVMModuleRef) {
    for f in ir::functions(module) {
        if !is_marker(f) {
            continue;
        }
        for call in ir::users(f) {
            unsafe {
                LLVMReplaceAllUsesWith(call, LLVMConstNull(LLVMTypeOf(call)));
                LLVMInstructionEraseFromParent(call);
            }
        }
        unsafe { LLVMDeleteFunction(f) };
    }
    // The descriptions nothing uses now (of every local whose marker the
    // optimizer deleted, and of the calls just lowered).
    let mut g = unsafe { LLVMGetFirstGlobal(module) };
    while !g.is_null() {
        let next = unsafe { LLVMGetNextGlobal(g) };
        if ir::value_name(g).starts_with(DESCR_NAME) && unsafe { LLVMGetFirstUse(g) }.is_null() {
            unsafe { LLVMDeleteGlobal(g) };
        }
        g = next;
    }
}

/// Types worth a marker: first-class scalars and vectors, and small
/// aggregates of them (what SROA promotes). Larger locals are buffers, read
/// through memory, where the shadow of the slot already tells.
fn markable(layout: &ir::Layout, ty: T) -> bool {
    match ir::type_kind(ty) {
        K::LLVMIntegerTypeKind | K::LLVMPointerTypeKind | K::LLVMFloatTypeKind | K::LLVMDoubleTypeKind => true,
        K::LLVMVectorTypeKind => markable(layout, ir::element_type(ty)),
        K::LLVMStructTypeKind | K::LLVMArrayTypeKind => {
            layout.alloc_size(ty) <= MAX_AGGREGATE_BYTES && leaves_markable(layout, ty)
        }
        _ => false,
    }
}

fn leaves_markable(layout: &ir::Layout, ty: T) -> bool {
    match ir::type_kind(ty) {
        K::LLVMStructTypeKind => {
            (unsafe { LLVMIsOpaqueStruct(ty) } == 0) && ir::struct_fields(ty).into_iter().all(|t| leaves_markable(layout, t))
        }
        K::LLVMArrayTypeKind => leaves_markable(layout, ir::element_type(ty)),
        _ => markable(layout, ty),
    }
}

fn is_lifetime_start(u: V, a: V) -> bool {
    ir::is_instruction(u)
        && ir::opcode(u) == Op::LLVMCall
        && ir::intrinsic_name(unsafe { LLVMGetCalledValue(u) }).as_deref() == Some("llvm.lifetime.start.p0")
        && ir::operand(u, 1) == a
}

/// Is every use of `a` other than its lifetime starts in a block one of
/// them dominates, or after one in its own block? Clang emits a local's
/// lifetime start at its declaration, before any use; this guards the rare
/// slot that is used outside its marked lifetime (a `goto` over the
/// declaration), which is then marked at the entry instead.
fn only_after_starts(a: V, starts: &[V], doms: &ir::Dominators) -> bool {
    ir::users(a).into_iter().all(|u| {
        starts.contains(&u)
            || starts.iter().any(|&s| {
                let (sb, ub) = (ir::instruction_parent(s), ir::instruction_parent(u));
                if sb == ub {
                    ir::comes_after(u, s)
                } else {
                    doms.dominates(sb, ub)
                }
            })
    })
}

/// `declare T @__umsan_uninit.<T>(ptr) memory(none) nounwind willreturn
/// nosync nofree` (found or created).
fn marker_fn(module: llvm_sys::prelude::LLVMModuleRef, ty: T) -> V {
    let stem = format!("{MARKER_PREFIX}{}", type_suffix(ty));
    let mut cname = cstring(&stem);
    unsafe {
        // Two types may print alike once punctuation is replaced
        // (`%struct.a_b`, `%struct.a.b`): the first free name or the one
        // returning `ty`.
        for n in 1.. {
            let existing = LLVMGetNamedFunction(module, cname.as_ptr());
            if existing.is_null() {
                break;
            }
            if LLVMGetReturnType(LLVMGlobalGetValueType(existing)) == ty {
                return existing;
            }
            cname = cstring(&format!("{stem}.{n}"));
        }
        let ctx = LLVMGetModuleContext(module);
        let mut params = [LLVMPointerTypeInContext(ctx, 0)];
        let fty = LLVMFunctionType(ty, params.as_mut_ptr(), 1, 0);
        let f = LLVMAddFunction(module, cname.as_ptr(), fty);
        for (attr, val) in [("memory", 0), ("nounwind", 0), ("willreturn", 0), ("nosync", 0), ("nofree", 0)] {
            let a = LLVMCreateEnumAttribute(ctx, ir::attr_kind(attr), val);
            LLVMAddAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, a);
        }
        f
    }
}

/// A name for `ty` unique within the module (the type's printed form with
/// anything but letters and digits replaced).
fn type_suffix(ty: T) -> String {
    let s = unsafe {
        let p = LLVMPrintTypeToString(ty);
        let s = ir::c_str_lossy(p);
        LLVMDisposeMessage(p);
        s
    };
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}
