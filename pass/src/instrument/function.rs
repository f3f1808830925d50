//! The per-function visitor.
//!
//! Phases, in order (as in LLVM's MemorySanitizer):
//! 1. **prologue**: read the arguments' shadows from the param TLS — but only
//!    if the caller was instrumented code that called *this* function
//!    (`__umsan_param_tag == @self`); otherwise the arguments are clean.
//! 2. **walk**: blocks in reverse post-order (dominators first), one handler
//!    per instruction kind (`visit_*`). Handlers compute the result's shadow
//!    next to the instruction and record *checks* (shadows that must be
//!    zero at this point) instead of splitting blocks on the fly.
//! 3. **phis**: shadow phis get their incoming values once every block is done.
//! 4. **returns**: each `ret` cleans the shadow of the function's stack slots,
//!    so stack memory never stays poisoned after the frame is gone.
//! 5. **checks**: each recorded check becomes `if (shadow != 0)
//!    __umsan_warning(origin)` — the block is split before the checked
//!    instruction and a cold block calls the runtime.

use super::{ModuleCx, RtFn};
use crate::ir::{self, cstring, B, NONAME, T, V};
use crate::models::Expr;
use llvm_sys::core::*;
use llvm_sys::debuginfo::LLVMInstructionGetDebugLoc;
use llvm_sys::prelude::*;
use llvm_sys::{LLVMIntPredicate, LLVMOpcode as Op, LLVMTypeKind as K};
use std::collections::{HashMap, HashSet};

/// A condition under which the runtime is told something, materialized after
/// the walk.
pub(super) enum Action {
    /// Report `use-of-uninitialized-value` (with `origin`) if `shadow` has
    /// any bit set.
    Check { shadow: V, origin: V, before: V },
    /// Store `origin` for the `size` bytes at `addr` if `shadow` has any bit
    /// set (a store of a partly uninitialized value).
    StoreOrigin { shadow: V, origin: V, addr: V, size: u64, align: u32, before: V },
    /// If `cond` (i1) holds, clean for each `(ptr, size)` the shadow of
    /// `size` bytes at `ptr`, or (`None`) of the uninitialized run starting
    /// at `ptr` — right after the instruction `after`, before any code
    /// inserted later for the instructions that follow. One branch for all.
    UnpoisonIf { cond: V, ptrs: Vec<(V, Option<u64>)>, after: V },
    /// If `cond` (i1) holds, call `f(args)` — right after the instruction
    /// `after`, before any code inserted later for the instructions that
    /// follow.
    CallIf { cond: V, f: RtFn, args: Vec<V>, after: V },
    /// Right after `id` (the acquire load of a stack slot's origin-id
    /// `slot`): when the id is still 0, the runtime creates the origin
    /// (`__umsan_poison_stack`); then `id` stands for the joined value, and
    /// `fill`'s `(alloca, size, align)` bytes get it as origin, inline (no
    /// `fill`: the origin of a marked local's value, see `uninit_locals`).
    /// `loc`: the debug location of the runtime call (its return address is
    /// the origin stack's first frame).
    StackOrigin { id: V, fill: Option<(V, u64, u32)>, slot: V, descr: V, loc: LLVMMetadataRef },
    /// `load` (an origin load) runs only if `cond` (i1: the loaded value's
    /// shadow has a bit set) holds, in a cold block; elsewhere its value
    /// is 0. An origin matters only for an uninitialized value, and origin
    /// memory is as large as the program's: loading it for every load
    /// doubles the cache lines a load touches besides its shadow.
    LazyOriginLoad { load: V, cond: V },
}

pub struct FunctionInstrumenter<'a> {
    pub(super) cx: &'a ModuleCx,
    pub(super) func: V,
    pub(super) b: LLVMBuilderRef,
    shadows: HashMap<V, V>,
    origins: HashMap<V, V>,
    /// (original phi, shadow phi, origin phi if tracked)
    phis: Vec<(V, V, Option<V>)>,
    /// Dominator tree of the original blocks, for dropping repeated checks.
    doms: Option<ir::Dominators>,
    /// Shadows already checked, with the blocks of the checks.
    checked: HashMap<V, Vec<B>>,
    /// Join blocks of branches that only select a value (see
    /// [`Self::value_only_join`]), with the branch condition.
    select_joins: HashMap<B, V>,
    /// Shadows that are computed exactly (comparisons, and the `i1` logic
    /// combining them) and are zero whenever some cheaper shadows are: a
    /// check of such a shadow tests the cheaper ones (the guard) on the
    /// hot path and computes the exact answer only when the guard fails.
    guards: HashMap<V, Guard>,
    pub(super) actions: Vec<Action>,
    /// The blocks [`Self::split_if_then`] made: each runs only when
    /// something is uninitialized (or an uninstrumented call returned).
    cold_blocks: HashSet<B>,
    /// The `store`s that write origin memory ([`Self::fill_origin`]); other
    /// stores write the program's memory, shadow or thread-local slots.
    pub(super) origin_stores: std::cell::RefCell<HashSet<V>>,
    /// The loads of origin slots: the parameters' in the prologue, the
    /// return value's after calls.
    pub(super) slot_origin_loads: Vec<V>,
    /// Static allocas with their sizes in bytes, cleaned at every return.
    pub(super) static_allocas: Vec<(V, u64)>,
    /// Static allocas poisoned at their `llvm.lifetime.start`s (all outside
    /// the entry block) instead of at entry: see [`lifetime_scoped_allocas`].
    pub(super) lifetime_scoped: HashSet<V>,
    /// For dynamic allocas: (slot holding the lowest address allocated,
    /// stack pointer at entry); the range between is cleaned at returns.
    pub(super) dynamic_stack: Option<(V, V)>,
    /// Where the frame is cleaned: each `ret` (or the musttail call before it).
    pub(super) returns: Vec<V>,
    /// i1: the arguments' shadows in the param TLS are ours.
    pub(super) args_trusted: V,
    /// In a variadic function: the copy of the variadic arguments' shadows
    /// and the size of its overflow part (see `vararg.rs`).
    pub(super) va_shadow: Option<super::vararg::VaShadow>,
    /// Debug location given to everything inserted for the instruction
    /// being visited (the location of the use, for reports).
    loc: LLVMMetadataRef,
    /// Advanced at every block start and after every original instruction
    /// that may write memory: two instructions of one epoch see the same
    /// memory (and so the same shadow).
    pub(super) memory_epoch: u32,
    /// Shadow loads of plain loads, with the address and the epoch of the
    /// load: a plain store of such a shadow to the same address in the same
    /// epoch (`count[x]++`) would write back the bytes it read, and is
    /// dropped with its origin store.
    pub(super) shadow_loads: HashMap<V, (V, u32)>,
    /// Stores of a marked local's uninitialized value into a stack slot
    /// that was not promoted (see `uninit_locals`): erased at the end.
    pub(super) dropped_stores: Vec<V>,
    /// The helper calls (`strlen(arg0)`, `memcmplen(arg0, arg1, arg2)`, …)
    /// already emitted after the modelled call being instrumented, by
    /// expression and condition: one call serves every effect that names
    /// the same expression (`memcmp` checks both buffers over the same
    /// length). Emptied for each modelled call.
    pub(super) model_helper_calls: Vec<(Expr, V, V)>,
    /// False in a function MemorySanitizer would not sanitize
    /// (`no_sanitize("memory")`, an ignorelist entry: see `msan_compat.rs`):
    /// as MSan's pass does for such a function, every value counts as
    /// initialized — no checks, stores and returns write clean shadow, stack
    /// slots start clean — while memory-to-memory moves (memcpy, models)
    /// still carry the shadow they move.
    pub(super) propagate: bool,
}

impl Drop for FunctionInstrumenter<'_> {
    fn drop(&mut self) {
        unsafe { LLVMDisposeBuilder(self.b) }
    }
}

impl<'a> FunctionInstrumenter<'a> {
    pub fn new(cx: &'a ModuleCx, func: V) -> Self {
        FunctionInstrumenter {
            cx,
            func,
            b: unsafe { LLVMCreateBuilderInContext(cx.ctx) },
            shadows: HashMap::new(),
            origins: HashMap::new(),
            select_joins: HashMap::new(),
            guards: HashMap::new(),
            doms: None,
            checked: HashMap::new(),
            phis: Vec::new(),
            actions: Vec::new(),
            cold_blocks: HashSet::new(),
            origin_stores: Default::default(),
            slot_origin_loads: Vec::new(),
            static_allocas: Vec::new(),
            lifetime_scoped: HashSet::new(),
            dynamic_stack: None,
            returns: Vec::new(),
            args_trusted: std::ptr::null_mut(),
            va_shadow: None,
            loc: std::ptr::null_mut(),
            memory_epoch: 0,
            shadow_loads: HashMap::new(),
            dropped_stores: Vec::new(),
            model_helper_calls: Vec::new(),
            propagate: !super::msan_compat::is_no_sanitize(func),
        }
    }

