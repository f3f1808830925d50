//! Shadows of variadic arguments (x86_64 System V).
//!
//! The caller writes the shadow of each argument passed through `...` into
//! `__umsan_va_arg_tls`, at the offset the argument itself takes in the
//! callee's register save area (general-purpose registers at 0..48, vector
//! registers at 48..176) or, past 176, in the stack overflow area; it also
//! stores the overflow size. The variadic callee copies that TLS at entry
//! (only when its caller was instrumented, see the param tag) and, at
//! `va_start`, writes the copy into the shadow of the register save area
//! and of the overflow area, where `va_arg` then finds it.
//! Arguments of a shape this classification does not know make the caller
//! store an invalid size: the callee then treats all of them as initialized.
//!
//! With origins, the caller also writes each uninitialized argument's origin
//! into `__umsan_va_arg_origin_tls` at the same offset; the callee copies
//! those at entry and `va_start` writes them into the origins of the two
//! areas, so a value `va_arg` reads (in this function or in one the
//! `va_list` is handed to, `vprintf`'s format check included) keeps its
//! origin.

use super::function::FunctionInstrumenter;
use crate::ir::{self, cstring, NONAME, T, V};
use llvm_sys::core::*;
use llvm_sys::LLVMTypeKind as K;

const GP_END: u64 = 48;
const FP_END: u64 = 176;
/// Overflow size stored when the arguments could not be classified.
const INVALID: u64 = u64::MAX;

enum Class {
    Gp,
    Fp,
    Memory(u64),
}

