//! LLVM intrinsics. Each known family has its own rule; anything else takes
//! the strict fallback (operands checked, result clean).

use super::function::{Action, FunctionInstrumenter};
use crate::ir::{self, NONAME, V};
use llvm_sys::core::*;
use llvm_sys::LLVMTypeKind as K;

/// Largest constant-size memcpy whose shadow is copied inline when origins
/// are tracked (8 loads and stores of 8 bytes).
const INLINE_COPY_WITH_ORIGINS_BYTES: u64 = 64;

/// Size of `va_list` on x86_64.
const VA_LIST_BYTES: u64 = 24;
/// Offset of `reg_save_area` in the x86_64 `va_list`, and the area's size
/// (6 general-purpose registers and 8 vector registers).
const VA_REG_SAVE_AREA_OFFSET: u64 = 16;
const VA_REG_SAVE_AREA_BYTES: u64 = 6 * 8 + 8 * 16;

/// Families whose result shadow is the OR of the shadows of all operands of
/// the result's type (element-wise, like plain arithmetic).
const OR_FAMILIES: &[&str] = &[
    "abs", "smax", "smin", "umax", "umin", "sadd.sat", "uadd.sat", "ssub.sat", "usub.sat", "sshl.sat", "ushl.sat",
    "fabs", "sqrt", "floor", "ceil", "trunc", "rint", "nearbyint", "round", "roundeven", "copysign", "minnum",
    "maxnum", "minimum", "maximum", "fma", "fmuladd", "pow", "powi", "exp", "exp2", "exp10", "log", "log2", "log10",
    "sin", "cos", "tan", "canonicalize", "ldexp", "lrint", "llrint", "lround", "llround", "fptrunc.round", "scmp",
    "ucmp", "frexp", "asin", "acos", "atan", "sinh", "cosh", "tanh",
];

/// Families where any uninitialized input bit spoils the whole (element of
/// the) result.
const ALL_OR_NOTHING: &[&str] = &["ctpop", "ctlz", "cttz", "is.fpclass"];

/// Families with no data effect on the program's values.
const NO_EFFECT: &[&str] = &[
    "dbg.", "assume", "lifetime.", "experimental.noalias.scope.decl", "donothing", "prefetch", "sideeffect",
    "trap", "debugtrap", "ubsantrap", "va_end", "invariant.end", "pseudoprobe", "var.annotation", "codeview.annotation",
];

/// Families whose result is always initialized and whose operands need no check.
const CLEAN_RESULT: &[&str] = &[
    "objectsize", "is.constant", "stacksave", "threadlocal.address", "invariant.start", "read_register",
    "frameaddress", "returnaddress", "get.rounding", "annotation", "ptr.annotation", "eh.typeid.for",
    "experimental.widenable.condition", "allow.runtime.check", "allow.ubsan.check",
];

/// The family part of an intrinsic name: `llvm.memcpy.p0.p0.i64` → `memcpy.p0.p0.i64`.
fn family(name: &str) -> &str {
    name.strip_prefix("llvm.").unwrap_or(name)
}

fn is_family(rest: &str, fam: &str) -> bool {
    rest == fam || rest.starts_with(&format!("{fam}.")) || (fam.ends_with('.') && rest.starts_with(fam))
}

