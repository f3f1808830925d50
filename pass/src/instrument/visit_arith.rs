//! Handlers for arithmetic, comparisons, casts, select, and aggregate and
//! vector element operations.
//!
//! Propagation rules (a set shadow bit = that bit is uninitialized):
//! - add/sub/xor and floating point: OR of the operand shadows (the same
//!   approximation as MemorySanitizer: carries are not followed).
//! - and/or: bit-exact with the known bits of the other operand — `x & 0`
//!   and `x | ~0` are initialized whatever `x` is.
//! - shifts: the shifted shadow, fully poisoned if the amount is.
//! - mul by a constant with k trailing zero bits: the low k bits are known.
//! - integer division: the divisor is checked (a trap depends on it); the
//!   result carries the dividend's shadow.
//! - icmp: exact — the result is uninitialized only if the uninitialized bits
//!   could change the outcome.

use super::function::FunctionInstrumenter;
use crate::ir::{self, NONAME, V};
use llvm_sys::core::*;
use llvm_sys::{LLVMIntPredicate as P, LLVMOpcode as Op, LLVMTypeKind as K};

impl FunctionInstrumenter<'_> {
    fn operand_shadows(&self, inst: V) -> (V, V) {
        (self.shadow(ir::operand(inst, 0)), self.shadow(ir::operand(inst, 1)))
    }

    pub(super) fn visit_or_binop(&mut self, inst: V) {
        self.before(inst);
        let (sa, sb) = self.operand_shadows(inst);
        let s = self.or(sa, sb);
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_mul(&mut self, inst: V) {
        let (a, b) = (ir::operand(inst, 0), ir::operand(inst, 1));
        let (other, constant) = match (ir::const_int_value(a), ir::const_int_value(b)) {
            (_, Some(c)) => (a, c),
            (Some(c), _) => (b, c),
            _ => return self.visit_or_binop(inst),
        };
        self.before(inst);
        let st = self.shadow_ty(inst).expect("integer");
        let s = if constant == 0 {
            self.cx.clean(st)
        } else {
            let tz = constant.trailing_zeros() as u64;
            let so = self.shadow(other);
            unsafe { LLVMBuildShl(self.b, so, LLVMConstInt(st, tz, 0), NONAME) }
        };
        self.set_shadow(inst, s);
    }

    /// `a & b`: a result bit is uninitialized if both inputs' bits are, or if
    /// one is and the other is a known 1.
    pub(super) fn visit_and(&mut self, inst: V) {
        self.visit_bitwise_exact(inst, false)
    }

    /// `a | b`: uninitialized if both are, or if one is and the other is a
    /// known 0.
    pub(super) fn visit_or(&mut self, inst: V) {
        self.visit_bitwise_exact(inst, true)
    }

    /// `(Sa & Sb) | (A' & Sb) | (Sa & B')`, where `A'`/`B'` are the operand
    /// values for `and` and their complements for `or` (the bits that do not
    /// decide the result on their own).
    fn visit_bitwise_exact(&mut self, inst: V, invert: bool) {
        self.before(inst);
        let (sa, sb) = self.operand_shadows(inst);
        if self.is_clean_const(sa) && self.is_clean_const(sb) {
            return self.set_clean(inst);
        }
        let mut a = self.value_bits(ir::operand(inst, 0));
        let mut b = self.value_bits(ir::operand(inst, 1));
        if invert {
            a = self.not(a);
            b = self.not(b);
        }
        let both = self.and(sa, sb);
        let a_part = self.and(a, sb);
        let b_part = self.and(sa, b);
        let s = self.or(self.or(both, a_part), b_part);
        if ir::type_of(inst) == self.cx.i1 {
            self.combine_guards(s, &[sa, sb]);
        }
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_shift(&mut self, inst: V) {
        self.before(inst);
        let (sa, sb) = self.operand_shadows(inst);
        let st = ir::type_of(sa);
        let amount = self.cx.defined_operand(ir::operand(inst, 1));
        let shifted = unsafe {
            match ir::opcode(inst) {
                Op::LLVMShl => LLVMBuildShl(self.b, sa, amount, NONAME),
                Op::LLVMLShr => LLVMBuildLShr(self.b, sa, amount, NONAME),
                _ => LLVMBuildAShr(self.b, sa, amount, NONAME),
            }
        };
        let s = if self.is_clean_const(sb) {
            shifted
        } else {
            let flag = self.lanes_poisoned(sb);
            let spread = self.spread(flag, st);
            self.or(shifted, spread)
        };
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_int_div(&mut self, inst: V) {
        self.check_operand(ir::operand(inst, 1), inst);
        let s = self.shadow(ir::operand(inst, 0));
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_int_cast(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let s0 = self.shadow(ir::operand(inst, 0));
        let s = unsafe {
            match ir::opcode(inst) {
                Op::LLVMSExt => LLVMBuildSExt(self.b, s0, st, NONAME),
                Op::LLVMZExt => LLVMBuildZExt(self.b, s0, st, NONAME),
                Op::LLVMTrunc => LLVMBuildTrunc(self.b, s0, st, NONAME),
                _ => self.cast_shadow(s0, st),
            }
        };
        self.set_shadow(inst, s);
    }

    /// Conversions involving floating point: any uninitialized input bit
    /// makes the whole (element of the) result uninitialized.
    pub(super) fn visit_fp_cast(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let s0 = self.shadow(ir::operand(inst, 0));
        if self.is_clean_const(s0) {
            return self.set_clean(inst);
        }
        let flag = self.lanes_poisoned(s0);
        let s = self.spread(flag, st);
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_icmp(&mut self, inst: V) {
        self.before(inst);
        let (sa, sb) = self.operand_shadows(inst);
        if self.is_clean_const(sa) && self.is_clean_const(sb) {
            return self.set_clean(inst);
        }
        let a = self.value_bits(ir::operand(inst, 0));
        let b = self.value_bits(ir::operand(inst, 1));
        let pred = ir::icmp_predicate(inst);
        let s = match pred {
            P::LLVMIntEQ | P::LLVMIntNE => self.exact_equality(a, sa, b, sb),
            // Exact when one side is known (cheap after constant folding)
            // or when asked for; otherwise MemorySanitizer's approximation.
            _ if self.cx.opts.exact_relational || self.is_clean_const(sa) || self.is_clean_const(sb) => {
                self.exact_relational(pred, a, sa, b, sb)
            }
            _ => return self.set_shadow(inst, self.lanes_poisoned(self.or(sa, sb))),
        };
        self.set_guard(s, sa, sb);
        self.set_shadow(inst, s);
    }

    /// `a == b` is known if some bit initialized in both operands differs,
    /// or if no bit is uninitialized.
    fn exact_equality(&self, a: V, sa: V, b: V, sb: V) -> V {
        let t = ir::type_of(a);
        let zero = unsafe { LLVMConstNull(t) };
        let diff = self.xor(a, b);
        let sc = self.or(sa, sb);
        let known_diff_bits = self.and(diff, self.not(sc));
        let has_poison = self.icmp(P::LLVMIntNE, sc, zero);
        let no_known_diff = self.icmp(P::LLVMIntEQ, known_diff_bits, zero);
        self.and(has_poison, no_known_diff)
    }

    /// A relational compare is known if it gives the same answer for the
    /// extreme values the uninitialized bits allow.
    fn exact_relational(&self, pred: P, a: V, sa: V, b: V, sb: V) -> V {
        let signed = matches!(pred, P::LLVMIntSGT | P::LLVMIntSGE | P::LLVMIntSLT | P::LLVMIntSLE);
        let a_lo = self.extreme(a, sa, signed, false);
        let a_hi = self.extreme(a, sa, signed, true);
        let b_lo = self.extreme(b, sb, signed, false);
        let b_hi = self.extreme(b, sb, signed, true);
        let r1 = self.icmp(pred, a_lo, b_hi);
        let r2 = self.icmp(pred, a_hi, b_lo);
        self.xor(r1, r2)
    }

    /// The lowest (or highest) value `v` can take given its shadow `s`.
    fn extreme(&self, v: V, s: V, signed: bool, highest: bool) -> V {
        if self.is_clean_const(s) {
            return v;
        }
        if !signed {
            return if highest { self.or(v, s) } else { self.and(v, self.not(s)) };
        }
        let t = ir::type_of(s);
        let one = unsafe { LLVMConstInt(scalar_of(t), 1, 0) };
        let one = splat_like(t, one);
        let other_bits = unsafe { LLVMBuildLShr(self.b, LLVMBuildShl(self.b, s, one, NONAME), one, NONAME) };
        let sign_bit = self.xor(s, other_bits);
        if highest {
            self.and(self.or(v, other_bits), self.not(sign_bit))
        } else {
            self.or(self.and(v, self.not(other_bits)), sign_bit)
        }
    }

    pub(super) fn visit_fcmp(&mut self, inst: V) {
        self.before(inst);
        let (sa, sb) = self.operand_shadows(inst);
        if self.is_clean_const(sa) && self.is_clean_const(sb) {
            return self.set_clean(inst);
        }
        let s = self.lanes_poisoned(self.or(sa, sb));
        self.set_shadow(inst, s);
    }

    /// `c ? a : b`: the chosen operand's shadow; if `c` itself is
    /// uninitialized, every bit where `a` and `b` could differ.
    pub(super) fn visit_select(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let c = ir::operand(inst, 0);
        let (sa, sb) = (self.shadow(ir::operand(inst, 1)), self.shadow(ir::operand(inst, 2)));
        let sc = self.shadow(c);
        let chosen = self.select(self.cx.defined_operand(c), sa, sb);
        if self.is_clean_const(sc) {
            return self.set_shadow(inst, chosen);
        }
        let kind = ir::type_kind(st);
        let s = if matches!(kind, K::LLVMIntegerTypeKind | K::LLVMVectorTypeKind) {
            let a = self.value_bits(ir::operand(inst, 1));
            let b = self.value_bits(ir::operand(inst, 2));
            let differ = self.or(self.or(self.xor(a, b), sa), sb);
            let s = self.select(sc, differ, chosen);
            if ir::type_of(inst) == self.cx.i1 {
                // (`a && b` and `a || b` at -O1 and above.)
                self.combine_guards(s, &[sc, sa, sb]);
            }
            s
        } else {
            let any = self.any_poisoned(sc);
            self.select(any, self.cx.poisoned(st), chosen)
        };
        self.set_shadow(inst, s);
    }

    fn indices(inst: V) -> Vec<u32> {
        unsafe {
            let n = LLVMGetNumIndices(inst) as usize;
            std::slice::from_raw_parts(LLVMGetIndices(inst), n).to_vec()
        }
    }

    pub(super) fn visit_extractvalue(&mut self, inst: V) {
        self.before(inst);
        let mut s = self.shadow(ir::operand(inst, 0));
        for i in Self::indices(inst) {
            s = unsafe { LLVMBuildExtractValue(self.b, s, i, NONAME) };
        }
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_insertvalue(&mut self, inst: V) {
        self.before(inst);
        let agg = self.shadow(ir::operand(inst, 0));
        let val = self.shadow(ir::operand(inst, 1));
        let s = self.insert_at(agg, val, &Self::indices(inst));
        self.set_shadow(inst, s);
    }

    fn insert_at(&self, agg: V, val: V, path: &[u32]) -> V {
        unsafe {
            if path.len() == 1 {
                return LLVMBuildInsertValue(self.b, agg, val, path[0], NONAME);
            }
            let inner = LLVMBuildExtractValue(self.b, agg, path[0], NONAME);
            let inner = self.insert_at(inner, val, &path[1..]);
            LLVMBuildInsertValue(self.b, agg, inner, path[0], NONAME)
        }
    }

    pub(super) fn visit_extractelement(&mut self, inst: V) {
        let idx = ir::operand(inst, 1);
        self.check_operand(idx, inst);
        self.before(inst);
        let sv = self.shadow(ir::operand(inst, 0));
        let s = unsafe { LLVMBuildExtractElement(self.b, sv, self.cx.defined_operand(idx), NONAME) };
        self.set_shadow(inst, s);
    }

    pub(super) fn visit_insertelement(&mut self, inst: V) {
        let idx = ir::operand(inst, 2);
        self.check_operand(idx, inst);
        self.before(inst);
        let sv = self.shadow(ir::operand(inst, 0));
        let se = self.shadow(ir::operand(inst, 1));
        let s = unsafe { LLVMBuildInsertElement(self.b, sv, se, self.cx.defined_operand(idx), NONAME) };
        self.set_shadow(inst, s);
    }

    /// The same shuffle on the shadows; lanes taken from an undefined mask
    /// element are uninitialized.
    pub(super) fn visit_shufflevector(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let (sa, sb) = self.operand_shadows(inst);
        unsafe {
            let n = LLVMGetNumMaskElements(inst);
            let undef = LLVMGetUndefMaskElem();
            let elem = ir::element_type(st);
            let mut mask = Vec::with_capacity(n as usize);
            let mut undef_lanes = Vec::with_capacity(n as usize);
            for i in 0..n {
                let m = LLVMGetMaskValue(inst, i);
                let is_undef = m == undef;
                mask.push(LLVMConstInt(self.cx.i32, if is_undef { 0 } else { m as u64 }, 0));
                undef_lanes.push(if is_undef { LLVMConstAllOnes(elem) } else { LLVMConstNull(elem) });
            }
            let mask_v = LLVMConstVector(mask.as_mut_ptr(), n);
            let mut s = LLVMBuildShuffleVector(self.b, sa, sb, mask_v, NONAME);
            if undef_lanes.iter().any(|&l| LLVMIsNull(l) == 0) {
                s = self.or(s, LLVMConstVector(undef_lanes.as_mut_ptr(), n));
            }
            self.set_shadow(inst, s);
        }
    }
}

/// The scalar type of an integer or integer vector type.
fn scalar_of(t: ir::T) -> ir::T {
    if ir::type_kind(t) == K::LLVMVectorTypeKind {
        ir::element_type(t)
    } else {
        t
    }
}

/// `c` splatted to the shape of `t`.
fn splat_like(t: ir::T, c: V) -> V {
    if ir::type_kind(t) == K::LLVMVectorTypeKind {
        let mut elems = vec![c; ir::vector_len(t) as usize];
        unsafe { LLVMConstVector(elems.as_mut_ptr(), elems.len() as u32) }
    } else {
        c
    }
}