    pub fn run(mut self) -> Result<(), String> {
        ir::split_invoke_normal_edges(self.func);
        let order = ir::reverse_post_order(self.func);
        self.doms = Some(ir::Dominators::new(&order));
        // Snapshot every block before inserting anything.
        let walk: Vec<(B, Vec<V>)> = order.iter().map(|&bb| (bb, ir::instructions(bb))).collect();
        let entry = unsafe { LLVMGetEntryBasicBlock(self.func) };
        self.lifetime_scoped = lifetime_scoped_allocas(&walk, entry);
        self.prologue(ir::first_instruction(entry));
        for (_, insts) in &walk {
            self.memory_epoch += 1;
            for &inst in insts {
                self.set_debug_loc(inst);
                self.visit(inst);
                if may_write_memory(inst) {
                    self.memory_epoch += 1;
                }
            }
        }
        self.fill_phis();
        self.finish_returns();
        self.materialize_actions();
        for st in std::mem::take(&mut self.dropped_stores) {
            unsafe { LLVMInstructionEraseFromParent(st) };
        }
        Ok(())
    }

    // ----- builder positioning -------------------------------------------------

    /// Positions the builder before `inst`, keeping the current debug
    /// location (LLVM's positioning would take `inst`'s).
    pub(super) fn before(&self, inst: V) {
        unsafe {
            LLVMPositionBuilderBefore(self.b, inst);
            LLVMSetCurrentDebugLocation2(self.b, self.loc);
        }
    }

    /// Positions the builder at the start of `block`, ahead of the debug
    /// records of its first instruction: where a phi goes. Inserted merely
    /// before that instruction, the phi would adopt its records (LLVM 19's
    /// debug records precede the instruction they are attached to), which
    /// the verifier rejects; and `split_if_then` leaves all the records of
    /// the instructions it moves on the first instruction of the tail.
    pub(super) fn at_block_start(&self, block: B) {
        unsafe {
            LLVMPositionBuilderBeforeInstrAndDbgRecords(self.b, ir::first_instruction(block));
            LLVMSetCurrentDebugLocation2(self.b, self.loc);
        }
    }

    /// Positions the builder right after `inst` (for an `invoke`: at the
    /// start of its normal destination, see [`ir::after_point`]).
    pub(super) fn after(&self, inst: V) {
        self.before(ir::after_point(inst))
    }

    /// The debug location given to code inserted for the instruction being
    /// visited.
    pub(super) fn current_loc(&self) -> LLVMMetadataRef {
        self.loc
    }

    pub(super) fn set_debug_loc(&mut self, inst: V) {
        unsafe {
            self.loc = LLVMInstructionGetDebugLoc(inst);
            LLVMSetCurrentDebugLocation2(self.b, self.loc);
        }
    }

    // ----- shadow map ------------------------------------------------------------

    pub(super) fn shadow_ty(&self, v: V) -> Option<T> {
        self.cx.shadow_ty(ir::type_of(v))
    }

    /// The shadow of any value. Values never visited (defined in unreachable
    /// blocks) and non-instruction values are clean, except undef constants.
    pub(super) fn shadow(&self, v: V) -> V {
        if !self.propagate {
            return self.cx.clean(self.shadow_ty(v).unwrap_or(self.cx.i64));
        }
        if let Some(&s) = self.shadows.get(&v) {
            return s;
        }
        let sty = self.shadow_ty(v).unwrap_or(self.cx.i64);
        if ir::is_constant(v) {
            return self.cx.constant_shadow(v, sty);
        }
        self.cx.clean(sty)
    }

    pub(super) fn origin_map(&self) -> &HashMap<V, V> {
        &self.origins
    }

    pub(super) fn origin_map_mut(&mut self) -> &mut HashMap<V, V> {
        &mut self.origins
    }

    pub(super) fn has_shadow(&self, v: V) -> bool {
        self.shadows.contains_key(&v)
    }

    pub(super) fn set_shadow(&mut self, v: V, s: V) {
        self.shadows.insert(v, s);
    }

    pub(super) fn set_clean(&mut self, v: V) {
        if let Some(t) = self.shadow_ty(v) {
            self.shadows.insert(v, self.cx.clean(t));
        }
    }

    pub(super) fn is_clean_const(&self, s: V) -> bool {
        ir::is_constant(s) && unsafe { LLVMIsNull(s) != 0 }
    }

    // ----- instruction builders ----------------------------------------------------

    pub(super) fn or(&self, a: V, c: V) -> V {
        if self.is_clean_const(a) {
            return c;
        }
        if self.is_clean_const(c) {
            return a;
        }
        unsafe { LLVMBuildOr(self.b, a, c, NONAME) }
    }
    pub(super) fn and(&self, a: V, c: V) -> V {
        unsafe { LLVMBuildAnd(self.b, a, c, NONAME) }
    }
    pub(super) fn xor(&self, a: V, c: V) -> V {
        unsafe { LLVMBuildXor(self.b, a, c, NONAME) }
    }
    pub(super) fn not(&self, a: V) -> V {
        unsafe { LLVMBuildNot(self.b, a, NONAME) }
    }
    pub(super) fn select(&self, c: V, t: V, f: V) -> V {
        unsafe { LLVMBuildSelect(self.b, c, t, f, NONAME) }
    }
    pub(super) fn icmp(&self, p: LLVMIntPredicate, a: V, c: V) -> V {
        unsafe { LLVMBuildICmp(self.b, p, a, c, NONAME) }
    }
    pub(super) fn sext(&self, v: V, t: T) -> V {
        unsafe { LLVMBuildSExt(self.b, v, t, NONAME) }
    }
    pub(super) fn int_cast(&self, v: V, t: T) -> V {
        unsafe { LLVMBuildIntCast2(self.b, v, t, 0, NONAME) }
    }
    pub(super) fn bitcast(&self, v: V, t: T) -> V {
        unsafe { LLVMBuildBitCast(self.b, v, t, NONAME) }
    }
    /// The report call of a failed check, at the builder: `origin` goes to
    /// `__umsan_warning`'s origin register (or, when it is the constant 0,
    /// `__umsan_warning_noorigin` takes none); code that cannot recover
    /// calls `__umsan_warning_noreturn(origin)`.
    fn report_call(&self, origin: V) -> V {
        if !self.cx.opts.recover {
            return self.call(self.cx.warning_noreturn, &[origin]);
        }
        if ir::is_constant(origin) && unsafe { LLVMIsNull(origin) } != 0 {
            return self.call(self.cx.warning_noorigin, &[]);
        }
        let mut args = [unsafe { LLVMGetPoison(self.cx.i32) }; umsan_abi::rt::WARNING_ORIGIN_ARG + 1];
        args[umsan_abi::rt::WARNING_ORIGIN_ARG] = origin;
        self.call(self.cx.warning, &args)
    }

    /// Records that `shadow` is zero whenever the operand shadows `sa` and
    /// `sb` are (see `guards`).
    pub(super) fn set_guard(&mut self, shadow: V, sa: V, sb: V) {
        if ir::is_instruction(shadow) {
            self.guards.insert(shadow, Guard::Operands(sa, sb));
        }
    }

    /// The `i1` shadow `shadow` of `and`/`or`/`select` over `i1` values
    /// with the shadows `parts` is zero whenever all of theirs are: its
    /// guard is the `or` of theirs (a part's own guard where it has one),
    /// so a check of `a < n && p != 0` tests the four operand shadows on
    /// the hot path instead of computing both exact comparisons. Not with
    /// origins: the comparisons' operands then stay live into the cold
    /// block next to their origins, and Lua's interpreter loop spills
    /// (fib.lua: 5.5% more instructions run, sqlite 1.3% fewer).
    pub(super) fn combine_guards(&mut self, shadow: V, parts: &[V]) {
        if self.cx.origins || !ir::is_instruction(shadow) || !parts.iter().any(|p| self.guards.contains_key(p)) {
            return;
        }
        let mut g: Option<V> = None;
        for &p in parts {
            if self.is_clean_const(p) {
                continue;
            }
            let c = self.guard_cond(p);
            g = Some(match g {
                None => c,
                Some(acc) => self.or(acc, c),
            });
        }
        if let Some(g) = g {
            self.guards.insert(shadow, Guard::Cond(g));
        }
    }

    /// An `i1` that is true whenever `shadow` may be nonzero (its guard).
    fn guard_cond(&self, shadow: V) -> V {
        match self.guards.get(&shadow) {
            Some(&Guard::Operands(sa, sb)) => self.any_poisoned(self.or(sa, sb)),
            Some(&Guard::Cond(c)) => c,
            None => self.any_poisoned(shadow),
        }
    }

    /// A call of a runtime function, never made a tail call: several of
    /// them report at their return address (a model's check after the
    /// modelled call, often the last thing a function does), which a jump
    /// would make the caller's caller's.
    pub(super) fn call(&self, f: RtFn, args: &[V]) -> V {
        let mut a = args.to_vec();
        let call = unsafe { LLVMBuildCall2(self.b, f.ty, f.func, a.as_mut_ptr(), a.len() as u32, NONAME) };
        ir::set_notail(call);
        call
    }
    pub(super) fn load(&self, t: T, p: V, align: u32) -> V {
        unsafe {
            let l = LLVMBuildLoad2(self.b, t, p, NONAME);
            LLVMSetAlignment(l, align.max(1));
            l
        }
    }
    /// `load atomic i32, ptr p acquire` (a word the runtime publishes).
    pub(super) fn load_acquire_i32(&self, p: V) -> V {
        let l = self.load(self.cx.i32, p, 4);
        unsafe { LLVMSetOrdering(l, llvm_sys::LLVMAtomicOrdering::LLVMAtomicOrderingAcquire) };
        l
    }
    pub(super) fn store(&self, v: V, p: V, align: u32) -> V {
        unsafe {
            let s = LLVMBuildStore(self.b, v, p);
            LLVMSetAlignment(s, align.max(1));
            s
        }
    }
    pub(super) fn gep_bytes(&self, p: V, offset: u64) -> V {
        if offset == 0 {
            return p;
        }
        let mut idx = [self.cx.const_i64(offset)];
        unsafe { LLVMBuildGEP2(self.b, self.cx.i8, p, idx.as_mut_ptr(), 1, NONAME) }
    }