impl FunctionInstrumenter<'_> {
    pub(super) fn visit_intrinsic(&mut self, inst: V, name: &str) {
        let rest = family(name);
        let any_of = |list: &[&str]| list.iter().any(|f| is_family(rest, f));
        if is_family(rest, "lifetime.start") {
            return self.visit_lifetime_start(inst);
        }
        if any_of(NO_EFFECT) {
            return;
        }
        if any_of(CLEAN_RESULT) {
            return self.set_clean(inst);
        }
        if ["memcpy", "memcpy.inline", "memmove"].iter().any(|f| is_family(rest, f)) {
            return self.visit_memtransfer(inst, !is_family(rest, "memmove"));
        }
        if ["memset", "memset.inline"].iter().any(|f| is_family(rest, f)) {
            return self.visit_memset(inst);
        }
        if is_family(rest, "va_start") || is_family(rest, "va_copy") {
            // The va_list was written by code the compiler generates, and so
            // was the register save area it points to (variadic arguments
            // carry no shadow: they count as initialized).
            self.after(inst);
            let va_list = ir::operand(inst, 0);
            self.set_shadow_bytes(va_list, 0, self.cx.const_i64(VA_LIST_BYTES), 1);
            if is_family(rest, "va_start") {
                let slot = self.gep_bytes(va_list, VA_REG_SAVE_AREA_OFFSET);
                let area = self.load(self.cx.ptr, slot, 8);
                self.set_shadow_bytes(area, 0, self.cx.const_i64(VA_REG_SAVE_AREA_BYTES), 8);
                self.vararg_start(va_list, area);
            }
            return;
        }
        if is_family(rest, "masked.load") {
            return self.visit_masked_load(inst);
        }
        if is_family(rest, "masked.store") {
            return self.visit_masked_store(inst);
        }
        if is_family(rest, "stackrestore") {
            return self.visit_stackrestore(inst);
        }
        if ["expect", "expect.with.probability", "launder.invariant.group", "strip.invariant.group", "ssa.copy"]
            .iter()
            .any(|f| is_family(rest, f))
        {
            let s = self.shadow(ir::operand(inst, 0));
            return self.set_shadow(inst, s);
        }
        if is_family(rest, "bswap") || is_family(rest, "bitreverse") {
            self.before(inst);
            let mut args = [self.shadow(ir::operand(inst, 0))];
            let s = self.call_same_callee(inst, &mut args);
            return self.set_shadow(inst, s);
        }
        if is_family(rest, "fshl") || is_family(rest, "fshr") {
            return self.visit_funnel_shift(inst);
        }
        if rest.contains(".with.overflow.") {
            return self.visit_with_overflow(inst);
        }
        if rest.starts_with("vector.reduce.") {
            return self.visit_vector_reduce(inst);
        }
        if any_of(ALL_OR_NOTHING) {
            self.before(inst);
            let Some(st) = self.shadow_ty(inst) else { return };
            let s0 = self.shadow(ir::operand(inst, 0));
            let flag = self.lanes_poisoned(s0);
            let s = self.spread(flag, st);
            return self.set_shadow(inst, s);
        }
        if any_of(OR_FAMILIES) {
            return self.visit_or_of_args(inst);
        }
        if let Some(x86) = rest.strip_prefix("x86.") {
            if self.visit_x86_intrinsic(inst, x86) {
                return;
            }
        }
        self.visit_instruction(inst)
    }

    /// `llvm.lifetime.start` poisons the slot again (a new scope begins) —
    /// with its origin, for a slot not poisoned at entry (see
    /// `lifetime_scoped_allocas`). `llvm.lifetime.end` is in `NO_EFFECT`:
    /// until the function returns (where every slot is cleaned, see
    /// `finish_returns`) only this frame uses the slot's bytes, and any
    /// object that reuses them (stack colouring) starts its own lifetime,
    /// which poisons them again.
    fn visit_lifetime_start(&mut self, inst: V) {
        let ptr = ir::operand(inst, 1);
        if self.lifetime_scoped.contains(&ptr) {
            let size = self.static_allocas.iter().find(|&&(a, _)| a == ptr).map(|&(_, n)| n);
            if let Some(n) = size {
                self.before(inst);
                let align = unsafe { LLVMGetAlignment(ptr) };
                self.poison_stack_slot(ptr, self.cx.const_i64(n), align, Some(inst));
                return;
            }
        }
        let size = match ir::const_sext_value(ir::operand(inst, 0)) {
            Some(n) if n >= 0 => n as u64,
            _ => match self.static_allocas.iter().find(|&&(a, _)| a == ptr) {
                Some(&(_, n)) => n,
                None => return,
            },
        };
        self.before(inst);
        let byte = if self.propagate { 0xff } else { 0 };
        self.set_shadow_bytes(ptr, byte, self.cx.const_i64(size), 1);
    }

    /// memcpy/memmove: the same transfer on the shadow.
    fn visit_memtransfer(&mut self, inst: V, no_overlap: bool) {
        self.before(inst);
        let (dst, src, len) = (ir::operand(inst, 0), ir::operand(inst, 1), ir::operand(inst, 2));
        let len = self.cx.defined_operand(len);
        if self.cx.origins && no_overlap {
            if let Some(n) = ir::const_int_value(len).filter(|&n| n > 0 && n <= INLINE_COPY_WITH_ORIGINS_BYTES) {
                // A small copy: the shadow inline; origins (the runtime)
                // only when some copied byte is uninitialized. Both ends
                // granule-aligned and whole granules moved (sqlite's 24-byte
                // `Mem` copies, which often carry uninitialized bytes):
                // just the origin words, the shadow has moved. (Copying them
                // inline in the cold block made Lua's interpreter loop run
                // 2.7% more instructions: the clean-up shares the shadow
                // addresses with it, which then stay live on the hot path.)
                let any = self.copy_shadow_inline(dst, src, n);
                let after = unsafe { LLVMGetPreviousInstruction(inst) };
                let g = umsan_abi::ORIGIN_GRANULE;
                let aligned = |i| ir::call_param_align(inst, i) >= g;
                let f = if n % g == 0 && aligned(0) && aligned(1) { self.cx.copy_origins } else { self.cx.move_shadow };
                self.actions.push(Action::CallIf { cond: any, f, args: vec![dst, src, self.cx.const_i64(n)], after });
                return;
            }
        }
        if self.cx.origins {
            // The runtime moves shadow and origins together.
            let n = self.int_cast(len, self.cx.i64);
            self.call(self.cx.move_shadow, &[dst, src, n]);
            return;
        }
        let sd = self.shadow_addr(dst);
        let ss = self.shadow_addr(src);
        // Always memmove on shadow: for memcpy the ranges cannot overlap anyway.
        unsafe { LLVMBuildMemMove(self.b, sd, 1, ss, 1, len) };
    }

    /// Copies the shadow of the `n` bytes at `src` to `dst` with integer
    /// loads and stores (8, 4, 2, 1 bytes). Returns i1: some copied bit is
    /// uninitialized.
    fn copy_shadow_inline(&self, dst: V, src: V, n: u64) -> V {
        let sd = self.shadow_addr(dst);
        let ss = self.shadow_addr(src);
        let mut chunks = Vec::new();
        let mut off = 0;
        while off < n {
            let w = [8, 4, 2, 1].into_iter().find(|&w| w <= n - off).unwrap();
            let t = unsafe { LLVMIntTypeInContext(self.cx.ctx, (w * 8) as u32) };
            chunks.push((off, self.load(t, self.gep_bytes(ss, off), 1)));
            off += w;
        }
        let mut any = unsafe { LLVMConstInt(self.cx.i1, 0, 0) };
        for (off, v) in chunks {
            self.store(v, self.gep_bytes(sd, off), 1);
            any = self.or(any, self.any_poisoned(v));
        }
        any
    }

    /// memset: the shadow takes the shadow of the byte value.
    fn visit_memset(&mut self, inst: V) {
        self.before(inst);
        let (dst, val, len) = (ir::operand(inst, 0), ir::operand(inst, 1), ir::operand(inst, 2));
        let len = self.cx.defined_operand(len);
        let sv = self.shadow(val);
        let sd = self.shadow_addr(dst);
        unsafe { LLVMBuildMemSet(self.b, sd, sv, len, 1) };
    }

    /// `masked.load(p, align, mask, passthru)`: the same masked load from
    /// shadow memory, with the pass-through lanes' shadow (the optimizer
    /// makes lanes nobody reads `poison` there); a lane whose mask bit is
    /// uninitialized is uninitialized.
    fn visit_masked_load(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let (p, align, mask, pass) =
            (ir::operand(inst, 0), ir::operand(inst, 1), ir::operand(inst, 2), ir::operand(inst, 3));
        let vt = ir::type_of(inst);
        let sp = self.shadow(pass);
        let sp = if ir::type_of(sp) == vt { sp } else { self.bitcast(sp, vt) };
        let mut args = [self.shadow_addr(p), align, self.cx.defined_operand(mask), sp];
        let loaded = self.call_same_callee(inst, &mut args);
        let mut s = if vt == st { loaded } else { self.bitcast(loaded, st) };
        let sm = self.shadow(mask);
        if !self.is_clean_const(sm) {
            let spread = self.spread(sm, st);
            s = self.or(s, spread);
        }
        self.set_shadow(inst, s);
        if self.cx.origins {
            // From memory, as a plain load's.
            let align = ir::const_int_value(align).unwrap_or(1) as u32;
            let o = self.load_value_origin(p, align, loaded);
            self.set_origin(inst, o);
        }
    }

    /// `masked.store(v, p, align, mask)`: the same masked store of the
    /// value's shadow to shadow memory.
    fn visit_masked_store(&mut self, inst: V) {
        self.before(inst);
        let (v, p, align, mask) = (ir::operand(inst, 0), ir::operand(inst, 1), ir::operand(inst, 2), ir::operand(inst, 3));
        let vt = ir::type_of(v);
        let sv = self.shadow(v);
        let sv = if ir::type_of(sv) == vt { sv } else { self.bitcast(sv, vt) };
        let mask = self.cx.defined_operand(mask);
        let mut args = [sv, self.shadow_addr(p), align, mask];
        self.call_same_callee(inst, &mut args);
        if self.cx.origins {
            // The value's origin for the stored range when a stored lane is
            // uninitialized (on the cold path, as a plain store's).
            let stored = self.select(mask, sv, unsafe { LLVMConstNull(vt) });
            let size = self.cx.layout.store_size(vt);
            let align = ir::const_int_value(align).unwrap_or(1) as u32;
            let origin = self.origin(v);
            self.store_origin_if(stored, origin, p, size, align, inst);
        }
    }

    /// Calls `inst`'s callee with other arguments of the same types.
    pub(super) fn call_same_callee(&self, inst: V, args: &mut [V]) -> V {
        unsafe {
            let callee = LLVMGetCalledValue(inst);
            let fnty = LLVMGetCalledFunctionType(inst);
            LLVMBuildCall2(self.b, fnty, callee, args.as_mut_ptr(), args.len() as u32, NONAME)
        }
    }

    /// Memory released by `stackrestore` (VLAs leaving scope) is cleaned.
    fn visit_stackrestore(&mut self, inst: V) {
        let Some((lo_slot, _)) = self.dynamic_stack else { return };
        self.before(inst);
        let target = ir::operand(inst, 0);
        unsafe {
            let lo = self.load(self.cx.ptr, lo_slot, 8);
            let lo_i = LLVMBuildPtrToInt(self.b, lo, self.cx.i64, NONAME);
            let hi_i = LLVMBuildPtrToInt(self.b, target, self.cx.i64, NONAME);
            let above = LLVMBuildICmp(self.b, llvm_sys::LLVMIntPredicate::LLVMIntUGT, hi_i, lo_i, NONAME);
            let diff = LLVMBuildSub(self.b, hi_i, lo_i, NONAME);
            let n = self.select(above, diff, self.cx.const_i64(0));
            self.call(self.cx.unpoison, &[lo, n]);
            let new_lo = self.select(above, target, lo);
            self.store(new_lo, lo_slot, 8);
        }
    }

    fn visit_funnel_shift(&mut self, inst: V) {
        self.before(inst);
        let (s0, s1, s2) =
            (self.shadow(ir::operand(inst, 0)), self.shadow(ir::operand(inst, 1)), self.shadow(ir::operand(inst, 2)));
        let mut args = [s0, s1, self.cx.defined_operand(ir::operand(inst, 2))];
        let shifted = self.call_same_callee(inst, &mut args);
        let flag = self.lanes_poisoned(s2);
        let spread = self.spread(flag, ir::type_of(s0));
        let s = self.or(shifted, spread);
        self.set_shadow(inst, s);
    }

    /// `{iN, i1} @llvm.sadd.with.overflow`: the value ORs the operands'
    /// shadows; the overflow bit is uninitialized if any input bit is.
    fn visit_with_overflow(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let combined = self.or(self.shadow(ir::operand(inst, 0)), self.shadow(ir::operand(inst, 1)));
        let flag = self.lanes_poisoned(combined);
        unsafe {
            let s = LLVMBuildInsertValue(self.b, self.cx.clean(st), combined, 0, NONAME);
            let s = LLVMBuildInsertValue(self.b, s, flag, 1, NONAME);
            self.set_shadow(inst, s);
        }
    }

    /// Reductions: any uninitialized element spoils the scalar result.
    fn visit_vector_reduce(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let mut any = unsafe { LLVMConstInt(self.cx.i1, 0, 0) };
        for i in 0..unsafe { LLVMGetNumArgOperands(inst) } {
            let s = self.shadow(ir::operand(inst, i));
            if !self.is_clean_const(s) {
                let a = self.any_poisoned(s);
                any = self.or(any, a);
            }
        }
        let s = self.spread(any, st);
        self.set_shadow(inst, s);
    }

    /// OR of the shadows of the arguments that have the result's type;
    /// other arguments (e.g. `powi`'s exponent, `abs`'s flag) spoil the whole
    /// result when uninitialized.
    fn visit_or_of_args(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return self.visit_instruction(inst) };
        let mut s = self.cx.clean(st);
        for i in 0..unsafe { LLVMGetNumArgOperands(inst) } {
            let arg = ir::operand(inst, i);
            let sa = self.shadow(arg);
            if self.is_clean_const(sa) {
                continue;
            }
            let part = if ir::type_of(sa) == st {
                sa
            } else {
                let flag = if ir::type_kind(ir::type_of(sa)) == K::LLVMVectorTypeKind
                    && ir::type_kind(st) == K::LLVMVectorTypeKind
                {
                    self.lanes_poisoned(sa)
                } else {
                    self.any_poisoned(sa)
                };
                self.spread(flag, st)
            };
            s = self.or(s, part);
        }
        self.set_shadow(inst, s);
    }
}
