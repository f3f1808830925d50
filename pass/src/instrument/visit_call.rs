//! Calls: shadows of arguments and return values cross calls in
//! thread-local slots, guarded by tags so that uninstrumented code on either
//! side of a call is never trusted for shadows it did not write.
//!
//! Caller, before the call: argument shadows → `__umsan_param_tls`, callee
//! address → `__umsan_param_tag`. Callee, at return: shadow →
//! `__umsan_retval_tls`, own address → `__umsan_retval_tag`. Caller, after the
//! call: the result's shadow is read only if `__umsan_retval_tag` names the
//! callee; otherwise the callee was not instrumented, its result is clean,
//! and stack objects whose address it received are considered written by it.

use super::function::{round8, Action, FunctionInstrumenter};
use crate::ir::{self, NONAME, V};
use crate::models::{Effect, Model, Ret};
use llvm_sys::core::*;
use llvm_sys::{LLVMIntPredicate as P, LLVMOpcode as Op, LLVMTypeKind as K};

impl FunctionInstrumenter<'_> {
    pub(super) fn visit_call(&mut self, inst: V) {
        let callee = unsafe { LLVMGetCalledValue(inst) };
        if ir::is_inline_asm(callee) {
            return self.visit_inline_asm(inst);
        }
        if let Some(name) = ir::intrinsic_name(callee) {
            return self.visit_intrinsic(inst, &name);
        }
        let callee_name = if ir::is_function(callee) { ir::value_name(callee) } else { String::new() };
        if callee_name.starts_with("__umsan_") {
            return self.set_clean(inst);
        }
        if ir::is_function(callee) {
            if let Some(model) = self.cx.models.for_function(callee).cloned() {
                return self.visit_modelled_call(inst, &model);
            }
        }
        let mut callee = callee;
        let mut wrapped = false;
        if ir::is_function(callee) && ir::is_declaration(callee) {
            let fnty = unsafe { LLVMGetCalledFunctionType(inst) };
            if let Some(wrapper) = self.cx.alloc_wrapper(&callee_name, fnty) {
                let last = ir::num_operands(inst) - 1;
                unsafe { LLVMSetOperand(inst, last, wrapper) };
                callee = wrapper;
                wrapped = true;
            }
        }
        self.before(inst);
        let musttail = unsafe { LLVMGetTailCallKind(inst) } == llvm_sys::LLVMTailCallKind::LLVMTailCallKindMustTail;
        if wrapped {
            // The runtime's allocation wrappers: result clean, and the
            // stack slot `posix_memalign` writes is initialized.
            self.set_clean(inst);
            if !musttail {
                let next = ir::next_instruction(inst);
                let yes = unsafe { LLVMConstInt(self.cx.i1, 1, 0) };
                self.unpoison_escaped(inst, yes, next, false);
            }
            return;
        }
        self.store_arg_shadows(inst, callee);
        if musttail {
            return self.set_clean(inst);
        }
        let next = ir::next_instruction(inst);
        self.before(next);
        let callee_instrumented = self.cx.instrumented.contains(&callee);
        let returned_ours = if callee_instrumented {
            None
        } else {
            let tag = self.load(self.cx.ptr, self.cx.retval_tag, 8);
            Some(self.icmp(P::LLVMIntEQ, tag, callee))
        };
        if let Some(st) = self.shadow_ty(inst) {
            let s = if self.cx.layout.alloc_size(st) > umsan_abi::PARAM_TLS_BYTES {
                self.cx.clean(st)
            } else {
                let s = self.load(st, self.cx.retval_tls, 8);
                match returned_ours {
                    Some(ok) => self.select(ok, s, self.cx.clean(st)),
                    None => s,
                }
            };
            self.set_shadow(inst, s);
            if self.cx.origins {
                let o = self.load(self.cx.i32, self.cx.retval_origin_tls, 4);
                let o = match returned_ours {
                    Some(ok) => self.select(ok, o, self.cx.const_i32(0)),
                    None => o,
                };
                self.set_origin(inst, o);
            }
        }
        if let Some(ok) = returned_ours {
            self.before(next);
            let not_ours = self.not(ok);
            self.unpoison_escaped(inst, not_ours, next, true);
        }
    }

    /// Writes the argument shadows into the param TLS and tags the call.
    fn store_arg_shadows(&mut self, inst: V, callee: V) {
        let fnty = unsafe { LLVMGetCalledFunctionType(inst) };
        let nparams = unsafe { LLVMCountParamTypes(fnty) };
        let mut offset = 0u64;
        for i in 0..nparams {
            let arg = ir::operand(inst, i);
            if self.cx.opts.eager_checks {
                self.check_operand(arg, inst);
            }
            if let Some(byval) = ir::call_arg_type_attr(inst, i, "byval") {
                let size = self.cx.layout.alloc_size(byval);
                if offset + size > umsan_abi::PARAM_TLS_BYTES {
                    break;
                }
                self.before(inst);
                let slot = self.tls_slot(self.cx.param_tls, offset);
                let src = self.shadow_addr(arg);
                unsafe { LLVMBuildMemCpy(self.b, slot, 8, src, 1, self.cx.const_i64(size)) };
                offset += round8(size);
                continue;
            }
            let Some(st) = self.shadow_ty(arg) else { continue };
            let size = self.cx.layout.alloc_size(st);
            if offset + size > umsan_abi::PARAM_TLS_BYTES {
                break;
            }
            self.before(inst);
            let s = if self.cx.opts.eager_checks { self.cx.clean(st) } else { self.shadow(arg) };
            let slot = self.tls_slot(self.cx.param_tls, offset);
            self.store(s, slot, 8);
            if self.cx.origins && !self.is_clean_const(s) {
                let oslot = self.tls_slot(self.cx.param_origin_tls, offset);
                self.store(self.origin(arg), oslot, 4);
            }
            offset += round8(size);
        }
        self.before(inst);
        self.store(callee, self.cx.param_tag, 8);
    }

    /// After a call into uninstrumented code (`cond`), memory whose address
    /// it was given counts as written by it: whole local variables
    /// (`stat(path, &st)`, `pipe(fds)`), and with `other_memory` the
    /// uninitialized run at any other pointer (`strcpy(heap_buf, s)`).
    fn unpoison_escaped(&mut self, inst: V, cond: V, next: V, other_memory: bool) {
        self.unpoison_escaped_except(inst, cond, next, other_memory, &[]);
    }

    fn unpoison_escaped_except(&mut self, inst: V, cond: V, next: V, other_memory: bool, skip: &[u32]) {
        let nargs = unsafe { LLVMGetNumArgOperands(inst) };
        let mut seen = Vec::new();
        for i in (0..nargs).filter(|i| !skip.contains(i)) {
            let arg = ir::operand(inst, i);
            if ir::type_kind(ir::type_of(arg)) != K::LLVMPointerTypeKind || seen.contains(&arg) {
                continue;
            }
            seen.push(arg);
            let size = match self.underlying_static_alloca(arg) {
                Some((alloca, size)) => {
                    if seen.contains(&alloca) {
                        continue;
                    }
                    seen.push(alloca);
                    self.actions.push(Action::UnpoisonIf { cond, ptr: alloca, size: Some(size), before: next });
                    continue;
                }
                None if other_memory && !is_known_clean_pointer(arg) => None,
                None => continue,
            };
            self.actions.push(Action::UnpoisonIf { cond, ptr: arg, size, before: next });
        }
    }

    /// A call to a modelled function: its body is not instrumented, and
    /// after it returns exactly the `k` transferred bytes get the model's
    /// effect on shadow. The application data is never touched.
    fn visit_modelled_call(&mut self, inst: V, model: &Model) {
        self.set_clean(inst);
        if unsafe { LLVMGetTailCallKind(inst) } == llvm_sys::LLVMTailCallKind::LLVMTailCallKindMustTail {
            return;
        }
        let next = ir::next_instruction(inst);
        self.before(next);
        let i64t = self.cx.i64;
        let zero = self.cx.const_i64(0);
        let to_i64 = |this: &Self, v: V| {
            let w = ir::int_width(ir::type_of(v));
            if w == 64 {
                v
            } else if w < 64 {
                this.sext(v, i64t)
            } else {
                unsafe { LLVMBuildTrunc(this.b, v, i64t, NONAME) }
            }
        };
        let len = to_i64(self, self.cx.defined_operand(ir::operand(inst, model.len)));
        let len_neg = self.icmp(P::LLVMIntSLT, len, zero);
        let len = self.select(len_neg, zero, len);
        let k = match model.ret {
            Ret::None => len,
            Ret::Remaining | Ret::Copied => {
                let r = to_i64(self, inst);
                let r_neg = self.icmp(P::LLVMIntSLT, r, zero);
                let r_big = self.icmp(P::LLVMIntSGT, r, len);
                if model.ret == Ret::Copied {
                    let capped = self.select(r_big, len, r);
                    self.select(r_neg, zero, capped)
                } else {
                    let rest = unsafe { LLVMBuildSub(self.b, len, r, NONAME) };
                    let capped = self.select(r_big, zero, rest);
                    self.select(r_neg, len, capped)
                }
            }
        };
        let arg = |i: Option<u32>| ir::operand(inst, i.expect("validated model"));
        match model.effect {
            Effect::MemcpyLike => {
                self.call(self.cx.move_shadow, &[arg(model.dst), arg(model.src), k]);
            }
            Effect::CopyOut => {
                self.call(self.cx.copy_out_check, &[arg(model.src), k]);
            }
            Effect::CopyIn => {
                self.call(self.cx.unpoison, &[arg(model.dst), k]);
            }
        }
        // Other memory the function was given counts as written by it.
        let covered: Vec<u32> = [model.dst, model.src].into_iter().flatten().collect();
        let yes = unsafe { LLVMConstInt(self.cx.i1, 1, 0) };
        self.unpoison_escaped_except(inst, yes, next, true, &covered);
    }

    /// The static alloca a pointer is derived from (through GEPs and casts).
    fn underlying_static_alloca(&self, mut p: V) -> Option<(V, u64)> {
        for _ in 0..16 {
            if ir::is_alloca(p) {
                return self.static_allocas.iter().find(|&&(a, _)| a == p).copied();
            }
            if ir::is_instruction(p) {
                match ir::opcode(p) {
                    Op::LLVMGetElementPtr | Op::LLVMBitCast | Op::LLVMAddrSpaceCast => p = ir::operand(p, 0),
                    _ => return None,
                }
            } else if unsafe { !LLVMIsAConstantExpr(p).is_null() } {
                p = ir::operand(p, 0);
            } else {
                return None;
            }
        }
        None
    }

    /// Inline assembly is opaque: no operand is checked (an `asm volatile`
    /// barrier may legitimately take uninitialized values), its results are
    /// clean, and memory it may write through pointer operands is cleaned.
    fn visit_inline_asm(&mut self, inst: V) {
        self.set_clean(inst);
        let nargs = unsafe { LLVMGetNumArgOperands(inst) };
        for i in 0..nargs {
            let Some(elem) = ir::call_arg_type_attr(inst, i, "elementtype") else { continue };
            let size = self.cx.layout.store_size(elem);
            if size == 0 {
                continue;
            }
            let p = ir::operand(inst, i);
            self.after(inst);
            self.set_shadow_bytes(p, 0, self.cx.const_i64(size), 1);
        }
        let _ = NONAME;
    }
}

/// Pointers whose memory never carries poison: null, functions, and
/// read-only globals such as string literals (also behind constant GEPs).
fn is_known_clean_pointer(mut p: V) -> bool {
    unsafe {
        while !LLVMIsAConstantExpr(p).is_null() {
            p = ir::operand(p, 0);
        }
        if !LLVMIsAGlobalVariable(p).is_null() {
            return LLVMIsGlobalConstant(p) != 0;
        }
        !LLVMIsAConstantPointerNull(p).is_null() || ir::is_function(p)
    }
}