impl FunctionInstrumenter<'_> {
    fn classify(&self, t: T, byval: Option<T>) -> Option<Class> {
        if let Some(ty) = byval {
            return Some(Class::Memory(self.cx.layout.alloc_size(ty)));
        }
        match ir::type_kind(t) {
            K::LLVMIntegerTypeKind if ir::int_width(t) <= 64 => Some(Class::Gp),
            K::LLVMPointerTypeKind => Some(Class::Gp),
            K::LLVMFloatTypeKind | K::LLVMDoubleTypeKind => Some(Class::Fp),
            K::LLVMX86_FP80TypeKind => Some(Class::Memory(16)),
            _ => None,
        }
    }

    /// Caller side: the shadows of the variadic arguments of `call`.
    pub(super) fn store_vararg_shadows(&mut self, call: V) {
        let fnty = unsafe { LLVMGetCalledFunctionType(call) };
        if unsafe { LLVMIsFunctionVarArg(fnty) } == 0 {
            return;
        }
        self.before(call);
        let nfixed = unsafe { LLVMCountParamTypes(fnty) };
        let nargs = unsafe { LLVMGetNumArgOperands(call) };
        let (mut gp, mut fp, mut overflow) = (0u64, GP_END, 0u64);
        let mut valid = true;
        for i in 0..nargs {
            let arg = ir::operand(call, i);
            let byval = ir::call_arg_type_attr(call, i, "byval");
            let Some(class) = self.classify(ir::type_of(arg), byval) else {
                valid = false;
                break;
            };
            let fixed = i < nfixed;
            let offset = match class {
                Class::Gp if gp < GP_END => {
                    gp += 8;
                    Some(gp - 8)
                }
                Class::Fp if fp < FP_END => {
                    fp += 16;
                    Some(fp - 16)
                }
                Class::Gp | Class::Fp => {
                    let size = 8;
                    overflow += size;
                    Some(FP_END + overflow - size)
                }
                Class::Memory(size) => {
                    let size = size.div_ceil(8) * 8;
                    overflow += size;
                    Some(FP_END + overflow - size)
                }
            };
            let Some(offset) = offset.filter(|_| !fixed) else { continue };
            if offset + 8 > umsan_abi::PARAM_TLS_BYTES {
                valid = false;
                break;
            }
            let slot = self.tls_slot(self.cx.va_arg_tls, offset);
            match byval {
                Some(ty) => {
                    let size = self.cx.layout.alloc_size(ty).min(umsan_abi::PARAM_TLS_BYTES - offset);
                    let src = self.shadow_addr(arg);
                    unsafe { LLVMBuildMemCpy(self.b, slot, 8, src, 1, self.cx.const_i64(size)) };
                    if self.cx.origins {
                        self.copy_byval_origins_out(arg, self.cx.va_arg_origin_tls, offset, size);
                    }
                }
                None => {
                    let s = self.shadow(arg);
                    self.store(s, slot, 8);
                    if self.cx.origins && !self.is_clean_const(s) {
                        let oslot = self.tls_slot(self.cx.va_arg_origin_tls, offset);
                        self.store(self.origin(arg), oslot, 4);
                    }
                }
            }
        }
        let size = if valid { overflow.min(umsan_abi::PARAM_TLS_BYTES - FP_END) } else { INVALID };
        self.store(self.cx.const_i64(size), self.cx.va_arg_overflow_size_tls, 8);
    }

    /// Callee side, at entry of a variadic function: a private copy of the
    /// variadic shadows (all clean when the caller was not instrumented).
    pub(super) fn vararg_prologue(&mut self) {
        if unsafe { LLVMIsFunctionVarArg(LLVMGlobalGetValueType(self.func)) } == 0 {
            return;
        }
        let bytes = umsan_abi::PARAM_TLS_BYTES;
        unsafe {
            let arr = LLVMArrayType2(self.cx.i8, bytes);
            let copy = LLVMBuildAlloca(self.b, arr, cstring("umsan.va_shadow").as_ptr());
            LLVMSetAlignment(copy, 8);
            let size = self.load(self.cx.i64, self.cx.va_arg_overflow_size_tls, 8);
            let valid_size = self.icmp(llvm_sys::LLVMIntPredicate::LLVMIntNE, size, self.cx.const_i64(INVALID));
            let valid = self.and(self.args_trusted, valid_size);
            let src = self.select(valid, self.cx.va_arg_tls, self.cx.zeros(bytes));
            LLVMBuildMemCpy(self.b, copy, 8, src, 8, self.cx.const_i64(bytes));
            let size = self.select(valid, size, self.cx.const_i64(0));
            // Origins: no select, they only matter where the shadow is
            // poisoned; only the bytes in use.
            let origins = self.cx.origins.then(|| {
                let ocopy = LLVMBuildAlloca(self.b, arr, cstring("umsan.va_origin").as_ptr());
                LLVMSetAlignment(ocopy, 8);
                let n = LLVMBuildAdd(self.b, size, self.cx.const_i64(FP_END), NONAME);
                LLVMBuildMemCpy(self.b, ocopy, 8, self.cx.va_arg_origin_tls, 8, n);
                ocopy
            });
            self.va_shadow = Some(VaShadow { copy, overflow_size: size, origins });
        }
    }

    /// At `va_start(ap)`: the argument shadows go where `va_arg` reads.
    pub(super) fn vararg_start(&mut self, va_list: V, reg_save_area: V) {
        let Some(VaShadow { copy, overflow_size, origins }) = self.va_shadow else { return };
        let shadow_regs = self.shadow_addr(reg_save_area);
        unsafe {
            LLVMBuildMemCpy(self.b, shadow_regs, 8, copy, 8, self.cx.const_i64(FP_END));
            let slot = self.gep_bytes(va_list, 8);
            let overflow_area = self.load(self.cx.ptr, slot, 8);
            let shadow_overflow = self.shadow_addr(overflow_area);
            let src = self.gep_bytes(copy, FP_END);
            LLVMBuildMemCpy(self.b, shadow_overflow, 1, src, 8, overflow_size);
            if let Some(ocopy) = origins {
                // Both areas are 8-aligned (16 for the register save area):
                // their origin granules line up with the slots.
                let origin_regs = self.origin_addr(reg_save_area, 16);
                LLVMBuildMemCpy(self.b, origin_regs, 4, ocopy, 8, self.cx.const_i64(FP_END));
                let origin_overflow = self.origin_addr(overflow_area, 8);
                let src = self.gep_bytes(ocopy, FP_END);
                LLVMBuildMemCpy(self.b, origin_overflow, 4, src, 8, overflow_size);
            }
        }
    }

    /// With origins: the origins of the `size` bytes of the `byval` argument
    /// `arg` go to `tls` at `offset` (the same byte layout as its shadow).
    pub(super) fn copy_byval_origins_out(&mut self, arg: V, tls: V, offset: u64, size: u64) {
        let n = size.div_ceil(umsan_abi::ORIGIN_GRANULE) * umsan_abi::ORIGIN_GRANULE;
        let n = n.min(umsan_abi::PARAM_TLS_BYTES - offset);
        let src = self.origin_addr(arg, 1);
        let slot = self.tls_slot(tls, offset);
        unsafe { LLVMBuildMemCpy(self.b, slot, 8, src, 4, self.cx.const_i64(n)) };
    }
}

/// A variadic function's private copy of its arguments' shadows (and
/// origins), made at entry, and the size of the overflow area's part.
#[derive(Clone, Copy)]
pub(super) struct VaShadow {
    copy: V,
    overflow_size: V,
    origins: Option<V>,
}
