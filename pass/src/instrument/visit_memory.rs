//! Handlers for memory instructions: alloca, load, store, atomics, GEP.

use super::function::{is_plain_access, Action, FunctionInstrumenter};
use super::uninit_locals;
use crate::ir::{self, cstring, NONAME, V};
use llvm_sys::core::*;
use llvm_sys::LLVMIntPredicate;

/// Largest stack slot (bytes) whose origin is written inline (at most 8
/// vector stores); larger ones go through the runtime.
const STACK_ORIGIN_INLINE_BYTES: u64 = 128;

impl FunctionInstrumenter<'_> {
    /// Stack slots start uninitialized. Static slots (constant size, entry
    /// block) are poisoned right after the alloca and cleaned at every return;
    /// dynamic ones are poisoned by the runtime and the whole dynamic area is
    /// cleaned at returns.
    pub(super) fn visit_alloca(&mut self, inst: V) {
        self.set_clean(inst);
        let ty = unsafe { LLVMGetAllocatedType(inst) };
        let elem_size = self.cx.layout.alloc_size(ty);
        let count = ir::operand(inst, 0);
        let entry = unsafe { LLVMGetEntryBasicBlock(self.func) };
        let align = unsafe { LLVMGetAlignment(inst) };
        self.after(inst);
        match ir::const_int_value(count) {
            Some(n) if ir::instruction_parent(inst) == entry => {
                let size = elem_size * n;
                if size == 0 {
                    return;
                }
                if !self.lifetime_scoped.contains(&inst) {
                    let at = self.after_entry_allocas(inst);
                    self.poison_stack_slot(inst, self.cx.const_i64(size), align, Some(at));
                }
                self.static_allocas.push((inst, size));
            }
            _ => {
                // (dynamic_area moves the builder: set up the area first)
                let lo_slot = self.dynamic_area().0;
                self.set_debug_loc(inst);
                self.after(inst);
                let n = self.int_cast(count, self.cx.i64);
                let bytes = unsafe { LLVMBuildMul(self.b, n, self.cx.const_i64(elem_size), NONAME) };
                if !self.propagate {
                    self.call(self.cx.unpoison, &[inst, bytes]);
                } else if self.cx.origins {
                    self.poison_stack_slot(inst, bytes, align, None);
                } else {
                    self.call(self.cx.poison, &[inst, bytes]);
                }
                let lo = self.load(self.cx.ptr, lo_slot, 8);
                let below = self.icmp(LLVMIntPredicate::LLVMIntULT, inst, lo);
                let new_lo = self.select(below, inst, lo);
                self.store(new_lo, lo_slot, 8);
            }
        }
    }

    /// Poisons a stack slot: inline, or through the runtime when the slot
    /// needs an origin ("stack allocation of 'name' in function"). A small
    /// aligned slot of constant size gets its shadow and, once the runtime
    /// has created the site's origin (first execution, cold), its origin
    /// inline: no call on the hot path. `inline_origin_at`: where that
    /// inline origin code may split the block (`None`: it may not, the
    /// runtime sets the origin).
    pub(super) fn poison_stack_slot(&mut self, alloca: V, size: V, align: u32, inline_origin_at: Option<V>) {
        if !self.propagate {
            // MemorySanitizer's stack slots of an unsanitized function start clean.
            return self.set_shadow_bytes(alloca, 0, size, align);
        }
        if !self.cx.origins {
            return self.set_shadow_bytes(alloca, 0xff, size, align);
        }
        let var = source_name(&ir::value_name(alloca));
        let (slot, descr) = self.cx.stack_origin_site(&var, &ir::value_name(self.func));
        match (ir::const_int_value(size), inline_origin_at) {
            (Some(n), Some(at))
                if u64::from(align) >= umsan_abi::ORIGIN_GRANULE && n <= STACK_ORIGIN_INLINE_BYTES =>
            {
                self.set_shadow_bytes(alloca, 0xff, size, align);
                unsafe { LLVMPositionBuilderBefore(self.b, at) };
                let id = self.load_acquire_i32(slot);
                let loc = self.current_loc();
                self.actions.push(Action::StackOrigin { id, fill: Some((alloca, n, align)), slot, descr, loc });
            }
            _ => {
                self.call(self.cx.poison_stack, &[alloca, size, slot, descr]);
            }
        }
    }

    /// A marked local's uninitialized value (`uninit_locals`): poisoned,
    /// with the origin of its stack allocation, created on first use.
    pub(super) fn visit_uninit_marker(&mut self, inst: V) {
        let Some(sty) = self.shadow_ty(inst) else { return };
        if !self.propagate {
            return self.set_clean(inst);
        }
        self.set_shadow(inst, self.cx.poisoned(sty));
        if !self.cx.origins || only_feeds_dropped_stores(inst) {
            return;
        }
        let descr = uninit_locals::descr(inst);
        let slot = self.cx.uninit_origin_slot(descr);
        self.after(inst);
        let id = self.load_acquire_i32(slot);
        let loc = self.current_loc();
        self.actions.push(Action::StackOrigin { id, fill: None, slot, descr, loc });
        self.set_origin(inst, id);
    }

    /// Where the origin code of a static alloca poisoned at entry goes:
    /// after the entry block's last alloca, since its branch splits the
    /// block there and every static alloca must stay in the entry block.
    pub(super) fn after_entry_allocas(&self, alloca: V) -> V {
        let entry = ir::instruction_parent(alloca);
        let last_alloca = ir::instructions(entry)
            .into_iter()
            .filter(|&i| ir::opcode(i) == llvm_sys::LLVMOpcode::LLVMAlloca)
            .last()
            .unwrap_or(alloca);
        ir::next_instruction(last_alloca)
    }

    /// The slot tracking the lowest dynamic allocation and the stack pointer
    /// at entry, created on first use at the top of the entry block. Leaves
    /// the builder there.
    pub(super) fn dynamic_area(&mut self) -> (V, V) {
        if let Some(d) = self.dynamic_stack {
            return d;
        }
        let entry = unsafe { LLVMGetEntryBasicBlock(self.func) };
        let first = ir::first_instruction(entry);
        unsafe {
            let loc = LLVMGetCurrentDebugLocation2(self.b);
            LLVMSetCurrentDebugLocation2(self.b, std::ptr::null_mut());
            LLVMPositionBuilderBefore(self.b, first);
            let slot = LLVMBuildAlloca(self.b, self.cx.ptr, cstring("umsan.dyn_lo").as_ptr());
            let name = "llvm.stacksave";
            let id = LLVMLookupIntrinsicID(name.as_ptr() as *const _, name.len());
            let mut tys = [self.cx.ptr];
            let decl = LLVMGetIntrinsicDeclaration(self.cx.module, id, tys.as_mut_ptr(), 1);
            let fty = LLVMIntrinsicGetType(self.cx.ctx, id, tys.as_mut_ptr(), 1);
            let sp0 = LLVMBuildCall2(self.b, fty, decl, std::ptr::null_mut(), 0, NONAME);
            self.store(sp0, slot, 8);
            LLVMSetCurrentDebugLocation2(self.b, loc);
            self.dynamic_stack = Some((slot, sp0));
        }
        self.dynamic_stack.unwrap()
    }

    pub(super) fn visit_load(&mut self, inst: V) {
        let ptr = ir::operand(inst, 0);
        self.check_operand(ptr, inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        if ir::points_into_read_only_global(ptr) {
            // A `static const` table or a literal: no shadow load, no origin.
            self.set_clean(inst);
            return;
        }
        // The shadow is read after the load, as MemorySanitizer does: the
        // address check goes before the load, so an uninitialized pointer
        // is reported before anything dereferences it, and a pointer the
        // program itself cannot load through (garbage bits) is never
        // turned into a shadow address first.
        self.after(inst);
        let align = unsafe { LLVMGetAlignment(inst) };
        let sa = self.shadow_addr(ptr);
        let s = self.load(st, sa, align);
        if is_plain_access(inst) {
            self.shadow_loads.insert(s, (ptr, self.memory_epoch));
        }
        self.set_shadow(inst, s);
        if self.cx.origins {
            let o = self.load_value_origin(ptr, align, s);
            self.set_origin(inst, o);
        }
    }

    pub(super) fn visit_store(&mut self, inst: V) {
        let val = ir::operand(inst, 0);
        let ptr = ir::operand(inst, 1);
        if uninit_locals::marker_call(val).is_some() && is_stack_slot(ptr) {
            // A marked local the optimizer did not promote: its slot was
            // poisoned (with its origin) where its life starts, which is
            // where the store was put; store nothing.
            self.dropped_stores.push(inst);
            return;
        }
        self.check_operand(ptr, inst);
        if self.shadow_ty(val).is_none() {
            return;
        }
        let s = self.shadow(val);
        if is_plain_access(inst) && self.shadow_loads.get(&s) == Some(&(ptr, self.memory_epoch)) {
            return; // the shadow (and origin) already there
        }
        if is_plain_access(inst) {
            // After the store, like a load's shadow: the address check
            // (materialized right before the store) then comes before any
            // use of the address, and an address the program cannot store
            // through faults in the program's own store, not in umsan's.
            self.after(inst);
        } else {
            // Atomic and volatile: the shadow is published before the
            // value, so a thread (or signal handler) that sees the value
            // sees its shadow.
            self.before(inst);
        }
        let align = unsafe { LLVMGetAlignment(inst) };
        let sa = self.shadow_addr(ptr);
        self.store(s, sa, align);
        self.store_origin(val, ptr, inst);
    }

    /// Atomic read-modify-write: the address and the compared value are
    /// checked; memory and result count as initialized.
    pub(super) fn visit_cmpxchg(&mut self, inst: V) {
        let ptr = ir::operand(inst, 0);
        self.check_operand(ptr, inst);
        self.check_operand(ir::operand(inst, 1), inst);
        self.store_clean_shadow(ptr, ir::operand(inst, 2), inst);
        self.set_clean(inst);
    }

    pub(super) fn visit_atomicrmw(&mut self, inst: V) {
        let ptr = ir::operand(inst, 0);
        self.check_operand(ptr, inst);
        self.store_clean_shadow(ptr, ir::operand(inst, 1), inst);
        self.set_clean(inst);
    }

    fn store_clean_shadow(&mut self, ptr: V, like: V, inst: V) {
        let Some(st) = self.shadow_ty(like) else { return };
        self.before(inst);
        let sa = self.shadow_addr(ptr);
        self.store(self.cx.clean(st), sa, 1);
    }

    /// A computed address is uninitialized where its base or any index is.
    pub(super) fn visit_gep(&mut self, inst: V) {
        let Some(st) = self.shadow_ty(inst) else { return };
        self.before(inst);
        let mut s = self.cx.clean(st);
        for i in 0..ir::num_operands(inst) {
            let op_shadow = self.shadow(ir::operand(inst, i));
            if self.is_clean_const(op_shadow) {
                continue;
            }
            let c = self.cast_shadow(op_shadow, st);
            s = self.or(s, c);
        }
        self.set_shadow(inst, s);
    }
}

