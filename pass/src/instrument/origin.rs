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
use llvm_sys::{LLVMIntPredicate as P, LLVMOpcode as Op, LLVMTypeKind as K};

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

    /// The origin of a value loaded from `addr` whose shadow is `s`, loaded
    /// only when `s` has a bit set ([`Action::LazyOriginLoad`]; 0
    /// otherwise, where no origin matters). A
    /// vector's granules may hold the origins of different values (a lane
    /// copied from the heap next to one written in place, whose granule
    /// keeps a stale origin): a vector takes the origin of the granule of
    /// its first uninitialized 4-byte lane (of its last one when none is,
    /// where the origin does not matter), so a report on any lane names
    /// where an uninitialized lane came from. Scalars take their first
    /// granule's, as in MemorySanitizer.
    pub(super) fn load_value_origin(&mut self, addr: V, align: u32, s: V) -> V {
        let cond = self.any_poisoned(s);
        let o = self.granule_origin(addr, align, s);
        if !ir::is_constant(cond) {
            self.actions.push(Action::LazyOriginLoad { load: o, cond });
        }
        o
    }

    /// The origin load of [`Self::load_value_origin`].
    fn granule_origin(&self, addr: V, align: u32, s: V) -> V {
        let t = ir::type_of(s);
        let size = self.cx.layout.store_size(t);
        let granules = size / umsan_abi::ORIGIN_GRANULE;
        if ir::type_kind(t) != K::LLVMVectorTypeKind || size % umsan_abi::ORIGIN_GRANULE != 0 || !(2..=32).contains(&granules) {
            return self.load_origin(addr, align);
        }
        unsafe {
            let lanes = self.bitcast(s, LLVMVectorType(self.cx.i32, granules as u32));
            let poisoned = self.icmp(P::LLVMIntNE, lanes, LLVMConstNull(ir::type_of(lanes)));
            let mask = self.bitcast(poisoned, LLVMIntTypeInContext(self.cx.ctx, granules as u32));
            let mask = LLVMBuildZExt(self.b, mask, self.cx.i32, NONAME);
            let mask = self.or(mask, self.cx.const_i32(1 << (granules - 1)));
            let name = "llvm.cttz";
            let id = LLVMLookupIntrinsicID(name.as_ptr() as *const _, name.len());
            let mut tys = [self.cx.i32];
            let cttz = LLVMGetIntrinsicDeclaration(self.cx.module, id, tys.as_mut_ptr(), 1);
            let fty = LLVMIntrinsicGetType(self.cx.ctx, id, tys.as_mut_ptr(), 1);
            let mut args = [mask, LLVMConstInt(self.cx.i1, 1, 0)];
            let lane = LLVMBuildCall2(self.b, fty, cttz, args.as_mut_ptr(), 2, NONAME);
            let offset = LLVMBuildShl(self.b, LLVMBuildZExt(self.b, lane, self.cx.i64, NONAME), self.cx.const_i64(2), NONAME);
            let oa = self.origin_addr(addr, align);
            let mut idx = [offset];
            let oa = LLVMBuildGEP2(self.b, self.cx.i8, oa, idx.as_mut_ptr(), 1, NONAME);
            self.load(self.cx.i32, oa, 4)
        }
    }

    /// The origin of an instruction without a rule of its own: that of the
    /// last operand with an uninitialized bit (other than `undef`).
    pub(super) fn combine_origins(&mut self, inst: V) {
        if !self.cx.origins || self.origin_map().contains_key(&inst) || !self.has_shadow(inst) {
            return;
        }
        let operands = match ir::opcode(inst) {
            Op::LLVMPHI | Op::LLVMLoad | Op::LLVMAlloca | Op::LLVMInvoke => return,
            // Calls of functions set the origin of their result from the
            // return-value TLS; an intrinsic's result (a reduction, an x86
            // SIMD rule, `bswap`, …) comes from its arguments.
            Op::LLVMCall if ir::intrinsic_name(unsafe { LLVMGetCalledValue(inst) }).is_none() => return,
            Op::LLVMCall => unsafe { LLVMGetNumArgOperands(inst) },
            _ => ir::num_operands(inst),
        };
        if self.is_clean_const(self.shadow(inst)) {
            return;
        }
        self.before(inst);
        let mut origin: Option<V> = None;
        for i in 0..operands {
            let op = ir::operand(inst, i);
            // `undef`/`poison` operands (the unused half of a shuffle, the
            // vector an element is inserted into) have no origin: they
            // must not hide the origin of the operand that has one.
            if unsafe { LLVMValueIsBasicBlock(op) } != 0 || self.shadow_ty(op).is_none() || ir::is_undef_or_poison(op) {
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
        self.store_origin_if(shadow, origin, addr, size, align, inst);
    }

    /// Before `before`: `origin` for the `size` bytes at `addr` if `shadow`
    /// (of what is stored there) has any bit set — on the cold path.
    pub(super) fn store_origin_if(&mut self, shadow: V, origin: V, addr: V, size: u64, align: u32, before: V) {
        self.actions.push(Action::StoreOrigin { shadow, origin, addr, size, align, before });
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
                let st = self.store(splat, self.gep_bytes(oa, i * 16), align.min(16));
                self.origin_stores.borrow_mut().insert(st);
            }
        }
        for g in vecs * 4..granules {
            let st = self.store(origin, self.gep_bytes(oa, g * 4), 4);
            self.origin_stores.borrow_mut().insert(st);
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