    /// Address of the shadow of `addr`: `inttoptr(ptrtoint(addr) ^ SHADOW_XOR)`.
    pub(super) fn shadow_addr(&self, addr: V) -> V {
        unsafe {
            let i = LLVMBuildPtrToInt(self.b, addr, self.cx.i64, NONAME);
            let x = LLVMBuildXor(self.b, i, self.cx.const_i64(umsan_abi::SHADOW_XOR), NONAME);
            LLVMBuildIntToPtr(self.b, x, self.cx.ptr, NONAME)
        }
    }

    /// Sets `size` bytes of shadow at `addr` to `byte` (0 = clean, 0xff =
    /// poisoned), inline for constant sizes.
    pub(super) fn set_shadow_bytes(&self, addr: V, byte: u8, size: V, align: u32) {
        let sa = self.shadow_addr(addr);
        let val = unsafe { LLVMConstInt(self.cx.i8, byte as u64, 0) };
        unsafe {
            let m = LLVMBuildMemSet(self.b, sa, val, size, align.max(1));
            let _ = m;
        }
    }

    // ----- shadow conversions ---------------------------------------------------------

    /// i1: does the shadow have any bit set? Works for every shadow shape.
    pub(super) fn any_poisoned(&self, s: V) -> V {
        let t = ir::type_of(s);
        unsafe {
            match ir::type_kind(t) {
                K::LLVMIntegerTypeKind => self.icmp(LLVMIntPredicate::LLVMIntNE, s, LLVMConstNull(t)),
                K::LLVMVectorTypeKind => {
                    let bits = self.cx.layout.bits(t) as u32;
                    let as_int = self.bitcast(s, LLVMIntTypeInContext(self.cx.ctx, bits));
                    self.any_poisoned(as_int)
                }
                K::LLVMArrayTypeKind | K::LLVMStructTypeKind => {
                    let n = if ir::type_kind(t) == K::LLVMArrayTypeKind {
                        ir::array_len(t) as u32
                    } else {
                        ir::struct_fields(t).len() as u32
                    };
                    let mut acc = LLVMConstInt(self.cx.i1, 0, 0);
                    for i in 0..n {
                        let e = LLVMBuildExtractValue(self.b, s, i, NONAME);
                        let any = self.any_poisoned(e);
                        acc = self.or(acc, any);
                    }
                    acc
                }
                _ => LLVMConstInt(self.cx.i1, 0, 0),
            }
        }
    }

    /// Per element for vectors (`<N x i1>`), else as [`Self::any_poisoned`].
    pub(super) fn lanes_poisoned(&self, s: V) -> V {
        let t = ir::type_of(s);
        if ir::type_kind(t) == K::LLVMVectorTypeKind {
            self.icmp(LLVMIntPredicate::LLVMIntNE, s, unsafe { LLVMConstNull(t) })
        } else {
            self.any_poisoned(s)
        }
    }

    /// All bits of `target` shadow poisoned where `flag` (i1 or <N x i1>) is set.
    pub(super) fn spread(&self, flag: V, target: T) -> V {
        let flag_ty = ir::type_of(flag);
        let flag_is_vec = ir::type_kind(flag_ty) == K::LLVMVectorTypeKind;
        let target_kind = ir::type_kind(target);
        if flag_is_vec
            && target_kind == K::LLVMVectorTypeKind
            && ir::vector_len(flag_ty) == ir::vector_len(target)
        {
            return self.sext(flag, target);
        }
        if !flag_is_vec && target_kind == K::LLVMIntegerTypeKind {
            return self.sext(flag, target);
        }
        let f = if flag_is_vec { self.any_poisoned(flag) } else { flag };
        self.select(f, self.cx.poisoned(target), self.cx.clean(target))
    }

    /// Converts a shadow to another shadow type: bit-for-bit when both are
    /// integers or integer vectors of the same size, integer casts between
    /// scalars, and "all or nothing" otherwise.
    pub(super) fn cast_shadow(&self, s: V, to: T) -> V {
        let from = ir::type_of(s);
        if from == to {
            return s;
        }
        let fk = ir::type_kind(from);
        let tk = ir::type_kind(to);
        let simple = |k| matches!(k, K::LLVMIntegerTypeKind | K::LLVMVectorTypeKind);
        if simple(fk) && simple(tk) && self.cx.layout.bits(from) == self.cx.layout.bits(to) {
            return self.bitcast(s, to);
        }
        if fk == K::LLVMIntegerTypeKind && tk == K::LLVMIntegerTypeKind {
            return self.int_cast(s, to);
        }
        let any = self.any_poisoned(s);
        self.spread(any, to)
    }

    /// The value's bits as an integer (or integer vector) of its shadow type,
    /// for shadow formulas that look at known bits of the value itself.
    pub(super) fn value_bits(&self, v: V) -> V {
        let v = self.cx.defined_operand(v);
        let t = ir::type_of(v);
        let st = self.cx.shadow_ty(t).expect("first-class value");
        unsafe {
            match ir::type_kind(t) {
                K::LLVMIntegerTypeKind => v,
                K::LLVMPointerTypeKind => LLVMBuildPtrToInt(self.b, v, st, NONAME),
                K::LLVMVectorTypeKind if ir::type_kind(ir::element_type(t)) == K::LLVMPointerTypeKind => {
                    LLVMBuildPtrToInt(self.b, v, st, NONAME)
                }
                _ => self.bitcast(v, st),
            }
        }
    }

    // ----- checks ------------------------------------------------------------------------

    /// Records that `v` must be initialized at `inst`.
    pub(super) fn check_operand(&mut self, v: V, inst: V) {
        if self.shadow_ty(v).is_none() {
            return;
        }
        let s = self.shadow(v);
        let o = self.origin(v);
        self.check_shadow(s, o, inst);
    }

    /// A check of a shadow that an earlier, dominating check already tested
    /// is dropped: after a report execution either stops, or (with
    /// `halt_on_error=0`) goes on knowing that this value was reported. This
    /// is what keeps a pointer used in a loop from being re-checked at every
    /// dereference.
    pub(super) fn check_shadow(&mut self, s: V, origin: V, inst: V) {
        if !self.propagate || self.is_clean_const(s) {
            return;
        }
        let block = ir::instruction_parent(inst);
        if let Some(doms) = &self.doms {
            let earlier = self.checked.entry(s).or_default();
            if earlier.iter().any(|&b| doms.dominates(b, block)) {
                return;
            }
            earlier.push(block);
        }
        self.actions.push(Action::Check { shadow: s, origin, before: inst });
    }

    // ----- phases ---------------------------------------------------------------------------

    fn prologue(&mut self, first: V) {
        self.loc = std::ptr::null_mut();
        self.before(first);
        let variadic = unsafe { LLVMIsFunctionVarArg(LLVMGlobalGetValueType(self.func)) } != 0;
        self.prologue_shadows(variadic);
        self.entry_from_generated_code(first);
    }

    /// Shadows of the parameters (and of `byval` arguments' memory).
    fn prologue_shadows(&mut self, variadic: bool) {
        if self.cx.opts.eager_checks && !variadic {
            // Callers checked the arguments (or were not instrumented).
            for (i, p) in ir::params(self.func).into_iter().enumerate() {
                if let Some(byval) = ir::param_type_attr(self.func, i as u32, "byval") {
                    let size = self.cx.layout.alloc_size(byval);
                    self.set_shadow_bytes(p, 0, self.cx.const_i64(size), 1);
                }
                self.set_clean(p);
            }
            return;
        }
        let params = ir::params(self.func);
        self.args_trusted = if self.cx.closed.contains(&self.func) || (params.is_empty() && !variadic) {
            // Closed: every caller stored the slots. No parameters: no
            // caller tags the call (see `store_arg_shadows`), and none is
            // read.
            unsafe { LLVMConstInt(self.cx.i1, 1, 0) }
        } else {
            // The tag names the callee of an instrumented call in flight;
            // clearing it once read keeps a later call from uninstrumented
            // code from trusting stale slots.
            let tag = self.load(self.cx.ptr, self.cx.param_tag, 8);
            self.store(unsafe { LLVMConstNull(self.cx.ptr) }, self.cx.param_tag, 8);
            self.icmp(LLVMIntPredicate::LLVMIntEQ, tag, self.func)
        };
        let mut offset = 0u64;
        for (i, p) in params.into_iter().enumerate() {
            if let Some(byval) = ir::param_type_attr(self.func, i as u32, "byval") {
                offset = self.byval_param_prologue(p, byval, offset);
                self.set_clean(p);
                continue;
            }
            let Some(st) = self.shadow_ty(p) else { continue };
            let size = self.cx.layout.alloc_size(st);
            if offset + size > umsan_abi::PARAM_TLS_BYTES {
                self.set_clean(p);
                offset = umsan_abi::PARAM_TLS_BYTES;
                continue;
            }
            let slot = self.tls_slot(self.cx.param_tls, offset);
            let s = self.load(st, slot, 8);
            let s = self.select(self.args_trusted, s, self.cx.clean(st));
            self.set_shadow(p, s);
            if self.cx.origins {
                let oslot = self.tls_slot(self.cx.param_origin_tls, offset);
                // Read whoever called: an origin only matters where the
                // shadow is nonzero, and the shadow is clean unless trusted.
                let o = self.load(self.cx.i32, oslot, 4);
                self.slot_origin_loads.push(o);
                self.set_origin(p, o);
            }
            offset += round8(size);
        }
        self.vararg_prologue();
    }

