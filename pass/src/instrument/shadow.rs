//! Shadow types and shadow constants.
//!
//! Every first-class value has a shadow of the same bit size: integers keep
//! their type, floating-point values and pointers get an integer of their
//! width, vectors and aggregates get the same shape with shadow elements.

use super::ModuleCx;
use crate::ir::{self, T, V};
use llvm_sys::core::*;
use llvm_sys::LLVMTypeKind as K;

impl ModuleCx {
    /// The shadow type of `t`, or `None` for types that carry no data
    /// (void, labels, metadata, tokens).
    pub fn shadow_ty(&self, t: T) -> Option<T> {
        unsafe {
            Some(match ir::type_kind(t) {
                K::LLVMIntegerTypeKind => t,
                K::LLVMHalfTypeKind | K::LLVMBFloatTypeKind => LLVMInt16TypeInContext(self.ctx),
                K::LLVMFloatTypeKind => self.i32,
                K::LLVMDoubleTypeKind => self.i64,
                K::LLVMX86_FP80TypeKind => LLVMIntTypeInContext(self.ctx, 80),
                K::LLVMFP128TypeKind | K::LLVMPPC_FP128TypeKind => LLVMIntTypeInContext(self.ctx, 128),
                K::LLVMPointerTypeKind => self.i64,
                K::LLVMVectorTypeKind => {
                    LLVMVectorType(self.shadow_ty(ir::element_type(t))?, ir::vector_len(t))
                }
                K::LLVMArrayTypeKind => LLVMArrayType2(self.shadow_ty(ir::element_type(t))?, ir::array_len(t)),
                K::LLVMStructTypeKind => {
                    let mut fields = ir::struct_fields(t)
                        .into_iter()
                        .map(|f| self.shadow_ty(f))
                        .collect::<Option<Vec<_>>>()?;
                    LLVMStructTypeInContext(self.ctx, fields.as_mut_ptr(), fields.len() as u32, 0)
                }
                _ => return None,
            })
        }
    }

    /// Shadow type of an integer or integer vector shadow used as a value's
    /// bit pattern (`float` → `i32`, `<4 x float>` → `<4 x i32>`).
    pub fn clean(&self, shadow_ty: T) -> V {
        unsafe { LLVMConstNull(shadow_ty) }
    }

    /// A fully poisoned shadow constant.
    pub fn poisoned(&self, shadow_ty: T) -> V {
        unsafe {
            match ir::type_kind(shadow_ty) {
                K::LLVMIntegerTypeKind | K::LLVMVectorTypeKind => LLVMConstAllOnes(shadow_ty),
                K::LLVMArrayTypeKind => {
                    let e = self.poisoned(ir::element_type(shadow_ty));
                    let mut elems = vec![e; ir::array_len(shadow_ty) as usize];
                    LLVMConstArray2(ir::element_type(shadow_ty), elems.as_mut_ptr(), elems.len() as u64)
                }
                K::LLVMStructTypeKind => {
                    let mut elems: Vec<V> =
                        ir::struct_fields(shadow_ty).into_iter().map(|f| self.poisoned(f)).collect();
                    LLVMConstStructInContext(self.ctx, elems.as_mut_ptr(), elems.len() as u32, 0)
                }
                _ => LLVMConstNull(shadow_ty),
            }
        }
    }

    /// The shadow of a constant: `undef` and `poison` (also as elements of
    /// vectors and aggregates) are uninitialized, everything else is clean.
    pub fn constant_shadow(&self, c: V, shadow_ty: T) -> V {
        if ir::is_undef_or_poison(c) {
            return self.poisoned(shadow_ty);
        }
        let kind = ir::type_kind(shadow_ty);
        let aggregate = matches!(kind, K::LLVMVectorTypeKind | K::LLVMArrayTypeKind | K::LLVMStructTypeKind);
        let is_data_seq = unsafe { !LLVMIsAConstantDataSequential(c).is_null() || !LLVMIsAConstantAggregateZero(c).is_null() };
        if !aggregate || is_data_seq || !self.contains_undef(c) {
            return self.clean(shadow_ty);
        }
        unsafe {
            match kind {
                K::LLVMVectorTypeKind => {
                    let et = ir::element_type(shadow_ty);
                    let mut elems: Vec<V> = (0..ir::vector_len(shadow_ty))
                        .map(|i| self.constant_shadow(LLVMGetAggregateElement(c, i), et))
                        .collect();
                    LLVMConstVector(elems.as_mut_ptr(), elems.len() as u32)
                }
                K::LLVMArrayTypeKind => {
                    let et = ir::element_type(shadow_ty);
                    let mut elems: Vec<V> = (0..ir::array_len(shadow_ty) as u32)
                        .map(|i| self.constant_shadow(LLVMGetAggregateElement(c, i), et))
                        .collect();
                    LLVMConstArray2(et, elems.as_mut_ptr(), elems.len() as u64)
                }
                _ => {
                    let mut elems: Vec<V> = ir::struct_fields(shadow_ty)
                        .into_iter()
                        .enumerate()
                        .map(|(i, ft)| self.constant_shadow(LLVMGetAggregateElement(c, i as u32), ft))
                        .collect();
                    LLVMConstStructInContext(self.ctx, elems.as_mut_ptr(), elems.len() as u32, 0)
                }
            }
        }
    }

    fn contains_undef(&self, c: V) -> bool {
        if ir::is_undef_or_poison(c) {
            return true;
        }
        let is_agg = unsafe {
            !LLVMIsAConstantVector(c).is_null()
                || !LLVMIsAConstantArray(c).is_null()
                || !LLVMIsAConstantStruct(c).is_null()
        };
        is_agg && (0..ir::num_operands(c)).any(|i| self.contains_undef(ir::operand(c, i)))
    }

    /// Replaces an `undef`/`poison` constant used in shadow arithmetic by
    /// zero: its shadow is all ones anyway, and shadow code must never compute
    /// with LLVM's undefined values (a check branching on them would be UB).
    pub fn defined_operand(&self, v: V) -> V {
        if !ir::is_constant(v) || !self.contains_undef(v) {
            return v;
        }
        let t = ir::type_of(v);
        unsafe {
            if ir::is_undef_or_poison(v) || ir::type_kind(t) != K::LLVMVectorTypeKind {
                return LLVMConstNull(t);
            }
            let mut elems: Vec<V> = (0..ir::vector_len(t))
                .map(|i| self.defined_operand(LLVMGetAggregateElement(v, i)))
                .collect();
            LLVMConstVector(elems.as_mut_ptr(), elems.len() as u32)
        }
    }
}
