//! Origins: with `-fumsan-track-origins`, every shadow has an `i32` origin
//! naming where the uninitialized value was created (an id in the runtime's
//! depot; 0 = unknown). Origins are stored for 4-byte granules of memory at
//! `(shadow(addr) + ORIGIN_ADD) & ~3`, passed across calls in
//! `__umsan_param_origin_tls` / `__umsan_retval_origin_tls`, and combined
//! like MemorySanitizer does: the result of an instruction takes the origin
//! of its last operand that has any uninitialized bit.

use super::function::{Action, FunctionInstrumenter};
use crate::ir::{self, NONAME, V};
use llvm_sys::core::*;
use llvm_sys::LLVMOpcode as Op;

impl FunctionInstrumenter<'_> {
    /// The origin of a value (constant 0 when untracked or unknown).
    pub(super) fn origin(&self, v: V) -> V {
        self.origin_map().get(&v).copied().unwrap_or_else(|| self.cx.const_i32(0))
    }

    pub(super) fn set_origin(&mut self, v: V, o: V) {
        if self.cx.origins {
            self.origin_map_mut().insert(v, o);
        }
    }

    /// Address of the origin of the granule holding `addr`, which is
    /// `align`-aligned: rounding down is needed only below the granule size.
    pub(super) fn origin_addr(&self, addr: V, align: u32) -> V {
        unsafe {
            let i = LLVMBuildPtrToInt(self.b, addr, self.cx.i64, NONAME);
            let s = LLVMBuildXor(self.b, i, self.cx.const_i64(umsan_abi::SHADOW_XOR), NONAME);
            let mut o = LLVMBuildAdd(self.b, s, self.cx.const_i64(umsan_abi::ORIGIN_ADD), NONAME);
            if u64::from(align) < umsan_abi::ORIGIN_GRANULE {
                o = LLVMBuildAnd(self.b, o, self.cx.const_i64(!(umsan_abi::ORIGIN_GRANULE - 1)), NONAME);
            }
            LLVMBuildIntToPtr(self.b, o, self.cx.ptr, NONAME)
        }
    }

    pub(super) fn load_origin(&self, addr: V, align: u32) -> V {
        let oa = self.origin_addr(addr, align);
        self.load(self.cx.i32, oa, 4)
    }

    /// The origin of an instruction without a rule of its own: that of the
    /// last operand with an uninitialized bit.
    pub(super) fn combine_origins(&mut self, inst: V) {
        if !self.cx.origins || self.origin_map().contains_key(&inst) || !self.has_shadow(inst) {
            return;
        }
        if matches!(ir::opcode(inst), Op::LLVMPHI | Op::LLVMCall | Op::LLVMLoad | Op::LLVMAlloca) {
            return;
        }
        if self.is_clean_const(self.shadow(inst)) {
            return;
        }
        self.before(inst);
        let mut origin: Option<V> = None;
        for i in 0..ir::num_operands(inst) {
            let op = ir::operand(inst, i);
            if unsafe { LLVMValueIsBasicBlock(op) } != 0 || self.shadow_ty(op).is_none() {
                continue;
            }
            let s = self.shadow(op);
            if self.is_clean_const(s) {
                continue;
            }
            let o = self.origin(op);
            origin = Some(match origin {
                None => o,
                Some(prev) => {
                    let poisoned = self.any_poisoned(s);
                    self.select(poisoned, o, prev)
                }
            });
        }
        if let Some(o) = origin {
            self.set_origin(inst, o);
        }
    }

    /// Records that a store of `value` to `addr` must also store its origin
    /// when the value has any uninitialized bit.
    pub(super) fn store_origin(&mut self, value: V, addr: V, inst: V) {
        if !self.cx.origins {
            return;
        }
        let shadow = self.shadow(value);
        if self.is_clean_const(shadow) {
            return;
        }
        let Some(st) = self.shadow_ty(value) else { return };
        let size = self.cx.layout.store_size(st);
        let align = unsafe { LLVMGetAlignment(inst) };
        let origin = self.origin(value);
        self.actions.push(Action::StoreOrigin { shadow, origin, addr, size, align, before: inst });
    }

    /// `origin` for every granule of the `size` bytes at `addr` (aligned to
    /// `align` >= 4), inline: 16-byte vector stores, then 4-byte ones.
    pub(super) fn fill_origin(&self, origin: V, addr: V, size: u64, align: u32) {
        let oa = self.origin_addr(addr, align);
        let granules = size.div_ceil(umsan_abi::ORIGIN_GRANULE);
        let vecs = granules / 4;
        if vecs > 0 {
            let v4 = unsafe { LLVMVectorType(self.cx.i32, 4) };
            let mut splat = unsafe { LLVMGetPoison(v4) };
            for lane in 0..4 {
                splat = unsafe { LLVMBuildInsertElement(self.b, splat, origin, self.cx.const_i32(lane), NONAME) };
            }
            for i in 0..vecs {
                self.store(splat, self.gep_bytes(oa, i * 16), align.min(16));
            }
        }
        for g in vecs * 4..granules {
            self.store(origin, self.gep_bytes(oa, g * 4), 4);
        }
    }

    /// Writes `origin` for every granule of `[addr, addr + size)`: inline for
    /// small aligned stores, by the runtime otherwise.
    pub(super) fn emit_origin_store(&self, origin: V, addr: V, size: u64, align: u32) {
        if u64::from(align) >= umsan_abi::ORIGIN_GRANULE && size <= 16 {
            self.fill_origin(origin, addr, size, align);
        } else {
            self.call(self.cx.set_origin, &[addr, self.cx.const_i64(size), origin]);
        }
    }
}