    /// Code generated at run time (a JIT: pcre2's matcher) is code umsan
    /// did not compile, and it may call back into instrumented code with
    /// pointers to memory it wrote — its own stack frames, a callout block
    /// it filled in memory instrumented code allocated — just before the
    /// call. What it hands over counts as written by it, as after a call
    /// into uninstrumented code: at the entry of a function whose address
    /// is taken (only such a function can be called from there), when the
    /// caller was not instrumented code naming it and the program has made
    /// executable memory (`__umsan_exec_mapped`), the runtime is given the
    /// return address and each pointer argument, and cleans the run of
    /// uninitialized bytes at the pointer if the caller is code no loaded
    /// object holds (`__umsan_entry_from_generated_code`). Callers in
    /// libraries and assembly (`qsort`, an uninstrumented `.o`) are left
    /// alone: memory instrumented code poisoned stays poisoned through them.
    fn entry_from_generated_code(&mut self, first: V) {
        if !self.cx.address_taken.contains(&self.func) {
            return;
        }
        let ptrs: Vec<V> = ir::params(self.func)
            .into_iter()
            .enumerate()
            .filter(|&(i, p)| {
                ir::type_kind(ir::type_of(p)) == llvm_sys::LLVMTypeKind::LLVMPointerTypeKind
                    && ir::param_type_attr(self.func, i as u32, "byval").is_none()
            })
            .map(|(_, p)| p)
            .collect();
        if ptrs.is_empty() {
            return;
        }
        // After the entry block's allocas: the `if` splits the block there,
        // and static allocas must stay in the entry block.
        let mut at = first;
        while !at.is_null() && ir::is_alloca(at) {
            at = ir::next_instruction(at);
        }
        if at.is_null() {
            return;
        }
        self.before(at);
        // Only once the program has executable memory of its own making;
        // with eager checks no caller tags its calls, so whatever the tag.
        let exec = unsafe {
            let flag = LLVMBuildLoad2(self.b, self.cx.i8, self.cx.exec_mapped, NONAME);
            LLVMSetOrdering(flag, llvm_sys::LLVMAtomicOrdering::LLVMAtomicOrderingMonotonic);
            LLVMSetAlignment(flag, 1);
            self.icmp(LLVMIntPredicate::LLVMIntNE, flag, LLVMConstInt(self.cx.i8, 0, 0))
        };
        let cond = if self.args_trusted.is_null() { exec } else { self.and(self.not(self.args_trusted), exec) };
        // The `if`s below split the block right after this call.
        let ra = unsafe {
            let name = "llvm.returnaddress";
            let id = LLVMLookupIntrinsicID(name.as_ptr() as *const _, name.len());
            let f = LLVMGetIntrinsicDeclaration(self.cx.module, id, std::ptr::null_mut(), 0);
            let fty = LLVMIntrinsicGetType(self.cx.ctx, id, std::ptr::null_mut(), 0);
            let mut args = [self.cx.const_i32(0)];
            LLVMBuildCall2(self.b, fty, f, args.as_mut_ptr(), 1, NONAME)
        };
        for p in ptrs {
            self.actions.push(Action::CallIf { cond, f: self.cx.entry_from_generated, args: vec![ra, p], after: ra });
        }
    }

    /// A `byval` argument's memory gets the shadow the caller put in the TLS.
    fn byval_param_prologue(&mut self, p: V, ty: T, offset: u64) -> u64 {
        let size = self.cx.layout.alloc_size(ty);
        let Some(st) = self.cx.shadow_ty(ty) else { return offset };
        let sa = self.shadow_addr(p);
        if offset + size > umsan_abi::PARAM_TLS_BYTES {
            self.set_shadow_bytes(p, 0, self.cx.const_i64(size), 1);
            return umsan_abi::PARAM_TLS_BYTES;
        }
        let slot = self.tls_slot(self.cx.param_tls, offset);
        let s = self.load(st, slot, 8);
        let s = self.select(self.args_trusted, s, self.cx.clean(st));
        self.store(s, sa, 1);
        if self.cx.origins {
            // As the shadow's bytes (see `copy_byval_origins_out`); read
            // whoever called, as other parameters' origins.
            let n = size.div_ceil(umsan_abi::ORIGIN_GRANULE) * umsan_abi::ORIGIN_GRANULE;
            let n = n.min(umsan_abi::PARAM_TLS_BYTES - offset);
            let oa = self.origin_addr(p, 1);
            let oslot = self.tls_slot(self.cx.param_origin_tls, offset);
            unsafe { LLVMBuildMemCpy(self.b, oa, 4, oslot, 8, self.cx.const_i64(n)) };
        }
        offset + round8(size)
    }

    pub(super) fn tls_slot(&self, tls: V, offset: u64) -> V {
        self.gep_bytes(tls, offset)
    }

    fn visit(&mut self, inst: V) {
        match ir::opcode(inst) {
            Op::LLVMRet => self.visit_ret(inst),
            Op::LLVMBr => self.visit_br(inst),
            Op::LLVMSwitch => self.check_operand(ir::operand(inst, 0), inst),
            Op::LLVMIndirectBr => self.check_operand(ir::operand(inst, 0), inst),
            Op::LLVMUnreachable => {}
            Op::LLVMPHI => self.visit_phi(inst),
            Op::LLVMAlloca => self.visit_alloca(inst),
            Op::LLVMLoad => self.visit_load(inst),
            Op::LLVMStore => self.visit_store(inst),
            Op::LLVMFence => {}
            Op::LLVMAtomicCmpXchg => self.visit_cmpxchg(inst),
            Op::LLVMAtomicRMW => self.visit_atomicrmw(inst),
            Op::LLVMGetElementPtr => self.visit_gep(inst),
            Op::LLVMAdd
            | Op::LLVMSub
            | Op::LLVMXor
            | Op::LLVMFAdd
            | Op::LLVMFSub
            | Op::LLVMFMul
            | Op::LLVMFDiv
            | Op::LLVMFRem => self.visit_or_binop(inst),
            Op::LLVMMul => self.visit_mul(inst),
            Op::LLVMAnd => self.visit_and(inst),
            Op::LLVMOr => self.visit_or(inst),
            Op::LLVMShl | Op::LLVMLShr | Op::LLVMAShr => self.visit_shift(inst),
            Op::LLVMUDiv | Op::LLVMSDiv | Op::LLVMURem | Op::LLVMSRem => self.visit_int_div(inst),
            Op::LLVMFNeg | Op::LLVMAddrSpaceCast => {
                let s = self.shadow(ir::operand(inst, 0));
                self.set_shadow(inst, s)
            }
            Op::LLVMTrunc
            | Op::LLVMZExt
            | Op::LLVMSExt
            | Op::LLVMPtrToInt
            | Op::LLVMIntToPtr
            | Op::LLVMBitCast => self.visit_int_cast(inst),
            Op::LLVMFPToUI
            | Op::LLVMFPToSI
            | Op::LLVMUIToFP
            | Op::LLVMSIToFP
            | Op::LLVMFPTrunc
            | Op::LLVMFPExt => self.visit_fp_cast(inst),
            Op::LLVMICmp => self.visit_icmp(inst),
            Op::LLVMFCmp => self.visit_fcmp(inst),
            Op::LLVMSelect => self.visit_select(inst),
            Op::LLVMExtractValue => self.visit_extractvalue(inst),
            Op::LLVMInsertValue => self.visit_insertvalue(inst),
            Op::LLVMExtractElement => self.visit_extractelement(inst),
            Op::LLVMInsertElement => self.visit_insertelement(inst),
            Op::LLVMShuffleVector => self.visit_shufflevector(inst),
            Op::LLVMFreeze => self.set_clean(inst),
            Op::LLVMCall | Op::LLVMInvoke => self.visit_call(inst),
            Op::LLVMLandingPad => self.visit_landingpad(inst),
            // The frame is left by unwinding: its slots are cleaned as at a
            // return (the exception object itself is the runtime's).
            Op::LLVMResume => self.returns.push(inst),
            _ => self.visit_instruction(inst),
        }
        self.combine_origins(inst);
    }

    /// The strict fallback for anything without a handler: every operand
    /// must be initialized, and the result is clean.
    pub(super) fn visit_instruction(&mut self, inst: V) {
        if self.cx.opts.log_fallback {
            self.log_fallback(inst);
        }
        self.before(inst);
        for i in 0..ir::num_operands(inst) {
            let op = ir::operand(inst, i);
            if !ir::is_null(op) && unsafe { LLVMValueIsBasicBlock(op) } == 0 {
                self.check_operand(op, inst);
            }
        }
        self.set_clean(inst);
    }

    /// A landing pad: the exception's pointer and selector come from the
    /// unwinder (clean); the stack the unwound frames used is cleaned by
    /// the runtime. Whatever the frames unwound left in the tags is
    /// dropped: a return or argument shadow written before the throw must
    /// never be taken for a later call's (an uninstrumented frame between
    /// may have been left with the tags naming some function).
    fn visit_landingpad(&mut self, inst: V) {
        self.set_clean(inst);
        self.after(inst);
        let null = unsafe { LLVMConstNull(self.cx.ptr) };
        self.store(null, self.cx.param_tag, 8);
        self.store(null, self.cx.retval_tag, 8);
        // The unwound frames' slots (see `umsan_abi::rt::LANDING_PAD`).
        let f = self.cx.runtime_fn(umsan_abi::rt::LANDING_PAD, self.cx.void, &[]);
        self.call(f, &[]);
    }