/// The source name of a stack slot from its LLVM value name: the inliner
/// renames `m` to `m.i` (or `m.i42`, `m.i.i`…), SROA and others add `.addr`.
/// Is `v` (a marker call, or a part of one) used only by stores into stack
/// slots, which `visit_store` drops? Then its origin is never needed.
fn only_feeds_dropped_stores(v: V) -> bool {
    ir::users(v).into_iter().all(|u| match ir::opcode(u) {
        llvm_sys::LLVMOpcode::LLVMStore => ir::operand(u, 0) == v && is_stack_slot(ir::operand(u, 1)),
        llvm_sys::LLVMOpcode::LLVMExtractValue => only_feeds_dropped_stores(u),
        _ => false,
    })
}

/// Does `p` point into a static alloca (through constant-offset GEPs)?
fn is_stack_slot(mut p: V) -> bool {
    loop {
        if ir::is_alloca(p) {
            return ir::const_int_value(ir::operand(p, 0)).is_some();
        }
        if !ir::is_instruction(p) || ir::opcode(p) != llvm_sys::LLVMOpcode::LLVMGetElementPtr {
            return false;
        }
        if unsafe { llvm_sys::core::LLVMIsAGetElementPtrInst(p) }.is_null()
            || !(1..ir::num_operands(p)).all(|i| ir::is_constant(ir::operand(p, i)))
        {
            return false;
        }
        p = ir::operand(p, 0);
    }
}

pub(super) fn source_name(llvm_name: &str) -> String {
    let mut name = llvm_name;
    loop {
        let Some((stem, suffix)) = name.rsplit_once('.') else { break };
        let inlined = suffix.strip_prefix('i').is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()));
        if stem.is_empty() || !(inlined || suffix == "addr") {
            break;
        }
        name = stem;
    }
    if name.is_empty() {
        "<unnamed>".into()
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn source_names() {
        assert_eq!(super::source_name("m.i"), "m");
        assert_eq!(super::source_name("buf.i42.i"), "buf");
        assert_eq!(super::source_name("x.addr"), "x");
        assert_eq!(super::source_name("a.b"), "a.b");
        assert_eq!(super::source_name(""), "<unnamed>");
    }
}
