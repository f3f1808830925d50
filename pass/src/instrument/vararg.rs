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

use super::function::FunctionInstrumenter;
use crate::ir::{self, cstring, T, V};
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
                }
                None => {
                    let s = self.shadow(arg);
                    self.store(s, slot, 8);
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
            self.va_shadow = Some((copy, size));
        }
    }

    /// At `va_start(ap)`: the argument shadows go where `va_arg` reads.
    pub(super) fn vararg_start(&mut self, va_list: V, reg_save_area: V) {
        let Some((copy, overflow_size)) = self.va_shadow else { return };
        let shadow_regs = self.shadow_addr(reg_save_area);
        unsafe {
            LLVMBuildMemCpy(self.b, shadow_regs, 8, copy, 8, self.cx.const_i64(FP_END));
            let slot = self.gep_bytes(va_list, 8);
            let overflow_area = self.load(self.cx.ptr, slot, 8);
            let shadow_overflow = self.shadow_addr(overflow_area);
            let src = self.gep_bytes(copy, FP_END);
            LLVMBuildMemCpy(self.b, shadow_overflow, 1, src, 8, overflow_size);
        }
    }
}