    /// `umsan: strict fallback: <function>: <instruction as IR>` (see
    /// `Options::log_fallback`).
    fn log_fallback(&self, inst: V) {
        let text = unsafe {
            let p = LLVMPrintValueToString(inst);
            let s = ir::c_str_lossy(p);
            LLVMDisposeMessage(p);
            s
        };
        let text = text.trim();
        // Operand lists of calls can be long; the opcode and callee are enough.
        let short = text.split_once('(').map_or(text, |(head, _)| head);
        eprintln!("umsan: strict fallback: {}: {short}", ir::value_name(self.func));
    }

    fn visit_br(&mut self, inst: V) {
        if unsafe { LLVMIsConditional(inst) } == 0 {
            return;
        }
        let cond = unsafe { LLVMGetCondition(inst) };
        match value_only_join(inst) {
            // Like a `select`: the condition's shadow flows into the phis.
            Some(join) => {
                self.select_joins.insert(join, cond);
            }
            None => self.check_operand(cond, inst),
        }
    }

    fn visit_phi(&mut self, inst: V) {
        let Some(st) = self.shadow_ty(inst) else { return };
        self.before(inst);
        let phi = unsafe { LLVMBuildPhi(self.b, st, cstring("_umsan_phi").as_ptr()) };
        let ophi = self
            .cx
            .origins
            .then(|| unsafe { LLVMBuildPhi(self.b, self.cx.i32, cstring("_umsan_ophi").as_ptr()) });
        self.phis.push((inst, phi, ophi));
        self.set_shadow(inst, phi);
        if let Some(o) = ophi {
            self.set_origin(inst, o);
        }
        let block = ir::instruction_parent(inst);
        if let Some(&cond) = self.select_joins.get(&block) {
            let sc = self.shadow(cond);
            if self.is_clean_const(sc) {
                return;
            }
            // After all phis: an uninitialized condition poisons the result.
            let first = ir::instructions(block)
                .into_iter()
                .find(|&i| ir::opcode(i) != Op::LLVMPHI)
                .expect("block has a terminator");
            self.before(first);
            let flag = self.any_poisoned(sc);
            let spoiled = self.select(flag, self.cx.poisoned(st), self.cx.clean(st));
            let s = if matches!(ir::type_kind(st), K::LLVMIntegerTypeKind | K::LLVMVectorTypeKind) {
                self.or(phi, spoiled)
            } else {
                self.select(flag, self.cx.poisoned(st), phi)
            };
            self.set_shadow(inst, s);
            if let Some(o) = ophi {
                let oc = self.origin(cond);
                let o = self.select(flag, oc, o);
                self.set_origin(inst, o);
            }
        }
    }

    fn fill_phis(&mut self) {
        for (orig, phi, ophi) in std::mem::take(&mut self.phis) {
            let n = unsafe { LLVMCountIncoming(orig) };
            for i in 0..n {
                let (v, bb) = unsafe { (LLVMGetIncomingValue(orig, i), LLVMGetIncomingBlock(orig, i)) };
                let mut s = [self.shadow(v)];
                let mut blocks = [bb];
                unsafe { LLVMAddIncoming(phi, s.as_mut_ptr(), blocks.as_mut_ptr(), 1) };
                if let Some(ophi) = ophi {
                    let mut o = [self.origin(v)];
                    unsafe { LLVMAddIncoming(ophi, o.as_mut_ptr(), blocks.as_mut_ptr(), 1) };
                }
            }
        }
    }

    fn visit_ret(&mut self, inst: V) {
        if let Some(call) = musttail_call_before(inst) {
            // Nothing may come between a musttail call and its `ret`: the
            // callee's return shadow and tag are what this function's
            // caller finds (a tag naming the callee, not this function,
            // counts as clean), and the frame's slots are cleaned before
            // the call (a tail callee never reads its caller's allocas).
            self.returns.push(call);
            return;
        }
        self.before(inst);
        if ir::num_operands(inst) == 1 {
            let v = ir::operand(inst, 0);
            let noundef = unsafe {
                !LLVMGetEnumAttributeAtIndex(self.func, llvm_sys::LLVMAttributeReturnIndex, ir::attr_kind("noundef"))
                    .is_null()
            };
            if self.cx.opts.eager_checks && noundef {
                self.check_operand(v, inst);
            }
            if let Some(st) = self.shadow_ty(v) {
                if self.cx.layout.alloc_size(st) <= umsan_abi::PARAM_TLS_BYTES {
                    let s = if self.cx.opts.eager_checks { self.cx.clean(st) } else { self.shadow(v) };
                    self.store(s, self.cx.retval_tls, 8);
                    if self.cx.origins && !self.is_clean_const(s) {
                        let o = self.origin(v);
                        self.store(o, self.cx.retval_origin_tls, 4);
                    }
                }
            }
        }
        if !self.cx.closed.contains(&self.func) {
            self.store(self.func, self.cx.retval_tag, 8);
        }
        self.returns.push(inst);
    }

    /// Cleans the shadow of the frame's stack slots right before each return
    /// (before the call, for a `ret` of a musttail call).
    fn finish_returns(&mut self) {
        for ret in std::mem::take(&mut self.returns) {
            self.before(ret);
            self.set_debug_loc(ret);
            for &(a, size) in &self.static_allocas {
                self.set_shadow_bytes(a, 0, self.cx.const_i64(size), 1);
            }
            if let Some((lo_slot, sp0)) = self.dynamic_stack {
                unsafe {
                    let lo = self.load(self.cx.ptr, lo_slot, 8);
                    let lo_i = LLVMBuildPtrToInt(self.b, lo, self.cx.i64, NONAME);
                    let hi_i = LLVMBuildPtrToInt(self.b, sp0, self.cx.i64, NONAME);
                    let n = LLVMBuildSub(self.b, hi_i, lo_i, NONAME);
                    self.call(self.cx.unpoison, &[lo, n]);
                }
            }
        }
    }

    // ----- materialization -------------------------------------------------------------

