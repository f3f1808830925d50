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
use crate::models::{BinOp, Effect, Expr, Func, Model, Operand, Ret};
use llvm_sys::core::*;
use llvm_sys::{LLVMIntPredicate as P, LLVMOpcode as Op, LLVMTypeKind as K};

impl FunctionInstrumenter<'_> {
    pub(super) fn visit_call(&mut self, inst: V) {
        let callee = unsafe { LLVMGetCalledValue(inst) };
        let invoke = ir::opcode(inst) == Op::LLVMInvoke;
        if invoke && (ir::is_inline_asm(callee) || ir::intrinsic_name(callee).is_some()) {
            // Invoked intrinsics (`llvm.experimental.*`) and `asm` that may
            // unwind: not emitted for ordinary C++ on Linux.
            return self.visit_instruction(inst);
        }
        if ir::is_inline_asm(callee) {
            return self.visit_inline_asm(inst);
        }
        if let Some(name) = ir::intrinsic_name(callee) {
            return self.visit_intrinsic(inst, &name);
        }
        let callee_name = if ir::is_function(callee) { ir::value_name(callee) } else { String::new() };
        if callee_name.starts_with(super::uninit_locals::MARKER_PREFIX) {
            return self.visit_uninit_marker(inst);
        }
        if callee_name.starts_with("__umsan_") || is_public_api(&callee_name) {
            // The runtime itself: its effect on shadow is its business.
            return self.set_clean(inst);
        }
        if !ir::is_function(callee) {
            // The target of an indirect call is used.
            self.check_operand(callee, inst);
            self.redirect_indirect_allocation(inst, callee);
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
        let musttail = ir::is_musttail(inst);
        if wrapped {
            // The runtime's allocation wrappers: result clean, and the
            // stack slot `posix_memalign` writes is initialized.
            self.set_clean(inst);
            if !musttail {
                let yes = unsafe { LLVMConstInt(self.cx.i1, 1, 0) };
                self.unpoison_escaped(inst, yes, inst, false);
            }
            return;
        }
        self.store_arg_shadows(inst, callee);
        if musttail {
            return self.set_clean(inst);
        }
        // After the call returned: for an `invoke`, on its normal edge only.
        let next = ir::after_point(inst);
        self.before(next);
        let callee_instrumented = self.cx.instrumented.contains(&callee);
        let returned_ours = if callee_instrumented {
            None
        } else {
            let tag = self.load(self.cx.ptr, self.cx.retval_tag, 8);
            Some(self.icmp(P::LLVMIntEQ, tag, callee))
        };
        if self.cx.opts.eager_checks {
            // The callee checked what it returns.
            self.set_clean(inst);
        } else if let Some(st) = self.shadow_ty(inst) {
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
                // No select: the origin only matters where the shadow is
                // nonzero, which it is only if the callee was ours.
                let o = self.load(self.cx.i32, self.cx.retval_origin_tls, 4);
                self.slot_origin_loads.push(o);
                self.set_origin(inst, o);
            }
        }
        if let Some(ok) = returned_ours {
            self.before(next);
            let not_ours = self.not(ok);
            self.unpoison_escaped(inst, not_ours, not_ours, true);
        }
    }

    /// Writes the argument shadows into the param TLS and tags the call.
    fn store_arg_shadows(&mut self, inst: V, callee: V) {
        let fnty = unsafe { LLVMGetCalledFunctionType(inst) };
        let nparams = unsafe { LLVMCountParamTypes(fnty) };
        let variadic = unsafe { LLVMIsFunctionVarArg(fnty) } != 0;
        if self.cx.opts.eager_checks {
            // As -fsanitize-memory-param-retval: `noundef` arguments only
            // (an argument the callee ignores may have become `poison`).
            for i in 0..nparams {
                if ir::call_has_attr(inst, i + 1, "noundef") {
                    self.check_operand(ir::operand(inst, i), inst);
                }
            }
            if !variadic {
                // Callees compiled with eager checks take their arguments
                // as clean; others find no tag naming them.
                return;
            }
        }
        if !self.cx.closed.contains(&callee) && self.all_args_clean(inst) {
            // No tag: the callee takes every argument as initialized, as it
            // does after a call from uninstrumented code. (The tag names no
            // function here: every instrumented callee clears it on entry,
            // and so does the runtime before a signal handler.)
            return;
        }
        let mut offset = 0u64;
        for i in 0..nparams {
            let arg = ir::operand(inst, i);
            if let Some(byval) = ir::call_arg_type_attr(inst, i, "byval") {
                let size = self.cx.layout.alloc_size(byval);
                if offset + size > umsan_abi::PARAM_TLS_BYTES {
                    break;
                }
                self.before(inst);
                let slot = self.tls_slot(self.cx.param_tls, offset);
                let src = self.shadow_addr(arg);
                unsafe { LLVMBuildMemCpy(self.b, slot, 8, src, 1, self.cx.const_i64(size)) };
                if self.cx.origins {
                    self.copy_byval_origins_out(arg, self.cx.param_origin_tls, offset, size);
                }
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
        self.store_vararg_shadows(inst);
        if !self.cx.closed.contains(&callee) {
            self.before(inst);
            self.store(callee, self.cx.param_tag, 8);
        }
    }

    /// Every argument of `call` (fixed and variadic) has a constant clean
    /// shadow and none is passed in memory (`byval`).
    fn all_args_clean(&self, call: V) -> bool {
        let nargs = unsafe { LLVMGetNumArgOperands(call) };
        (0..nargs).all(|i| {
            let arg = ir::operand(call, i);
            ir::call_arg_type_attr(call, i, "byval").is_none()
                && (self.shadow_ty(arg).is_none() || self.is_clean_const(self.shadow(arg)))
        })
    }

    /// After a call into uninstrumented code (`cond`), memory whose address
    /// it was given counts as written by it: whole local variables
    /// (`stat(path, &st)`, `pipe(fds)`), and with `other_memory` any other
    /// pointer's object — the `dereferenceable(N)` bytes a C++ reference or
    /// `this` promises (`std::string::_M_replace(this, …)` writes the
    /// length after the initialized data pointer; a complete-object
    /// constructor's whole object, virtual bases included: `cxx_ctor`),
    /// else the uninitialized run at the pointer (`strcpy(heap_buf, s)`).
    /// The cleaning happens right after the instruction `after`.
    fn unpoison_escaped(&mut self, inst: V, cond: V, after: V, other_memory: bool) {
        self.unpoison_escaped_except(inst, cond, after, other_memory, &[]);
    }

    fn unpoison_escaped_except(&mut self, inst: V, cond: V, after: V, other_memory: bool, skip: &[u32]) {
        let nargs = unsafe { LLVMGetNumArgOperands(inst) };
        let mut seen: Vec<(V, Option<u64>)> = Vec::new();
        for i in (0..nargs).filter(|i| !skip.contains(i)) {
            let arg = ir::operand(inst, i);
            if ir::type_kind(ir::type_of(arg)) != K::LLVMPointerTypeKind {
                continue;
            }
            // A complete-object constructor's object, exactly (also inside
            // a local: its other members keep their state).
            let object = match i {
                0 if other_memory => super::cxx_ctor::complete_object_size(&self.cx.layout, inst),
                _ => None,
            };
            let (ptr, size) = match (object, self.underlying_static_alloca(arg)) {
                (Some(n), _) => {
                    let promised = ir::call_arg_dereferenceable(inst, i).unwrap_or(0);
                    (arg, Some(n.max(promised)).filter(|&n| n <= MAX_DEREFERENCEABLE_CLEAN))
                }
                (None, Some((alloca, size))) => (alloca, Some(size)),
                (None, None) if other_memory && !is_known_clean_pointer(arg) => {
                    let size = ir::call_arg_dereferenceable(inst, i);
                    (arg, size.filter(|&n| n <= MAX_DEREFERENCEABLE_CLEAN))
                }
                (None, None) => continue,
            };
            if seen.iter().any(|&(p, _)| p == ptr) {
                continue;
            }
            seen.push((ptr, size));
        }
        if !seen.is_empty() {
            self.actions.push(Action::UnpoisonIf { cond, ptrs: seen, after });
        }
    }

    /// A call to a modelled function: its body is not instrumented, and
    /// after it returns exactly the `k` transferred bytes get the model's
    /// effect on shadow. The application data is never touched.
    fn visit_modelled_call(&mut self, inst: V, model: &Model) {
        self.set_clean(inst);
        if ir::is_musttail(inst) {
            return;
        }
        // Argument shadows exist only now: format checks are never applied
        // before optimization.
        for m in model.effects().filter(|m| m.effect == Effect::CheckFormat) {
            self.emit_format_check(inst, m);
        }
        if model.effects().any(|m| m.effect == Effect::Pure) {
            self.set_debug_loc(inst);
            for i in 0..unsafe { LLVMGetNumArgOperands(inst) } {
                self.check_operand(ir::operand(inst, i), inst);
            }
        }
        if self.cx.is_marked_modelled(inst) {
            return;
        }
        self.set_debug_loc(inst);
        let effect = self.emit_model_effect(inst, model);
        // Other memory the function was given counts as written by it
        // (scan targets: see `emit_scan_targets`).
        let mut covered = model.covered();
        if let Some(first) = model.scan_targets_from() {
            covered.extend(first..unsafe { LLVMGetNumArgOperands(inst) });
        }
        let yes = unsafe { LLVMConstInt(self.cx.i1, 1, 0) };
        self.unpoison_escaped_except(inst, yes, effect, true, &covered);
    }

    /// Emits, right after the call `inst`, the computation of `k` and the
    /// effects of the model (and of its `also` effects) on exactly `k`
    /// bytes each; returns the last instruction emitted.
    /// `before(e)` sub-expressions are evaluated right before the call
    /// (unconditionally: `when` is not known yet).
    pub(super) fn emit_model_effect(&mut self, inst: V, model: &Model) -> V {
        self.model_helper_calls.clear();
        // A `scan_format` effect reading a `va_list` needs the list's state
        // before the call (the call advances it).
        let scan_va: Vec<Expr> = model
            .effects()
            .filter(|m| m.effect == Effect::ScanFormat)
            .filter_map(|m| m.va_list)
            .flat_map(va_list_words)
            .collect();
        let mut befores: Vec<&Expr> = scan_va.iter().collect();
        for m in model.effects() {
            for e in m.exprs() {
                e.befores(&mut befores);
            }
        }
        let mut pre: Vec<Pre> = Vec::new();
        if !befores.is_empty() {
            self.before(inst);
            let yes = unsafe { LLVMConstInt(self.cx.i1, 1, 0) };
            for b in befores {
                if pre.iter().any(|(d, _)| d == b) {
                    continue;
                }
                let Expr::Before(inner) = b else { continue };
                let v = self.eval_model_expr(inst, inner, yes, &pre);
                pre.push((b.clone(), v));
            }
        }
        let next = ir::after_point(inst);
        self.before(next);
        // The effects are emitted in one straight line after the call and
        // write only shadow and origins, so a helper's result (which reads
        // the program's memory) holds for all of them — but not one the
        // `before(…)` nodes computed before the call.
        self.model_helper_calls.clear();
        let mut last = inst;
        for m in model.effects() {
            last = self.emit_one_effect(inst, m, &pre);
        }
        last
    }

    fn emit_one_effect(&mut self, inst: V, model: &Model, pre: &[Pre]) -> V {
        let zero = self.cx.const_i64(0);
        let yes = unsafe { LLVMConstInt(self.cx.i1, 1, 0) };
        // The condition first: helpers below run only when it holds.
        let cond = match &model.when {
            Some(w) => {
                let v = self.eval_model_expr(inst, w, yes, pre);
                self.icmp(P::LLVMIntNE, v, zero)
            }
            None => yes,
        };
        if matches!(model.effect, Effect::CheckFormat | Effect::Pure) {
            return inst; // see `emit_format_check`, `visit_modelled_call`
        }
        if model.effect == Effect::ScanFormat {
            return self.emit_scan_targets(inst, model, cond, pre);
        }
        if model.effect == Effect::CleanStack {
            let void = unsafe { LLVMVoidTypeInContext(self.cx.ctx) };
            let f = self.cx.runtime_fn(CLEAN_STACK_BELOW, void, &[self.cx.i64]);
            let on = unsafe { LLVMBuildZExt(self.b, cond, self.cx.i64, NONAME) };
            return self.call(f, &[on]);
        }
        if model.effect == Effect::Syscall {
            // `syscall(nr, a1, a2, a3, …)`: the number, the result and the
            // first three arguments (0 where the call passes fewer).
            let nargs = unsafe { LLVMGetNumArgOperands(inst) };
            let mut args = Vec::with_capacity(6);
            for i in 0..4 {
                let a = if i < nargs { Some(ir::operand(inst, i)) } else { None };
                let int_or_ptr = a.map(|a| ir::type_kind(ir::type_of(a))).is_some_and(|k| {
                    matches!(k, K::LLVMIntegerTypeKind | K::LLVMPointerTypeKind)
                });
                args.push(match a {
                    Some(a) if int_or_ptr => self.model_i64(a),
                    _ => zero,
                });
            }
            let ret = self.model_i64(inst);
            args.insert(1, ret);
            args.push(unsafe { LLVMBuildZExt(self.b, cond, self.cx.i64, NONAME) });
            let f = self.cx.runtime_fn(MODEL_SYSCALL, self.cx.void, &[self.cx.i64; 6]);
            return self.call(f, &args);
        }
        let len = match &model.len {
            Operand::Param(i) => self.model_i64(ir::operand(inst, *i)),
            Operand::Expr(e) => self.eval_model_expr(inst, e, cond, pre),
        };
        let len_neg = self.icmp(P::LLVMIntSLT, len, zero);
        let len = self.select(len_neg, zero, len);
        if matches!(model.effect, Effect::CopyInIov | Effect::CopyOutIov) {
            // `len` iovecs; `bytes` of them in order (-1: all).
            let bytes = if model.ret == Ret::Copied {
                let r = self.model_i64(inst);
                let r_neg = self.icmp(P::LLVMIntSLT, r, zero);
                self.select(r_neg, zero, r)
            } else {
                self.cx.const_i64(u64::MAX)
            };
            let bytes = self.select(cond, bytes, zero);
            let (which, mode) = if model.effect == Effect::CopyInIov { (&model.dst, 0) } else { (&model.src, 1) };
            let iov = match which.as_ref().expect("validated model") {
                Operand::Param(i) => self.cx.defined_operand(ir::operand(inst, *i)),
                Operand::Expr(e) => {
                    let v = self.eval_model_expr(inst, e, cond, pre);
                    unsafe { LLVMBuildIntToPtr(self.b, v, self.cx.ptr, NONAME) }
                }
            };
            let void = unsafe { LLVMVoidTypeInContext(self.cx.ctx) };
            let f = self.cx.runtime_fn(MODEL_IOV, void, &[self.cx.ptr, self.cx.i64, self.cx.i64, self.cx.i64]);
            let mode = self.cx.const_i64(mode);
            return self.call(f, &[iov, len, bytes, mode]);
        }
        let k = match model.ret {
            Ret::None => len,
            Ret::Remaining | Ret::Copied => {
                let r = self.model_i64(inst);
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
        let k = self.select(cond, k, zero);
        let ptr = |this: &mut Self, o: &Option<Operand>| match o.as_ref().expect("validated model") {
            Operand::Param(i) => this.cx.defined_operand(ir::operand(inst, *i)),
            Operand::Expr(e) => {
                let v = this.eval_model_expr(inst, e, cond, pre);
                unsafe { LLVMBuildIntToPtr(this.b, v, this.cx.ptr, NONAME) }
            }
        };
        match model.effect {
            Effect::MemcpyLike => {
                let d = ptr(self, &model.dst);
                let s = ptr(self, &model.src);
                self.call(self.cx.move_shadow, &[d, s, k])
            }
            Effect::CopyOut => {
                let s = ptr(self, &model.src);
                self.call(self.cx.copy_out_check, &[s, k])
            }
            Effect::CopyIn => {
                let d = ptr(self, &model.dst);
                self.call(self.cx.unpoison, &[d, k])
            }
            Effect::CopyInIov
            | Effect::CopyOutIov
            | Effect::CleanStack
            | Effect::Syscall
            | Effect::CheckFormat
            | Effect::ScanFormat
            | Effect::Pure => {
                unreachable!("handled above")
            }
            Effect::Check => {
                let s = ptr(self, &model.src);
                let f = self.cx.runtime_fn(
                    CHECK_MEM,
                    unsafe { LLVMVoidTypeInContext(self.cx.ctx) },
                    &[self.cx.ptr, self.cx.i64],
                );
                self.call(f, &[s, k])
            }
        }
    }

    /// scanf-style calls, after the call: each target the format assigned
    /// (per the return value) becomes initialized. With the targets as
    /// variadic arguments, `__umsan_model_scan_arg(fmt, ret, i, p, on)` for
    /// the `i`-th target `p`; with a `va_list`, `__umsan_model_scan_va(fmt,
    /// ret, offsets, overflow_area, reg_save_area, on)` with the list's words
    /// before the call. Returns the last instruction emitted.
    fn emit_scan_targets(&mut self, inst: V, model: &Model, cond: V, pre: &[Pre]) -> V {
        let Some(Operand::Param(fmt)) = model.src.as_ref() else { return inst };
        let i64t = self.cx.i64;
        let fmt = self.model_i64(ir::operand(inst, *fmt));
        let ret = self.model_i64(inst);
        let on = unsafe { LLVMBuildZExt(self.b, cond, i64t, NONAME) };
        let mut last = inst;
        if let Some(ap) = model.va_list {
            let words: Vec<V> = va_list_words(ap).iter().map(|w| self.eval_model_expr(inst, w, cond, pre)).collect();
            let f = self.cx.runtime_fn(MODEL_SCAN_VA, self.cx.void, &[i64t; 6]);
            return self.call(f, &[fmt, ret, words[0], words[1], words[2], on]);
        }
        let Some(first) = model.args else { return inst };
        let nargs = unsafe { LLVMGetNumArgOperands(inst) };
        let f = self.cx.runtime_fn(MODEL_SCAN_ARG, self.cx.void, &[i64t; 5]);
        for i in first..nargs {
            let arg = ir::operand(inst, i);
            if ir::type_kind(ir::type_of(arg)) != K::LLVMPointerTypeKind {
                continue;
            }
            let p = self.model_i64(arg);
            let index = self.cx.const_i64((i - first) as u64);
            last = self.call(f, &[fmt, ret, index, p, on]);
        }
        last
    }

    /// printf-style calls: before the call, hands the format, and for each
    /// variadic argument whether its shadow is poisoned (a flag: 0 when
    /// initialized, else `1 << 32 | origin`) and its value, to
    /// `__umsan_check_format(fmt, n, flag0, value0, …)`, which reports the
    /// arguments the format consumes (and `%s` strings) if uninitialized.
    ///
    /// `vprintf`-style (`va_list` in the model): hands the format and the
    /// `va_list` to `__umsan_check_format_va(fmt, ap)`, which reads the
    /// arguments' shadows where umsan's `va_start` put them.
    fn emit_format_check(&mut self, inst: V, model: &Model) {
        if let (Some(ap), Some(Operand::Param(fmt))) = (model.va_list, model.src.as_ref()) {
            self.set_debug_loc(inst);
            self.before(inst);
            let fmt = self.cx.defined_operand(ir::operand(inst, *fmt));
            let ap = self.cx.defined_operand(ir::operand(inst, ap));
            let void = unsafe { LLVMVoidTypeInContext(self.cx.ctx) };
            let f = self.cx.runtime_fn(CHECK_FORMAT_VA, void, &[self.cx.ptr, self.cx.ptr]);
            self.call(f, &[fmt, ap]);
            return;
        }
        let (Some(first), Some(Operand::Param(fmt))) = (model.args, model.src.as_ref()) else { return };
        let nargs = unsafe { LLVMGetNumArgOperands(inst) };
        if first >= nargs || nargs - first > 64 {
            return;
        }
        self.set_debug_loc(inst);
        self.before(inst);
        let i64t = self.cx.i64;
        let zero = self.cx.const_i64(0);
        let mut call_args =
            vec![self.cx.defined_operand(ir::operand(inst, *fmt)), self.cx.const_i64((nargs - first) as u64)];
        for i in first..nargs {
            let arg = ir::operand(inst, i);
            let t = ir::type_of(arg);
            let flag = match self.shadow_ty(arg) {
                Some(st) if ir::type_kind(st) == K::LLVMIntegerTypeKind => {
                    let s = self.shadow(arg);
                    let c = self.icmp(P::LLVMIntNE, s, unsafe { LLVMConstNull(st) });
                    let o = unsafe { LLVMBuildZExt(self.b, self.origin(arg), i64t, NONAME) };
                    let poisoned = self.or(o, self.cx.const_i64(1 << 32));
                    self.select(c, poisoned, zero)
                }
                _ => zero,
            };
            let value = match ir::type_kind(t) {
                K::LLVMIntegerTypeKind | K::LLVMPointerTypeKind => self.model_i64(arg),
                _ => zero,
            };
            call_args.push(flag);
            call_args.push(value);
        }
        unsafe {
            let void = LLVMVoidTypeInContext(self.cx.ctx);
            let mut ps = [self.cx.ptr, i64t];
            let fty = LLVMFunctionType(void, ps.as_mut_ptr(), 2, 1);
            let name = ir::cstring(CHECK_FORMAT);
            let module = LLVMGetGlobalParent(self.func);
            let mut f = LLVMGetNamedFunction(module, name.as_ptr());
            if f.is_null() {
                f = LLVMAddFunction(module, name.as_ptr(), fty);
            }
            let call = LLVMBuildCall2(self.b, fty, f, call_args.as_mut_ptr(), call_args.len() as u32, NONAME);
            ir::set_notail(call);
        }
    }

    /// An integer or pointer value as an `i64` (integers sign-extended).
    fn model_i64(&mut self, v: V) -> V {
        let v = self.cx.defined_operand(v);
        let t = ir::type_of(v);
        if ir::type_kind(t) == K::LLVMPointerTypeKind {
            return unsafe { LLVMBuildPtrToInt(self.b, v, self.cx.i64, NONAME) };
        }
        let w = ir::int_width(t);
        if w == 64 {
            v
        } else if w < 64 {
            self.sext(v, self.cx.i64)
        } else {
            unsafe { LLVMBuildTrunc(self.b, v, self.cx.i64, NONAME) }
        }
    }

    /// Emits a model expression as an `i64`; runtime helpers are told
    /// `cond` and do nothing (return 0) when it is false. `pre` holds the
    /// values of the `before(…)` nodes, computed before the call.
    fn eval_model_expr(&mut self, inst: V, e: &Expr, cond: V, pre: &[Pre]) -> V {
        let i64t = self.cx.i64;
        match e {
            Expr::Before(_) => {
                pre.iter().find(|(p, _)| p == e).map(|&(_, v)| v).expect("before() evaluated before the call")
            }
            Expr::Int(n) => self.cx.const_i64(*n as u64),
            Expr::Ret => self.model_i64(inst),
            Expr::Arg(i) => self.model_i64(ir::operand(inst, *i)),
            Expr::Neg(a) => {
                let a = self.eval_model_expr(inst, a, cond, pre);
                unsafe { LLVMBuildNeg(self.b, a, NONAME) }
            }
            Expr::Bin(op, a, b) => {
                let a = self.eval_model_expr(inst, a, cond, pre);
                let b = self.eval_model_expr(inst, b, cond, pre);
                let cmp = |this: &mut Self, p: P| {
                    let c = this.icmp(p, a, b);
                    unsafe { LLVMBuildZExt(this.b, c, i64t, NONAME) }
                };
                unsafe {
                    match op {
                        BinOp::Add => LLVMBuildAdd(self.b, a, b, NONAME),
                        BinOp::Sub => LLVMBuildSub(self.b, a, b, NONAME),
                        BinOp::Mul => LLVMBuildMul(self.b, a, b, NONAME),
                        BinOp::Div => {
                            let zero = self.cx.const_i64(0);
                            let z = self.icmp(P::LLVMIntEQ, b, zero);
                            let d = self.select(z, self.cx.const_i64(1), b);
                            let q = LLVMBuildSDiv(self.b, a, d, NONAME);
                            self.select(z, zero, q)
                        }
                        BinOp::Eq => cmp(self, P::LLVMIntEQ),
                        BinOp::Ne => cmp(self, P::LLVMIntNE),
                        BinOp::Lt => cmp(self, P::LLVMIntSLT),
                        BinOp::Le => cmp(self, P::LLVMIntSLE),
                        BinOp::Gt => cmp(self, P::LLVMIntSGT),
                        BinOp::Ge => cmp(self, P::LLVMIntSGE),
                        BinOp::And | BinOp::Or => {
                            let zero = self.cx.const_i64(0);
                            let x = self.icmp(P::LLVMIntNE, a, zero);
                            let y = self.icmp(P::LLVMIntNE, b, zero);
                            let r = if *op == BinOp::And {
                                LLVMBuildAnd(self.b, x, y, NONAME)
                            } else {
                                LLVMBuildOr(self.b, x, y, NONAME)
                            };
                            LLVMBuildZExt(self.b, r, i64t, NONAME)
                        }
                    }
                }
            }
            Expr::Call(Func::Min | Func::Max, args) => {
                let a = self.eval_model_expr(inst, &args[0], cond, pre);
                let b = self.eval_model_expr(inst, &args[1], cond, pre);
                let p = if matches!(e, Expr::Call(Func::Min, _)) { P::LLVMIntSLT } else { P::LLVMIntSGT };
                let c = self.icmp(p, a, b);
                self.select(c, a, b)
            }
            Expr::Call(f, args) => {
                if let Some(&(_, _, v)) = self.model_helper_calls.iter().find(|(x, c, _)| x == e && *c == cond) {
                    return v;
                }
                let vals: Vec<V> = args.iter().map(|a| self.eval_model_expr(inst, a, cond, pre)).collect();
                let on = unsafe { LLVMBuildZExt(self.b, cond, i64t, NONAME) };
                let mut all = vals;
                all.push(on);
                let tys = vec![i64t; all.len()];
                let name = match f {
                    Func::Strlen => "__umsan_model_strlen",
                    Func::Strnlen => "__umsan_model_strnlen",
                    Func::Cmplen => "__umsan_model_cmplen",
                    Func::Ncmplen => "__umsan_model_ncmplen",
                    Func::Memcmplen => "__umsan_model_memcmplen",
                    Func::Fgetslen => "__umsan_model_fgetslen",
                    Func::Deref => "__umsan_model_deref",
                    Func::Deref32 => "__umsan_model_deref32",
                    Func::Min | Func::Max => unreachable!(),
                };
                let rf = self.cx.runtime_fn(name, i64t, &tys);
                let v = self.call(rf, &all);
                self.model_helper_calls.push((e.clone(), cond, v));
                v
            }
        }
    }

    /// Before optimization: applies the models of the calls in this function
    /// while the calls still carry their original arguments (later,
    /// dead-argument elimination may pass `poison` for a parameter the
    /// modelled body ignores, or drop a call whose result is unused).
    /// Each such call is marked so the instrumentation does not apply the
    /// model twice.
    pub(super) fn apply_models_early(&mut self) {
        for bb in ir::blocks(self.func) {
            for inst in ir::instructions(bb) {
                if ir::opcode(inst) != Op::LLVMCall || ir::is_musttail(inst) {
                    continue;
                }
                let callee = unsafe { LLVMGetCalledValue(inst) };
                if !ir::is_function(callee) {
                    continue;
                }
                let Some(model) = self.cx.models.for_function(callee).cloned() else { continue };
                self.set_debug_loc(inst);
                let effect = self.emit_model_effect(inst, &model);
                let mut covered = model.covered();
                if let Some(first) = model.scan_targets_from() {
                    covered.extend(first..unsafe { LLVMGetNumArgOperands(inst) });
                }
                self.before(ir::next_instruction(effect));
                for i in 0..unsafe { LLVMGetNumArgOperands(inst) } {
                    let arg = ir::operand(inst, i);
                    if covered.contains(&i)
                        || ir::type_kind(ir::type_of(arg)) != K::LLVMPointerTypeKind
                        || is_known_clean_pointer(arg)
                    {
                        continue;
                    }
                    self.call(self.cx.unpoison_escaped, &[arg]);
                }
                self.cx.mark_modelled(inst);
            }
        }
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

/// The value of one `before(…)` node of a model expression, computed right
/// before the modelled call.
type Pre = (Expr, V);

/// `before(deref(argN))`, `before(deref(argN + 8))`, `before(deref(argN +
/// 16))`: the three words of the x86_64 `va_list` at parameter `n` before
/// the call.
fn va_list_words(n: u32) -> Vec<Expr> {
    [0, 8, 16]
        .into_iter()
        .map(|off| {
            let at = Expr::Bin(BinOp::Add, Box::new(Expr::Arg(n)), Box::new(Expr::Int(off)));
            Expr::Before(Box::new(Expr::Call(Func::Deref, vec![at])))
        })
        .collect()
}

/// `void __umsan_check_mem(const void *p, size_t n)`: a modelled function
/// decided on `[p, p + n)`; reports `use-of-uninitialized-value` at the
/// call if any byte is uninitialized (runtime: `csrc/umsan_rt.c`).
const CHECK_MEM: &str = "__umsan_check_mem";

/// `void __umsan_model_iov(const struct iovec *iov, long cnt, long bytes,
/// long mode)`: the first `bytes` (-1: all) bytes of the `cnt` iovecs
/// arrived (mode 0, cleaned) or leave the program (mode 1, checked as
/// copy-out).
const MODEL_IOV: &str = "__umsan_model_iov";
/// `void __umsan_model_syscall(long nr, long ret, long a1, long a2, long a3,
/// long on)`: after a raw `syscall`, the bytes a send sent leave the program
/// (checked as copy-out), and what a receive's kernel wrote through pointers
/// held in the memory its arguments point to becomes initialized.
const MODEL_SYSCALL: &str = "__umsan_model_syscall";

/// `void __umsan_clean_stack_below(long on)`: if `on`, the shadow of the
/// thread's stack below the caller's frame becomes clean (runtime:
/// `csrc/umsan_signal.c`).
const CLEAN_STACK_BELOW: &str = "__umsan_clean_stack_below";

/// `void __umsan_check_format(const char *fmt, long n, ...)`: see
/// `emit_format_check` (runtime: `csrc/umsan_rt.c`, `model_helpers.rs`).
const CHECK_FORMAT: &str = "__umsan_check_format";

/// `void __umsan_check_format_va(const char *fmt, va_list ap)`: see
/// `emit_format_check` (runtime: `model_helpers.rs`).
const CHECK_FORMAT_VA: &str = "__umsan_check_format_va";

/// `void __umsan_model_scan_arg(const char *fmt, long ret, long i, void
/// *p, long on)` and `void __umsan_model_scan_va(const char *fmt, long ret,
/// long offsets, long overflow_area, long reg_save_area, long on)`: see
/// `emit_scan_targets` (runtime: `model_helpers.rs`).
const MODEL_SCAN_ARG: &str = "__umsan_model_scan_arg";
const MODEL_SCAN_VA: &str = "__umsan_model_scan_va";

/// Largest `dereferenceable(N)` object cleaned as a whole after a call
/// into uninstrumented code; larger ones get the uninitialized run at the
/// pointer only (a huge N is more likely a promise about an array than an
/// object the callee fills).
const MAX_DEREFERENCEABLE_CLEAN: u64 = 1 << 16;

/// The runtime API of `umsan.h`.
const PUBLIC_API: &[&str] =
    &["umsan_memmove_metadata", "umsan_poison", "umsan_unpoison", "umsan_check_initialized", "umsan_test_initialized"];

/// The runtime's API: `umsan.h`, and MemorySanitizer's interface
/// (`<sanitizer/msan_interface.h>`: `__msan_*`, `__sanitizer_dtor_callback*`,
/// `__sanitizer_set_death_callback`, see `runtime/src/msan_compat.rs`).
/// Memory handed to these is not "written by uninstrumented code": their
/// effect on shadow is exactly what they are called for.
fn is_public_api(name: &str) -> bool {
    PUBLIC_API.contains(&name)
        || name.starts_with("__msan_")
        || name.starts_with("__sanitizer_dtor_callback")
        || name == "__sanitizer_set_death_callback"
}

/// Pointers whose memory never carries poison: null, functions, and
/// read-only globals such as string literals (also behind GEPs).
fn is_known_clean_pointer(p: V) -> bool {
    let o = ir::underlying_object(p);
    ir::points_into_read_only_global(o)
        || !unsafe { LLVMIsAConstantPointerNull(o) }.is_null()
        || ir::is_function(o)
}

impl FunctionInstrumenter<'_> {
    /// A program may keep `malloc` in a pointer and allocate through it
    /// (curl's `Curl_cmalloc = malloc`). An indirect call with the type of
    /// `malloc`, `calloc` or `realloc` calls the runtime's wrapper instead
    /// when the pointer holds that function (a compare and a `select`), so
    /// the block is poisoned as at a direct call. Everything else about the
    /// call is the indirect call's (the tags name the pointer's function,
    /// which the wrapper is not: its result is clean). A module that defines
    /// the function itself, or declares it with another type, is left alone,
    /// as its direct calls are.
    fn redirect_indirect_allocation(&mut self, inst: V, callee: V) {
        let fnty = unsafe { LLVMGetCalledFunctionType(inst) };
        let (p, i) = (self.cx.ptr, self.cx.i64);
        let fn_type = |mut params: Vec<_>| unsafe { LLVMFunctionType(p, params.as_mut_ptr(), params.len() as u32, 0) };
        let allocators = [("malloc", fn_type(vec![i])), ("calloc", fn_type(vec![i, i])), ("realloc", fn_type(vec![p, i]))];
        let Some(&(name, _)) = allocators.iter().find(|&&(_, t)| t == fnty) else {
            return;
        };
        let cname = ir::cstring(name);
        unsafe {
            let mut f = LLVMGetNamedFunction(self.cx.module, cname.as_ptr());
            if f.is_null() {
                f = LLVMAddFunction(self.cx.module, cname.as_ptr(), fnty);
            } else if !ir::is_declaration(f) || LLVMGlobalGetValueType(f) != fnty {
                return;
            }
            let Some(wrapper) = self.cx.alloc_wrapper(name, fnty) else { return };
            LLVMPositionBuilderBefore(self.b, inst);
            let holds = self.icmp(P::LLVMIntEQ, callee, f);
            let target = LLVMBuildSelect(self.b, holds, wrapper, callee, NONAME);
            LLVMSetOperand(inst, ir::num_operands(inst) - 1, target);
        }
    }
}