    fn materialize_actions(&mut self) {
        let mut reported: Vec<(V, V)> = Vec::new();
        let out_of_line = self.out_of_line_checks();
        // Lazy origin loads last: their loads become phis everywhere they
        // are used, including the report calls the other actions add.
        let mut actions = std::mem::take(&mut self.actions);
        actions.sort_by_key(|a| matches!(a, Action::LazyOriginLoad { .. }));
        for action in actions {
            match action {
                Action::Check { shadow, origin, before } => {
                    self.set_debug_loc(before);
                    self.before(before);
                    let cond = self.any_poisoned(shadow);
                    if ir::is_constant(cond) && unsafe { LLVMIsNull(cond) } != 0 {
                        continue;
                    }
                    reported.push((shadow, before));
                    if out_of_line {
                        self.maybe_report_call(cond, origin);
                        continue;
                    }
                    let then = if !self.guards.contains_key(&shadow) {
                        self.split_if_then(cond, before)
                    } else {
                        // if (guard) { if (exact) report; }: the exact
                        // computation is used only in the cold block,
                        // where the clean-up sinks it. Recoverable, the
                        // cold block hands the exact outcome to
                        // `__umsan_maybe_warning` instead of branching
                        // again: one block per comparison check less to
                        // compile, and a call that returns at once on the
                        // rare path where the guard fails but the
                        // comparison is decided anyway.
                        let gcond = self.guard_cond(shadow);
                        let outer = self.split_if_then(gcond, before);
                        if self.cx.opts.recover {
                            unsafe { LLVMPositionBuilderBefore(self.b, ir::terminator(outer)) };
                            self.maybe_report_call(cond, origin);
                            continue;
                        }
                        self.split_if_then(cond, ir::terminator(outer))
                    };
                    unsafe { LLVMPositionBuilderBefore(self.b, ir::terminator(then)) };
                    let call = self.report_call(origin);
                    if !self.cx.opts.recover {
                        // Nothing follows the report.
                        unsafe {
                            LLVMInstructionEraseFromParent(ir::terminator(then));
                            LLVMPositionBuilderAtEnd(self.b, then);
                            LLVMBuildUnreachable(self.b);
                        }
                    }
                    self.mark_report_call(call);
                }
                Action::StoreOrigin { shadow, origin, addr, size, align, before } => {
                    self.set_debug_loc(before);
                    self.before(before);
                    let cond = self.any_poisoned(shadow);
                    if out_of_line {
                        let flag = unsafe { LLVMBuildZExt(self.b, cond, self.cx.i32, NONAME) };
                        let args = [flag, addr, self.cx.const_i64(size), origin];
                        let call = self.call(self.cx.maybe_store_origin, &args);
                        unsafe { LLVMSetInstructionCallConv(call, umsan_abi::rt::WARNING_CALL_CONV) };
                        continue;
                    }
                    let then = self.split_if_then(cond, before);
                    unsafe { LLVMPositionBuilderBefore(self.b, ir::terminator(then)) };
                    self.emit_origin_store(origin, addr, size, align);
                }
                Action::CallIf { cond, f, args, after } => {
                    self.enter_if_then_after(cond, after);
                    self.call(f, &args);
                }
                Action::StackOrigin { id, fill, slot, descr, loc } => {
                    let before = ir::next_instruction(id);
                    self.loc = loc;
                    self.before(before);
                    let zero = self.icmp(LLVMIntPredicate::LLVMIntEQ, id, self.cx.const_i32(0));
                    let then = self.split_if_then(zero, before);
                    unsafe { LLVMPositionBuilderBefore(self.b, ir::terminator(then)) };
                    let (p, n) = fill.map_or((unsafe { LLVMConstNull(self.cx.ptr) }, 0), |(a, n, _)| (a, n));
                    self.call(self.cx.poison_stack, &[p, self.cx.const_i64(n), slot, descr]);
                    let created = self.load_acquire_i32(slot);
                    // `before` starts the join block: the id is a phi there,
                    // and stands for `id` wherever that was used.
                    self.at_block_start(ir::instruction_parent(before));
                    let joined = unsafe {
                        let phi = LLVMBuildPhi(self.b, self.cx.i32, NONAME);
                        LLVMReplaceAllUsesWith(id, phi);
                        LLVMSetOperand(zero, 0, id);
                        let mut vals = [id, created];
                        let mut blocks = [ir::instruction_parent(id), then];
                        LLVMAddIncoming(phi, vals.as_mut_ptr(), blocks.as_mut_ptr(), 2);
                        phi
                    };
                    if let Some((alloca, size, align)) = fill {
                        self.fill_origin(joined, alloca, size, align);
                    }
                }
                // A function with that many checks branches for none of
                // them (compile time): its origins are loaded as they are.
                Action::LazyOriginLoad { .. } if out_of_line => {}
                Action::LazyOriginLoad { load, .. } if self.sink_into_cold_uses(load, &|i| self.may_write_origins(i)) => {}
                Action::LazyOriginLoad { load, cond } => {
                    let slot_stores = self.slot_stores_to_sink(load);
                    let then = self.split_if_then(cond, load);
                    let tail = ir::instruction_parent(load);
                    let head = ir::single_predecessor(then).expect("the cold block of a split has one predecessor");
                    unsafe {
                        LLVMInstructionRemoveFromParent(load);
                        LLVMPositionBuilderBefore(self.b, ir::terminator(then));
                        LLVMInsertIntoBuilder(self.b, load);
                        for &st in &slot_stores {
                            LLVMInstructionRemoveFromParent(st);
                            LLVMInsertIntoBuilder(self.b, st);
                        }
                        self.at_block_start(tail);
                        let phi = LLVMBuildPhi(self.b, self.cx.i32, NONAME);
                        LLVMReplaceAllUsesWith(load, phi);
                        for &st in &slot_stores {
                            LLVMSetOperand(st, 0, load);
                        }
                        if ir::users(phi).is_empty() {
                            LLVMInstructionEraseFromParent(phi);
                        } else {
                            let mut vals = [load, self.cx.const_i32(0)];
                            let mut blocks = [then, head];
                            LLVMAddIncoming(phi, vals.as_mut_ptr(), blocks.as_mut_ptr(), 2);
                        }
                    }
                }
                Action::UnpoisonIf { cond, ptrs, after } => {
                    self.enter_if_then_after(cond, after);
                    for (ptr, size) in ptrs {
                        match size {
                            Some(n) => self.set_shadow_bytes(ptr, 0, self.cx.const_i64(n), 1),
                            None => {
                                self.call(self.cx.unpoison_escaped, &[ptr]);
                            }
                        }
                    }
                }
            }
        }
        self.clean_after_checks(&reported);
        for load in std::mem::take(&mut self.slot_origin_loads) {
            self.sink_into_cold_uses(load, &|i| self.may_write_slots(i));
        }
    }

    /// Whether `i` lies in a block the instrumentation made for the rare
    /// path (a report, a lazy origin load, an origin store).
    fn in_cold_block(&self, i: V) -> bool {
        self.cold_blocks.contains(&ir::instruction_parent(i))
    }

    /// The stores of a lazily loaded origin into an argument's or the
    /// return value's origin slot that can move into the load's cold block:
    /// on the hot path the slot then keeps whatever it held, which nobody
    /// reads — a slot's origin is read only when the matching shadow slot
    /// has a bit set, and then the value's shadow had one where it was
    /// loaded, the cold block ran and stored the origin. Only when nothing
    /// between the load and the store may write the slot (calls, stores to
    /// the same slot, atomics), so what the callee (or the caller) reads is
    /// the value's own origin; a slot written on a path that then takes no
    /// call is harmless (the slots are written before every call and every
    /// return that passes them). One imprecision: where the value passed
    /// has uninitialized bits that do not come from the load (the `undef`
    /// lanes of a vector built from it, which have no origin), a report on
    /// those bits may name an older origin instead of none; whether there is
    /// a report does not change.
    fn slot_stores_to_sink(&self, load: V) -> Vec<V> {
        let slots = [self.cx.param_origin_tls, self.cx.retval_origin_tls];
        ir::users(load)
            .into_iter()
            .filter(|&u| {
                ir::opcode(u) == Op::LLVMStore
                    && ir::operand(u, 0) == load
                    && !self.in_cold_block(u)
                    && slots.contains(&ir::underlying_object(ir::operand(u, 1)))
                    && {
                        let slot = ir::operand(u, 1);
                        nothing_between(load, u, &|i| self.may_overwrite(i, &|st| ir::operand(st, 1) == slot))
                    }
            })
            .collect()
    }

    /// Whether `i` is a call that may write memory: not a report (reports
    /// write only the runtime's state) nor a marker intrinsic (debug
    /// records, lifetimes, assumptions: their poisoning is separate code).
    fn is_writing_call(&self, i: V) -> bool {
        if !matches!(ir::opcode(i), Op::LLVMCall | Op::LLVMInvoke | Op::LLVMCallBr) {
            return false;
        }
        let callee = unsafe { LLVMGetCalledValue(i) };
        let reports = [self.cx.warning.func, self.cx.warning_noreturn.func, self.cx.maybe_warning.func];
        let marker = |n: String| {
            ["llvm.dbg.", "llvm.lifetime.", "llvm.assume", "llvm.experimental.noalias.scope.decl"]
                .iter()
                .any(|m| n.starts_with(m))
        };
        !(reports.contains(&callee) || ir::intrinsic_name(callee).is_some_and(marker))
    }

    /// May `i` write what an origin load reads? A store when `store_writes`
    /// says so; calls (but reports and markers), atomics, fences, `va_arg`.
    fn may_overwrite(&self, i: V, store_writes: &dyn Fn(V) -> bool) -> bool {
        match ir::opcode(i) {
            Op::LLVMStore => store_writes(i),
            Op::LLVMAtomicRMW | Op::LLVMAtomicCmpXchg | Op::LLVMFence | Op::LLVMVAArg => true,
            _ => self.is_writing_call(i),
        }
    }

    /// May `i` write origin memory? Of the stores, only the origin stores
    /// of [`Self::fill_origin`] do (the others write the program's memory,
    /// shadow or thread-local slots).
    fn may_write_origins(&self, i: V) -> bool {
        self.may_overwrite(i, &|st| self.origin_stores.borrow().contains(&st))
    }

    /// May `i` write the thread-local slots? Of the stores, those into them
    /// (before a call).
    fn may_write_slots(&self, i: V) -> bool {
        self.may_overwrite(i, &|st| {
            let g = ir::underlying_object(ir::operand(st, 1));
            unsafe { !LLVMIsAGlobalVariable(g).is_null() && LLVMIsThreadLocal(g) != 0 }
        })
    }

    /// An origin load (of origin memory, or of a parameter's origin slot)
    /// used only in cold blocks (reports, origin stores) — directly, or
    /// through the `select`s that combine origins on the hot path (`a + b`
    /// takes `b`'s origin when `b` is poisoned) — with nothing that may
    /// write what it reads (`writes`) on the way from the load to each use:
    /// the origin is loaded in each use's block, right before it, with the
    /// selects between repeated there over the same conditions and other
    /// origins, and the load and the hot selects go. The use sees the value
    /// it would have seen, and the hot path neither tests nor branches for
    /// the origin, nor selects it, nor keeps it in a register.
    fn sink_into_cold_uses(&self, load: V, writes: &dyn Fn(V) -> bool) -> bool {
        // The hot selects the load reaches (as a chosen value, not the
        // condition) and the cold uses of the load or of those selects.
        let mut selects: Vec<V> = Vec::new();
        let mut uses: Vec<V> = Vec::new();
        let mut work = vec![load];
        while let Some(v) = work.pop() {
            for u in ir::users(v) {
                if ir::opcode(u) == Op::LLVMPHI {
                    return false;
                } else if self.in_cold_block(u) {
                    if !uses.contains(&u) {
                        if !nothing_between(load, u, writes) {
                            return false;
                        }
                        uses.push(u);
                    }
                } else if ir::opcode(u) == Op::LLVMSelect && ir::operand(u, 0) != v {
                    if !selects.contains(&u) {
                        selects.push(u);
                        work.push(u);
                    }
                } else {
                    return false;
                }
            }
        }
        if uses.is_empty() {
            return false;
        }
        unsafe {
            for &u in &uses {
                let mut copies = HashMap::new();
                for k in 0..ir::num_operands(u) {
                    let v = ir::operand(u, k);
                    if v == load || selects.contains(&v) {
                        let copy = self.copy_origin_tree(v, load, &selects, u, &mut copies);
                        LLVMSetOperand(u, k, copy);
                    }
                }
            }
            // Each select is now used only by selects of the tree.
            while !selects.is_empty() {
                let before = selects.len();
                selects.retain(|&s| {
                    let unused = ir::users(s).is_empty();
                    if unused {
                        LLVMInstructionEraseFromParent(s);
                    }
                    !unused
                });
                if selects.len() == before {
                    debug_assert!(false, "a sunk origin select is still used on the hot path");
                    break;
                }
            }
            LLVMInstructionEraseFromParent(load);
        }
        true
    }

    /// A copy, right before `at`, of `v`: the origin `load` or one of the
    /// `selects` over it (with copies of its operands from the tree).
    fn copy_origin_tree(&self, v: V, load: V, selects: &[V], at: V, copies: &mut HashMap<V, V>) -> V {
        if v != load && !selects.contains(&v) {
            return v;
        }
        if let Some(&c) = copies.get(&v) {
            return c;
        }
        let operands: Vec<V> = if v == load {
            Vec::new()
        } else {
            (1..3).map(|k| self.copy_origin_tree(ir::operand(v, k), load, selects, at, copies)).collect()
        };
        unsafe {
            let copy = LLVMInstructionClone(v);
            for (k, &o) in operands.iter().enumerate() {
                LLVMSetOperand(copy, k as u32 + 1, o);
            }
            LLVMPositionBuilderBefore(self.b, at);
            LLVMInsertIntoBuilder(self.b, copy);
            copies.insert(v, copy);
            copy
        }
    }

    /// `__umsan_maybe_warning(cond, origin)` at the builder: reports when
    /// the i1 `cond` holds, returns at once otherwise.
    fn maybe_report_call(&self, cond: V, origin: V) {
        let flag = unsafe { LLVMBuildZExt(self.b, cond, self.cx.i32, NONAME) };
        let call = self.call(self.cx.maybe_warning, &[flag, origin]);
        self.mark_report_call(call);
    }

    /// Whether this function's checks and origin stores call the runtime
    /// instead of branching (see `Options::call_threshold`).
    fn out_of_line_checks(&self) -> bool {
        let threshold = self.cx.opts.call_threshold;
        if threshold == 0 || !self.cx.opts.recover {
            return false;
        }
        let n = self
            .actions
            .iter()
            .filter(|a| matches!(a, Action::Check { .. } | Action::StoreOrigin { .. }))
            .count();
        n as u64 > threshold
    }

    /// Marks a report call (the cold block's or a `maybe` one): the calling
    /// convention and memory effects of the recoverable forms, and
    /// `nomerge` so that each keeps its location.
    fn mark_report_call(&self, call: V) {
        unsafe {
            if self.cx.opts.recover {
                LLVMSetInstructionCallConv(call, umsan_abi::rt::WARNING_CALL_CONV);
                // A report reads the program's memory (the stack it walks)
                // and writes only the runtime's own state (errno is
                // restored), so the program's memory is the same after it:
                // values loaded before a check stay valid past it, as after
                // MemorySanitizer's `noreturn` checks.
                let memory = LLVMCreateEnumAttribute(self.cx.ctx, ir::attr_kind("memory"), REPORT_MEMORY_EFFECTS);
                LLVMAddCallSiteAttribute(call, llvm_sys::LLVMAttributeFunctionIndex, memory);
            }
            let nomerge = LLVMCreateEnumAttribute(self.cx.ctx, ir::attr_kind("nomerge"), 0);
            LLVMAddCallSiteAttribute(call, llvm_sys::LLVMAttributeFunctionIndex, nomerge);
        }
    }

    /// Past a check, the checked value counts as initialized: the use was
    /// reported (or execution stopped), so its shadow is replaced by zero
    /// wherever the check dominates — as Valgrind's memcheck does, one
    /// report per uninitialized value instead of a cascade, and the code
    /// after a check is as cheap as after MemorySanitizer's `noreturn`
    /// checks. `reported`: (checked shadow, checked instruction).
    fn clean_after_checks(&self, reported: &[(V, V)]) {
        let reported: Vec<(V, V)> =
            reported.iter().copied().filter(|&(s, _)| ir::is_instruction(s)).collect();
        if reported.is_empty() {
            return;
        }
        let doms = ir::Dominators::new(&ir::reverse_post_order(self.func));
        for (s, before) in reported {
            let home = ir::instruction_parent(before);
            let zero = unsafe { LLVMConstNull(ir::type_of(s)) };
            let mut uses = Vec::new();
            unsafe {
                let mut u = LLVMGetFirstUse(s);
                while !u.is_null() {
                    uses.push(LLVMGetUser(u));
                    u = LLVMGetNextUse(u);
                }
            }
            uses.sort();
            uses.dedup();
            for user in uses {
                if !ir::is_instruction(user) {
                    continue;
                }
                for i in 0..ir::num_operands(user) {
                    if ir::operand(user, i) != s {
                        continue;
                    }
                    let dominated = if ir::opcode(user) == Op::LLVMPHI {
                        let from = unsafe { LLVMGetIncomingBlock(user, i) };
                        doms.dominates(home, from)
                    } else {
                        let at = ir::instruction_parent(user);
                        if at == home {
                            ir::comes_after(user, before)
                        } else {
                            doms.dominates(home, at)
                        }
                    };
                    if dominated {
                        unsafe { LLVMSetOperand(user, i, zero) };
                    }
                }
            }
        }
    }

    /// Splits the block of `before` so that `cond` is tested right before it;
    /// returns the (cold) block executed when `cond` holds, which ends in a
    /// branch back to `before`.
    ///
    /// The *head* of the block (everything before `before`) moves into a new
    /// block, so phis in successor blocks keep their incoming block and only
    /// the branches into the old block need redirecting.
    /// `if (cond) { ... }` right after the instruction `after`; the builder
    /// is left in the then-block (debug location: the next instruction's).
    fn enter_if_then_after(&mut self, cond: V, after: V) {
        let before = ir::after_point(after);
        self.set_debug_loc(before);
        let then = self.split_if_then(cond, before);
        unsafe { LLVMPositionBuilderBefore(self.b, ir::terminator(then)) };
    }

    pub(super) fn split_if_then(&mut self, cond: V, before: V) -> B {
        unsafe {
            let tail = ir::instruction_parent(before);
            let head = LLVMInsertBasicBlockInContext(self.cx.ctx, tail, cstring("umsan.head").as_ptr());
            // Moving instructions must not change their debug locations.
            let saved_loc = LLVMGetCurrentDebugLocation2(self.b);
            LLVMSetCurrentDebugLocation2(self.b, std::ptr::null_mut());
            // Redirect every branch (and blockaddress) into `tail` to `head`.
            // Replacing a block's uses also rewrites the phis of its
            // successors, which must keep naming `tail`: detach the
            // terminator meanwhile, so the block has no successors.
            let term = ir::terminator(tail);
            LLVMInstructionRemoveFromParent(term);
            LLVMReplaceAllUsesWith(LLVMBasicBlockAsValue(tail), LLVMBasicBlockAsValue(head));
            LLVMPositionBuilderAtEnd(self.b, tail);
            LLVMInsertIntoBuilderWithName(self.b, term, cstring(&ir::value_name(term)).as_ptr());
            LLVMPositionBuilderAtEnd(self.b, head);
            let mut i = ir::first_instruction(tail);
            while i != before {
                let next = ir::next_instruction(i);
                let name = cstring(&ir::value_name(i));
                LLVMInstructionRemoveFromParent(i);
                LLVMInsertIntoBuilderWithName(self.b, i, name.as_ptr());
                i = next;
            }
            let then = LLVMAppendBasicBlockInContext(self.cx.ctx, self.func, cstring("umsan.report").as_ptr());
            self.cold_blocks.insert(then);
            LLVMSetCurrentDebugLocation2(self.b, saved_loc);
            let br = LLVMBuildCondBr(self.b, cond, then, tail);
            self.set_unlikely(br);
            LLVMPositionBuilderAtEnd(self.b, then);
            LLVMBuildBr(self.b, tail);
            then
        }
    }

    fn set_unlikely(&self, br: V) {
        unsafe {
            let name = "branch_weights";
            let mut ops = [
                LLVMMDStringInContext2(self.cx.ctx, name.as_ptr() as *const _, name.len()),
                LLVMValueAsMetadata(self.cx.const_i32(1)),
                LLVMValueAsMetadata(self.cx.const_i32(1 << 20)),
            ];
            let node = LLVMMDNodeInContext2(self.cx.ctx, ops.as_mut_ptr(), ops.len());
            let kind = LLVMGetMDKindIDInContext(self.cx.ctx, "prof".as_ptr() as *const _, 4);
            LLVMSetMetadata(br, kind, LLVMMetadataAsValue(self.cx.ctx, node));
        }
    }
}

/// LLVM's encoding of `memory(read, inaccessiblemem: readwrite)`: two bits
/// (1 = ref, 2 = mod) per location, argument memory at bit 0, inaccessible
/// memory at bit 2, other memory at bit 4.
const REPORT_MEMORY_EFFECTS: u64 = 1 | 3 << 2 | 1 << 4;

/// The static allocas of the entry block that are poisoned (with their
/// origin) at their `llvm.lifetime.start`s only, as MemorySanitizer does:
/// an object is dead before its lifetime starts, so poisoning it at entry
/// too is wasted work — much of it in functions whose scoped locals live
/// in branches seldom taken. An alloca qualifies when every lifetime start
/// of it lies outside the entry block or after the entry block's last
/// alloca (the origin code there may split the block; allocas below such a
/// split would stop being static); none does when some lifetime start
/// names a pointer that is not an entry alloca (which object it starts is
/// unknown: every slot is then poisoned at entry).
fn lifetime_scoped_allocas(walk: &[(B, Vec<V>)], entry: B) -> HashSet<V> {
    let mut scoped = HashSet::new();
    let mut too_early = HashSet::new();
    for (bb, insts) in walk {
        // A lifetime start above this index is too early to poison at.
        let last_alloca = if *bb == entry { insts.iter().rposition(|&i| ir::opcode(i) == Op::LLVMAlloca) } else { None };
        for (k, &i) in insts.iter().enumerate() {
            if ir::opcode(i) != Op::LLVMCall {
                continue;
            }
            let callee = unsafe { LLVMGetCalledValue(i) };
            if !ir::intrinsic_name(callee).is_some_and(|n| n.starts_with("llvm.lifetime.start")) {
                continue;
            }
            let p = ir::operand(i, 1);
            let entry_alloca = ir::is_instruction(p)
                && ir::opcode(p) == Op::LLVMAlloca
                && ir::instruction_parent(p) == entry
                && ir::const_int_value(ir::operand(p, 0)).is_some();
            if !entry_alloca {
                return HashSet::new();
            }
            if last_alloca.is_some_and(|l| k < l) {
                too_early.insert(p);
            } else {
                scoped.insert(p);
            }
        }
    }
    scoped.retain(|a| !too_early.contains(a));
    scoped
}

pub(super) fn round8(n: u64) -> u64 {
    n.div_ceil(umsan_abi::PARAM_SLOT_ALIGN) * umsan_abi::PARAM_SLOT_ALIGN
}

/// If the conditional branch `br` only chooses which value reaches a phi —
/// an if/else diamond or an if-then triangle whose arms have no side effects
/// and meet in one join block — returns that join block. Such a branch is a
/// `select` in disguise (clang emits `c ? a : b` this way at -O0), so the
/// condition is not a use: its shadow flows into the join's phis instead.
fn value_only_join(br: V) -> Option<B> {
    let head = ir::instruction_parent(br);
    let (t, f) = unsafe { (LLVMGetSuccessor(br, 0), LLVMGetSuccessor(br, 1)) };
    if t == f {
        return None;
    }
    // The block an arm falls into, if the arm is a side-effect-free block
    // entered only from `head`.
    let arm_target = |arm: B| -> Option<B> {
        if predecessors(arm)? != vec![head] {
            return None;
        }
        let term = ir::terminator(arm);
        if unsafe { LLVMIsConditional(term) } != 0 || ir::opcode(term) != Op::LLVMBr {
            return None;
        }
        let insts = ir::instructions(arm);
        insts[..insts.len() - 1].iter().all(|&i| is_side_effect_free(i)).then(|| ir::successors(term)[0])
    };
    let same_set = |mut a: Vec<B>, mut b: Vec<B>| {
        a.sort();
        b.sort();
        a == b
    };
    let (tt, ft) = (arm_target(t), arm_target(f));
    if tt.is_some() && tt == ft {
        let j = tt?;
        return same_set(predecessors(j)?, vec![t, f]).then_some(j);
    }
    if tt == Some(f) && same_set(predecessors(f)?, vec![head, t]) {
        return Some(f);
    }
    if ft == Some(t) && same_set(predecessors(t)?, vec![head, f]) {
        return Some(t);
    }
    None
}

/// The blocks branching to `b`, once each; `None` if its address is taken
/// (a `blockaddress` use) or a predecessor is not a plain branch.
fn predecessors(b: B) -> Option<Vec<B>> {
    let mut out = Vec::new();
    unsafe {
        let mut u = LLVMGetFirstUse(LLVMBasicBlockAsValue(b));
        while !u.is_null() {
            let user = LLVMGetUser(u);
            if !ir::is_instruction(user) || ir::opcode(user) != Op::LLVMBr {
                return None;
            }
            let p = ir::instruction_parent(user);
            if !out.contains(&p) {
                out.push(p);
            }
            u = LLVMGetNextUse(u);
        }
    }
    Some(out)
}

/// A load or store neither volatile nor atomic.
pub(super) fn is_plain_access(i: V) -> bool {
    unsafe { LLVMGetVolatile(i) == 0 && LLVMGetOrdering(i) == llvm_sys::LLVMAtomicOrdering::LLVMAtomicOrderingNotAtomic }
}

/// Instructions that may change memory (or, atomic and volatile loads,
/// order this thread's view of it): they end a memory epoch.
fn may_write_memory(i: V) -> bool {
    use Op::*;
    match ir::opcode(i) {
        LLVMLoad => !is_plain_access(i),
        LLVMStore | LLVMCall | LLVMInvoke | LLVMCallBr | LLVMAtomicRMW | LLVMAtomicCmpXchg | LLVMFence | LLVMVAArg => {
            true
        }
        _ => false,
    }
}

/// Instructions whose only effect is their value.
fn is_side_effect_free(i: V) -> bool {
    use Op::*;
    match ir::opcode(i) {
        LLVMLoad => is_plain_access(i),
        LLVMCall => {
            let callee = unsafe { LLVMGetCalledValue(i) };
            ir::intrinsic_name(callee).is_some_and(|n| n.starts_with("llvm.dbg."))
        }
        LLVMAdd | LLVMFAdd | LLVMSub | LLVMFSub | LLVMMul | LLVMFMul | LLVMFDiv | LLVMFRem | LLVMShl | LLVMLShr
        | LLVMAShr | LLVMAnd | LLVMOr | LLVMXor | LLVMFNeg | LLVMTrunc | LLVMZExt | LLVMSExt | LLVMFPToUI
        | LLVMFPToSI | LLVMUIToFP | LLVMSIToFP | LLVMFPTrunc | LLVMFPExt | LLVMPtrToInt | LLVMIntToPtr
        | LLVMBitCast | LLVMAddrSpaceCast | LLVMICmp | LLVMFCmp | LLVMSelect | LLVMGetElementPtr
        | LLVMExtractValue | LLVMInsertValue | LLVMExtractElement | LLVMInsertElement | LLVMShuffleVector
        | LLVMFreeze => true,
        _ => false,
    }
}

/// Side-effect free, and unable to trap: no floating point, whose
/// exceptions a program may unmask (integer division is not side-effect
/// free already). What a check may be moved ahead of.
pub(super) fn cannot_trap(i: V) -> bool {
    use Op::*;
    is_side_effect_free(i)
        && !matches!(
            ir::opcode(i),
            LLVMFAdd
                | LLVMFSub
                | LLVMFMul
                | LLVMFDiv
                | LLVMFRem
                | LLVMFNeg
                | LLVMFPToUI
                | LLVMFPToSI
                | LLVMUIToFP
                | LLVMSIToFP
                | LLVMFPTrunc
                | LLVMFPExt
                | LLVMFCmp
        )
}

/// Whether no instruction for which `writes` holds lies between `from`
/// and `to` (which `from` dominates) on any path: walking back from `to`
/// over every predecessor, each path meets `from` first. Bounded; `false`
/// when in doubt.
fn nothing_between(from: V, to: V, writes: &dyn Fn(V) -> bool) -> bool {
    // (block, last instruction of it on the path: scanned backwards from it)
    let mut work = vec![(ir::instruction_parent(to), unsafe { LLVMGetPreviousInstruction(to) })];
    let mut seen: HashSet<B> = HashSet::new();
    let mut budget = 4096usize;
    while let Some((b, mut i)) = work.pop() {
        while !i.is_null() {
            if i == from {
                break;
            }
            budget = match budget.checked_sub(1) {
                Some(n) => n,
                None => return false,
            };
            if writes(i) {
                return false;
            }
            i = unsafe { LLVMGetPreviousInstruction(i) };
        }
        if i == from {
            continue; // this path starts at the load
        }
        // Reached the top of `b`: every predecessor leads here.
        let mut any = false;
        unsafe {
            let mut u = LLVMGetFirstUse(LLVMBasicBlockAsValue(b));
            while !u.is_null() {
                let user = LLVMGetUser(u);
                if !ir::is_instruction(user) || LLVMIsATerminatorInst(user).is_null() {
                    return false;
                }
                let p = ir::instruction_parent(user);
                any = true;
                if seen.insert(p) {
                    work.push((p, user));
                }
                u = LLVMGetNextUse(u);
            }
        }
        if !any || seen.len() > 64 {
            return false; // the entry block, not through `from`; or too far
        }
    }
    true
}

/// The musttail call a `ret` returns (LLVM requires it right before the
/// `ret`, with at most a bitcast between).
fn musttail_call_before(ret: V) -> Option<V> {
    let mut i = unsafe { LLVMGetPreviousInstruction(ret) };
    if !i.is_null() && ir::opcode(i) == Op::LLVMBitCast {
        i = unsafe { LLVMGetPreviousInstruction(i) };
    }
    (!i.is_null() && ir::is_musttail(i)).then_some(i)
}

/// What a check of a guarded shadow tests on the hot path (see
/// `FunctionInstrumenter::guards`).
#[derive(Clone, Copy)]
enum Guard {
    /// A comparison's: its operands' shadows.
    Operands(V, V),
    /// An `i1` computed where the shadow was.
    Cond(V),
}
