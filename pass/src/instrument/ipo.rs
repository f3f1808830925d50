//! Interprocedural clean-up of shadow passing into *closed* functions
//! (local linkage, called only directly from instrumented code of this
//! module: see [`super::closed_functions`]), run after the clean-up passes
//! that follow the instrumentation, when constant shadows have been folded.
//!
//! - **Arguments.** When every call site of a closed function `f` stores a
//!   constant-zero shadow into the param slot at offset `o` (right before
//!   the call, with no call in between), `f`'s loads of that slot (and of
//!   its origin slot) become constant zero, and the call sites' stores into
//!   both slots are deleted. `f`'s checks of that parameter then fold away
//!   in the clean-up that follows. The stores stay where `f` hands the
//!   slot on: the clean-up drops a
//!   store of the shadow a slot already holds (`store (load slot), slot`),
//!   so a callee of `f` may read what `f`'s caller stored for `f`
//!   ([`Handoff`]: a data flow over `f` from its entry to the calls that
//!   read slots, following closed callees).
//! - **Shadows as arguments.** After both rounds, the slots that every call
//!   site of a closed function still stores right before the call become
//!   extra parameters (`%umsan.shadow`, appended after the function's own:
//!   `umsan_append_params` in `shim.cpp`): the callee reads the argument
//!   instead of the slot, the callers pass the shadow instead of storing
//!   it (sqlite3.c: 11 000 fewer thread-local stores). A slot the callee
//!   hands on is filled by the callee itself at its entry. Origins keep
//!   their slots (their stores are on the cold path). Variadic functions,
//!   `byval` parameters and `musttail` calls keep the slots.
//! - **Return values.** When every `ret` of a closed function stores a
//!   constant-zero shadow into the return slot, the callers' loads of the
//!   slot right after the call become zero. The stores stay (a load the
//!   scan does not find still reads the right value).
//!
//! - **Repeated checks.** The instrumentation drops a check of a shadow
//!   that a dominating check already tested, but only when both see the
//!   same shadow value then; the clean-up often makes two shadows the same
//!   value only later (a pointer and `pointer + 16` of a parameter, a
//!   clean induction variable). A check whose condition a dominating check
//!   of the same polarity already branched on is dropped here: after a
//!   report execution either stopped or goes on knowing about that value.
//! - **Loop-invariant checks.** A check a loop runs first in every
//!   iteration, whose condition and report arguments are computed from
//!   values defined outside the loop (a parameter's shadow, once the
//!   clean-up has folded the clean index's shadow away), moves to the
//!   loop's preheader, with the instructions computing its condition; the
//!   preheader then branches to the report or to a new block entering the
//!   loop, where the report goes on too — so that block is the preheader of
//!   the next check moved. "First": reached from the header through blocks
//!   that write no memory, call nothing and cannot trap, joined by
//!   unconditional branches or by a diamond whose cold side does the same
//!   (a lazily loaded origin); the walk stops at the first check that
//!   stays. The preheader's only successor is the header, so the hoisted
//!   checks report exactly when the first iteration's would have, in the
//!   same order, at the same source locations; later iterations would only
//!   have repeated those reports, which are printed once. LLVM's LICM
//!   moves no branches, and loop unswitching does not apply to a report
//!   block that rejoins the loop.
//!
//! Functions changed get the string attribute [`CHANGED_ATTR`]: the C++
//! shim re-runs the clean-up on them, and the step runs again, so that
//! shadows that became constant propagate one more call level.

use crate::ir::{self, V};
use llvm_sys::core::*;
use llvm_sys::debuginfo::{LLVMInstructionGetDebugLoc, LLVMInstructionSetDebugLoc};
use llvm_sys::prelude::*;
use llvm_sys::LLVMOpcode as Op;
use std::collections::{HashMap, HashSet};

/// Marks closed functions (set by the instrumentation).
pub const CLOSED_ATTR: &str = "umsan-closed";
/// Marks functions this step changed (removed by the shim's clean-up).
pub const CHANGED_ATTR: &str = "umsan-ipo-changed";

/// The thread-local slots this step reasons about.
struct Slots {
    param: V,
    param_origin: Option<V>,
    param_tag: Option<V>,
    retval: V,
    retval_origin: Option<V>,
}

/// Where a pointer operand points relative to `g`: `None` = not into `g`;
/// `Some(Some(off))` = `g + off` (the global, or an `i8` GEP constant);
/// `Some(None)` = into `g` in a form not understood.
fn slot_offset(ptr: V, g: V) -> Option<Option<u64>> {
    if ptr == g {
        return Some(Some(0));
    }
    unsafe {
        if LLVMIsAConstantExpr(ptr).is_null() {
            return None;
        }
        if LLVMGetConstOpcode(ptr) != Op::LLVMGetElementPtr {
            return refers_to(ptr, g).then_some(None);
        }
        if ir::operand(ptr, 0) != g {
            return refers_to(ptr, g).then_some(None);
        }
        let i8t = LLVMInt8TypeInContext(LLVMGetTypeContext(LLVMTypeOf(ptr)));
        if ir::num_operands(ptr) == 2 && LLVMGetGEPSourceElementType(ptr) == i8t {
            if let Some(off) = ir::const_int_value(ir::operand(ptr, 1)) {
                return Some(Some(off));
            }
        }
        Some(None)
    }
}

/// Does the constant expression `c` mention `g` anywhere?
fn refers_to(c: V, g: V) -> bool {
    if c == g {
        return true;
    }
    unsafe {
        if LLVMIsAConstantExpr(c).is_null() {
            return false;
        }
    }
    (0..ir::num_operands(c)).any(|i| refers_to(ir::operand(c, i), g))
}

fn is_call(i: V) -> bool {
    unsafe { !LLVMIsACallInst(i).is_null() || !LLVMIsAInvokeInst(i).is_null() }
}

fn is_debug_intrinsic(i: V) -> bool {
    unsafe {
        let callee = LLVMGetCalledValue(i);
        !callee.is_null()
            && ir::intrinsic_name(callee).is_some_and(|n| n.starts_with("llvm.dbg.") || n.starts_with("llvm.lifetime."))
    }
}

/// The stores into `g` that belong to the call (or `ret`) `at`: those
/// after the previous call in its block, as (store, offset, value). `None`
/// when a store of a shape not understood might write `g` there.
fn stores_before(at: V, g: V) -> Option<Vec<(V, u64, V)>> {
    let mut out = Vec::new();
    let mut i = unsafe { LLVMGetPreviousInstruction(at) };
    while !i.is_null() {
        if is_call(i) && !is_debug_intrinsic(i) {
            break;
        }
        if ir::opcode(i) == Op::LLVMStore {
            match slot_offset(ir::operand(i, 1), g) {
                Some(Some(o)) => out.push((i, o, ir::operand(i, 0))),
                Some(None) => return None,
                None => {}
            }
        }
        i = unsafe { LLVMGetPreviousInstruction(i) };
    }
    Some(out)
}

/// The last store into exactly `g + off` of type `ty` before `at` (see
/// [`stores_before`]), if every store into `g + off` there has that type.
fn stored_before(at: V, g: V, off: u64, ty: Option<LLVMTypeRef>) -> Option<(V, V)> {
    let stores = stores_before(at, g)?;
    let mut hits = stores.into_iter().filter(|&(_, o, _)| o == off);
    let (st, _, v) = hits.next()?; // the closest one: scanned backwards
    let ok = |v: V| ty.is_none_or(|t| unsafe { LLVMTypeOf(v) } == t);
    if !ok(v) || hits.any(|(_, _, w)| !ok(w)) {
        return None;
    }
    Some((st, v))
}

/// Every instruction of `f` that reads or writes `g`, with the slot offset
/// it touches (`None`: not understood).
fn accesses(f: V, g: V) -> Vec<(V, Option<u64>)> {
    let mut out = Vec::new();
    for b in ir::blocks(f) {
        for i in ir::instructions(b) {
            let n = ir::num_operands(i);
            for k in 0..n {
                let op = ir::operand(i, k);
                if let Some(off) = slot_offset(op, g) {
                    let understood = match ir::opcode(i) {
                        Op::LLVMLoad => off,
                        Op::LLVMStore if k == 1 => off,
                        _ => None,
                    };
                    out.push((i, understood));
                }
            }
        }
    }
    out
}

/// `f`'s loads of the slots `g` by offset (its stores there are its own
/// calls' arguments); `None` when `f` touches `g` in a way not understood.
/// No slots, no loads.
fn slot_loads(f: V, g: Option<V>) -> Option<HashMap<u64, Vec<V>>> {
    let mut loads: HashMap<u64, Vec<V>> = HashMap::new();
    for (i, off) in g.map(|g| accesses(f, g)).unwrap_or_default() {
        match (ir::opcode(i), off) {
            (Op::LLVMLoad, Some(o)) => loads.entry(o).or_default().push(i),
            (Op::LLVMStore, Some(_)) => {}
            _ => return None,
        }
    }
    Some(loads)
}

/// A constant whose bits are all zero.
fn is_zero(v: V) -> bool {
    unsafe { !LLVMIsAConstant(v).is_null() && LLVMIsNull(v) != 0 }
}

fn zero_of(v: V) -> V {
    unsafe { LLVMConstNull(LLVMTypeOf(v)) }
}

fn replace_with_zero(load: V) {
    unsafe {
        LLVMReplaceAllUsesWith(load, zero_of(load));
        LLVMInstructionEraseFromParent(load);
    }
}

fn add_string_attr(f: V, key: &str) {
    unsafe {
        let ctx = LLVMGetTypeContext(LLVMTypeOf(f));
        let a = LLVMCreateStringAttribute(ctx, key.as_ptr() as *const _, key.len() as u32, std::ptr::null(), 0);
        LLVMAddAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, a);
    }
}

/// The direct calls of `f`, or `None` if `f` has any other use (or a call
/// through a different function type).
fn direct_calls(f: V) -> Option<Vec<V>> {
    let mut calls = Vec::new();
    unsafe {
        let fty = LLVMGlobalGetValueType(f);
        let mut u = LLVMGetFirstUse(f);
        while !u.is_null() {
            let user = LLVMGetUser(u);
            let ok = !LLVMIsACallInst(user).is_null()
                && LLVMGetCalledValue(user) == f
                && LLVMGetCalledFunctionType(user) == fty
                && (0..LLVMGetNumArgOperands(user)).all(|i| ir::operand(user, i) != f);
            if !ok {
                return None;
            }
            calls.push(user);
            u = LLVMGetNextUse(u);
        }
    }
    Some(calls)
}

fn global(m: LLVMModuleRef, name: &str) -> Option<V> {
    let c = ir::cstring(name);
    let g = unsafe { LLVMGetNamedGlobal(m, c.as_ptr()) };
    (!g.is_null()).then_some(g)
}

/// One round over the module. Returns the number of slots proven clean.
pub fn run(m: LLVMModuleRef) -> usize {
    let mut changed: HashSet<V> = HashSet::new();
    let proven = shadow_passing(m, &mut changed);
    let warn = warning_functions(m);
    for f in ir::functions(m) {
        if warn.is_empty() || ir::is_declaration(f) {
            continue;
        }
        if dedup_checks(f, &warn) | hoist_invariant_checks(f, &warn) {
            changed.insert(f);
        }
    }
    for f in changed {
        add_string_attr(f, CHANGED_ATTR);
    }
    proven
}

impl Slots {
    fn of(m: LLVMModuleRef) -> Option<Slots> {
        Some(Slots {
            param: global(m, umsan_abi::tls::PARAM)?,
            param_origin: global(m, umsan_abi::tls::PARAM_ORIGIN),
            param_tag: global(m, umsan_abi::tls::PARAM_TAG),
            retval: global(m, umsan_abi::tls::RETVAL)?,
            retval_origin: global(m, umsan_abi::tls::RETVAL_ORIGIN),
        })
    }
}

/// The closed functions that are called, with their calls.
fn closed_with_calls(m: LLVMModuleRef) -> Vec<(V, Vec<V>)> {
    ir::functions(m)
        .into_iter()
        .filter(|&f| !ir::is_declaration(f) && ir::function_has_string_attr(f, CLOSED_ATTR))
        .filter_map(|f| direct_calls(f).filter(|c| !c.is_empty()).map(|c| (f, c)))
        .collect()
}

/// The argument and return-value halves over every closed function.
fn shadow_passing(m: LLVMModuleRef, changed: &mut HashSet<V>) -> usize {
    let Some(slots) = Slots::of(m) else { return 0 };
    let layout = ir::Layout::new(m);
    let mut handoff = Handoff::new(&slots, &layout);
    let mut proven = 0;
    for (f, calls) in closed_with_calls(m) {
        proven += params(f, &calls, &slots, &layout, &mut handoff, changed);
        proven += returns(f, &calls, &slots, &layout, changed);
    }
    proven
}

/// The module's `__umsan_warning*` functions (what a report block calls).
fn warning_functions(m: LLVMModuleRef) -> HashSet<V> {
    ir::functions(m)
        .into_iter()
        .filter(|&f| ir::is_declaration(f) && ir::value_name(f).starts_with("__umsan_warning"))
        .collect()
}

/// Is `b` a report block: it calls a `__umsan_warning*` function (the
/// clean-up may have threaded some of the code that follows the check into
/// it) and ends in an unconditional branch or `unreachable`?
fn is_report_block(b: LLVMBasicBlockRef, warn: &HashSet<V>) -> bool {
    let t = ir::terminator(b);
    if t.is_null() || !(ir::opcode(t) == Op::LLVMUnreachable || ir::opcode(t) == Op::LLVMBr && unsafe { LLVMIsConditional(t) } == 0) {
        return false;
    }
    let mut i = ir::first_instruction(b);
    while !i.is_null() {
        if is_call(i) && warn.contains(&unsafe { LLVMGetCalledValue(i) }) {
            return true;
        }
        i = ir::next_instruction(i);
    }
    false
}

/// The check a block ends in: (condition, report on true?) when its
/// conditional branch leads to a report block on exactly one side.
fn check_of(b: LLVMBasicBlockRef, warn: &HashSet<V>) -> Option<(V, bool)> {
    let t = ir::terminator(b);
    if t.is_null() || ir::opcode(t) != Op::LLVMBr || unsafe { LLVMIsConditional(t) } == 0 {
        return None;
    }
    let (on_true, on_false) = unsafe { (LLVMGetSuccessor(t, 0), LLVMGetSuccessor(t, 1)) };
    match (is_report_block(on_true, warn), is_report_block(on_false, warn)) {
        (true, false) => Some((unsafe { LLVMGetCondition(t) }, true)),
        (false, true) => Some((unsafe { LLVMGetCondition(t) }, false)),
        _ => None,
    }
}

/// Drops checks whose condition a dominating check of the same polarity
/// already tested (see the module documentation). Returns whether `f`
/// changed.
fn dedup_checks(f: V, warn: &HashSet<V>) -> bool {
    // Most functions test no condition twice: find out without ordering
    // the blocks or building dominators.
    let mut seen: HashSet<(V, bool)> = HashSet::new();
    let mut repeated = false;
    let mut b = unsafe { LLVMGetFirstBasicBlock(f) };
    while !b.is_null() {
        if let Some(key) = check_of(b, warn) {
            repeated |= !seen.insert(key);
        }
        b = unsafe { LLVMGetNextBasicBlock(b) };
    }
    if !repeated {
        return false;
    }
    // (condition, report on true?) -> check blocks, in reverse post-order.
    let rpo = ir::reverse_post_order(f);
    let mut checks: HashMap<(V, bool), Vec<LLVMBasicBlockRef>> = HashMap::new();
    let mut order = Vec::new();
    for &b in &rpo {
        let Some(key) = check_of(b, warn) else { continue };
        checks.entry(key).or_default().push(b);
        order.push((b, key));
    }
    let doms = ir::Dominators::new(&rpo);
    let mut changed = false;
    for (b, key) in order {
        let earlier = &checks[&key];
        if !earlier.iter().take_while(|&&e| e != b).any(|&e| doms.dominates(e, b)) {
            continue;
        }
        // Branch straight to where the check goes on when clean.
        unsafe {
            let t = ir::terminator(b);
            let cont = LLVMGetSuccessor(t, if key.1 { 1 } else { 0 });
            let report = LLVMGetSuccessor(t, if key.1 { 0 } else { 1 });
            // The clean-up may have threaded code with phis into the report
            // block: they lose the entry for this edge.
            ir::retarget_phi_edges(report, b, None);
            let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(f)));
            LLVMPositionBuilderBefore(builder, t);
            // (The report block becomes unreachable; the clean-up removes it.)
            LLVMBuildBr(builder, cont);
            LLVMDisposeBuilder(builder);
            LLVMInstructionEraseFromParent(t);
        }
        changed = true;
    }
    changed
}

/// Moves checks a loop runs first in every iteration to the loop's
/// preheader when their condition and report are the same in every
/// iteration (see the module documentation). Returns whether `f` changed.
fn hoist_invariant_checks(f: V, warn: &HashSet<V>) -> bool {
    let mut b = unsafe { LLVMGetFirstBasicBlock(f) };
    let mut any = false;
    while !b.is_null() && !any {
        any = check_of(b, warn).is_some();
        b = unsafe { LLVMGetNextBasicBlock(b) };
    }
    if !any {
        return false;
    }
    let rpo = ir::reverse_post_order(f);
    let doms = ir::Dominators::new(&rpo);
    let preds = ir::predecessor_map(&rpo);
    let mut changed = false;
    for &header in &rpo {
        let Some(body) = ir::natural_loop(header, &doms, &preds) else { continue };
        let mut outside = preds[&header].iter().copied().filter(|p| !body.contains(p));
        let (Some(mut pre), None) = (outside.next(), outside.next()) else { continue };
        if ir::successors(ir::terminator(pre)) != [header] {
            continue;
        }
        // Walk what every iteration runs first, from the header: blocks
        // with nothing observable in them, joined by unconditional branches
        // or by the cold block of a lazily loaded origin, up to the first
        // check that cannot move.
        let mut blk = header;
        for _ in 0..64 {
            let insts = ir::instructions(blk);
            if !insts[..insts.len() - 1].iter().all(|&i| cannot_be_observed(i)) {
                break;
            }
            let next = match check_of(blk, warn) {
                Some((cond, report_on_true)) => match hoist_check(header, &body, pre, blk, cond, report_on_true) {
                    Some((hoisted_into, cont)) => {
                        pre = hoisted_into;
                        changed = true;
                        cont
                    }
                    None => break,
                },
                None => match unobservable_step(blk, header, &body) {
                    Some(n) => n,
                    None => break,
                },
            };
            blk = next;
        }
    }
    changed
}

/// Where the walk of [`hoist_invariant_checks`] goes on after `blk`, which
/// ends in no check: the single successor, or past a diamond with a cold
/// block (a lazy origin load) that observes nothing — a block of the loop
/// other than its header that only this path reaches.
fn unobservable_step(blk: LLVMBasicBlockRef, header: LLVMBasicBlockRef, body: &HashSet<LLVMBasicBlockRef>) -> Option<LLVMBasicBlockRef> {
    let t = ir::terminator(blk);
    if ir::opcode(t) != Op::LLVMBr {
        return None;
    }
    let succ = ir::successors(t);
    let only_from = |x: LLVMBasicBlockRef, from: &[LLVMBasicBlockRef]| {
        let mut p = ir::predecessors(x);
        p.sort_unstable();
        p.dedup();
        let mut want = from.to_vec();
        want.sort_unstable();
        p == want
    };
    let next = match succ[..] {
        [x] if only_from(x, &[blk]) => x,
        [a, b] => {
            let diamond = |cold: LLVMBasicBlockRef, join: LLVMBasicBlockRef| {
                let ct = ir::terminator(cold);
                let insts = ir::instructions(cold);
                ir::opcode(ct) == Op::LLVMBr
                    && ir::successors(ct) == [join]
                    && only_from(cold, &[blk])
                    && only_from(join, &[blk, cold])
                    && insts[..insts.len() - 1].iter().all(|&i| cannot_be_observed(i) && ir::opcode(i) != Op::LLVMPHI)
            };
            if diamond(b, a) {
                a
            } else if diamond(a, b) {
                b
            } else {
                return None;
            }
        }
        _ => return None,
    };
    (next != header && body.contains(&next)).then_some(next)
}

/// Moves the check `blk` ends in to the end of `pre`, the block that
/// enters the loop at `header` and branches nowhere else, when its
/// condition and its report's arguments are loop-invariant and its report
/// block is its own. `pre` then branches to the report or to a new block
/// that enters the loop, and the report goes on there; `blk` goes straight
/// on. Returns (that new block, where `blk` goes on), or `None` when the
/// check stays.
fn hoist_check(
    header: LLVMBasicBlockRef,
    body: &HashSet<LLVMBasicBlockRef>,
    pre: LLVMBasicBlockRef,
    blk: LLVMBasicBlockRef,
    cond: V,
    report_on_true: bool,
) -> Option<(LLVMBasicBlockRef, LLVMBasicBlockRef)> {
    let t = ir::terminator(blk);
    let (report, cont) = unsafe {
        let (a, b) = (LLVMGetSuccessor(t, 0), LLVMGetSuccessor(t, 1));
        if report_on_true { (a, b) } else { (b, a) }
    };
    // The report block belongs to this check alone and has no phis (the
    // clean-up shares one between checks sometimes).
    if report == cont
        || cont == header
        || !body.contains(&cont)
        || ir::single_predecessor(report) != Some(blk)
        || ir::opcode(ir::first_instruction(report)) == Op::LLVMPHI
        || !ir::predecessors(cont).iter().all(|&p| p == blk || p == report)
    {
        return None;
    }
    let mut moved = Vec::new();
    let report_insts = ir::instructions(report);
    let invariant = loop_invariant(cond, body, &mut moved, 8)
        && report_insts.iter().all(|&i| {
            (0..ir::num_operands(i)).all(|k| {
                let v = ir::operand(i, k);
                let is_block = unsafe { !LLVMIsABasicBlock(v).is_null() };
                is_block
                    || ir::is_instruction(v) && ir::instruction_parent(v) == report
                    || loop_invariant(v, body, &mut moved, 8)
            })
        });
    if !invariant {
        return None;
    }
    unsafe {
        let ctx = LLVMGetTypeContext(LLVMTypeOf(LLVMBasicBlockAsValue(blk)));
        let builder = LLVMCreateBuilderInContext(ctx);
        let pre_end = ir::terminator(pre);
        for &i in &moved {
            let name = ir::cstring(&ir::value_name(i));
            LLVMInstructionRemoveFromParent(i);
            LLVMPositionBuilderBefore(builder, pre_end);
            LLVMInsertIntoBuilderWithName(builder, i, name.as_ptr());
        }
        // pre: if (cond) report; -> enter   enter: -> header
        let enter = LLVMInsertBasicBlockInContext(ctx, header, c"umsan.hoisted".as_ptr());
        LLVMPositionBuilderAtEnd(builder, enter);
        let br = LLVMBuildBr(builder, header);
        LLVMInstructionSetDebugLoc(br, LLVMInstructionGetDebugLoc(pre_end));
        LLVMPositionBuilderBefore(builder, pre_end);
        let cbr = if report_on_true {
            LLVMBuildCondBr(builder, cond, report, enter)
        } else {
            LLVMBuildCondBr(builder, cond, enter, report)
        };
        LLVMInstructionSetDebugLoc(cbr, LLVMInstructionGetDebugLoc(pre_end));
        // The check's branch weights (its report is cold), same polarity.
        let prof = LLVMGetMDKindIDInContext(ctx, c"prof".as_ptr(), 4);
        let weights = LLVMGetMetadata(t, prof);
        if !weights.is_null() {
            LLVMSetMetadata(cbr, prof, weights);
        }
        LLVMInstructionEraseFromParent(pre_end);
        ir::retarget_phi_edges(header, pre, Some(enter));
        // The report goes on into the loop (or ends the program).
        let report_end = ir::terminator(report);
        if ir::opcode(report_end) == Op::LLVMBr {
            LLVMSetSuccessor(report_end, 0, enter);
            ir::retarget_phi_edges(cont, report, None);
        }
        // `blk` goes straight on.
        LLVMPositionBuilderBefore(builder, t);
        let br = LLVMBuildBr(builder, cont);
        LLVMInstructionSetDebugLoc(br, LLVMInstructionGetDebugLoc(t));
        LLVMInstructionEraseFromParent(t);
        LLVMDisposeBuilder(builder);
        Some((enter, cont))
    }
}

/// Whether `v` has the same value in every iteration of the loop `body`:
/// defined outside it, or computed in it without memory (see
/// [`cannot_be_observed`]; no phi, no load) from such values, at most
/// `depth` instructions deep. Those instructions are appended to `moved`,
/// operands first, each once.
fn loop_invariant(v: V, body: &HashSet<LLVMBasicBlockRef>, moved: &mut Vec<V>, depth: u32) -> bool {
    if !ir::is_instruction(v) || !body.contains(&ir::instruction_parent(v)) || moved.contains(&v) {
        return true;
    }
    if depth == 0 || matches!(ir::opcode(v), Op::LLVMPHI | Op::LLVMLoad | Op::LLVMCall) || !cannot_be_observed(v) {
        return false;
    }
    let operands_invariant = (0..ir::num_operands(v)).all(|k| loop_invariant(ir::operand(v, k), body, moved, depth - 1));
    if operands_invariant {
        moved.push(v);
    }
    operands_invariant
}

/// Whether running `i` can make no difference anyone sees before the next
/// instruction: a phi, or side-effect free and unable to trap (see
/// [`super::function::cannot_trap`]). A plain load qualifies: if it faults,
/// the hoisted check has reported the uninitialized value first.
fn cannot_be_observed(i: V) -> bool {
    ir::opcode(i) == Op::LLVMPHI || super::function::cannot_trap(i)
}

/// The argument half (see the module documentation).
/// Param slot granules: bit `k` stands for bytes `[8k, 8k + 8)` of the
/// param slots (`PARAM_TLS_BYTES` = 800: 100 granules).
type Granules = u128;

/// How deep [`Handoff::reads_of`] follows closed callees before it
/// assumes a callee reads every slot its arguments span.
const HANDOFF_DEPTH: u32 = 16;

const ALL_GRANULES: Granules = (1 << (umsan_abi::PARAM_TLS_BYTES / 8)) - 1;

fn granules(off: u64, size: u64) -> Granules {
    let (lo, hi) = (off / 8, (off + size.max(1)).div_ceil(8).min(umsan_abi::PARAM_TLS_BYTES / 8));
    (lo..hi).fold(0, |m, k| m | 1 << k)
}

/// Which param slots a closed function hands on to its callees as it got
/// them. The clean-up drops a store of the shadow a slot already holds
/// (`store (load slot), slot`), so a callee of `f` may read what `f`'s
/// caller stored for `f`: those stores must stay even where `f` itself no
/// longer needs them. Memoized per function (a function the step replaces
/// is a new value).
struct Handoff<'a> {
    s: &'a Slots,
    layout: &'a ir::Layout,
    /// Granules a closed function reads: its own loads and what it hands on.
    reads: HashMap<V, Granules>,
    /// What [`Self::passed_on`] found per function.
    passed: HashMap<V, Granules>,
}

impl<'a> Handoff<'a> {
    fn new(s: &'a Slots, layout: &'a ir::Layout) -> Self {
        Handoff { s, layout, reads: HashMap::new(), passed: HashMap::new() }
    }

    /// The granules `f` may hand on: at some call that reads param slots,
    /// a slot no store and no call has written since `f`'s entry. A call
    /// reads the slots its arguments span when a tag store names its
    /// callee since the last call (a closed callee: those it reads itself
    /// or hands on in turn). Intrinsics, inline assembly and umsan's
    /// runtime functions leave the slots alone. All granules when this
    /// cannot be told (a store into the slots not understood).
    fn passed_on(&mut self, f: V, depth: u32) -> Granules {
        if let Some(&p) = self.passed.get(&f) {
            return p;
        }
        let p = self.compute_passed_on(f, depth);
        self.passed.insert(f, p);
        p
    }

    /// [`Self::passed_on`], worked out: a forward data flow over the
    /// blocks `f` reaches from its entry before any call (after a call the
    /// slots hold what it left, so nothing past it is handed on).
    fn compute_passed_on(&mut self, f: V, depth: u32) -> Granules {
        let entry = unsafe { LLVMGetEntryBasicBlock(f) };
        if entry.is_null() {
            return 0;
        }
        // Per block entry: (granules still as at f's entry, a tag stored).
        let mut state: HashMap<LLVMBasicBlockRef, (Granules, bool)> = HashMap::from([(entry, (ALL_GRANULES, false))]);
        let mut work = vec![entry];
        let mut passed: Granules = 0;
        while let Some(b) = work.pop() {
            let (mut incoming, mut tagged) = state[&b];
            let mut live = true;
            let mut i = ir::first_instruction(b);
            while live && !i.is_null() {
                match ir::opcode(i) {
                    Op::LLVMStore => {
                        let p = ir::operand(i, 1);
                        match slot_offset(p, self.s.param) {
                            Some(Some(o)) => {
                                incoming &= !granules(o, self.layout.store_size(unsafe { LLVMTypeOf(ir::operand(i, 0)) }))
                            }
                            Some(None) => return ALL_GRANULES,
                            None => {}
                        }
                        if self.s.param_tag.is_some_and(|t| slot_offset(p, t).is_some()) {
                            tagged = !is_zero(ir::operand(i, 0));
                        }
                    }
                    _ if is_call(i) => {
                        let callee = unsafe { LLVMGetCalledValue(i) };
                        if ir::is_function(callee) && unsafe { LLVMGetIntrinsicID(callee) } != 0 {
                            // A byval argument's shadow: memcpy into a slot.
                            if (0..ir::num_operands(i)).any(|k| slot_offset(ir::operand(i, k), self.s.param).is_some()) {
                                let len = ir::const_int_value(ir::operand(i, 2));
                                match (slot_offset(ir::operand(i, 0), self.s.param), len) {
                                    (Some(Some(o)), Some(n)) => incoming &= !granules(o, n),
                                    _ => return ALL_GRANULES,
                                }
                            }
                        } else if !ir::is_inline_asm(callee) && !is_runtime_function(callee) {
                            let reads = if ir::is_function(callee) && ir::function_has_string_attr(callee, CLOSED_ATTR) {
                                self.reads_of(callee, i, depth)
                            } else if tagged {
                                self.arg_span(i)
                            } else {
                                0
                            };
                            passed |= incoming & reads;
                            live = false;
                        }
                    }
                    _ => {}
                }
                i = ir::next_instruction(i);
            }
            if !live {
                continue;
            }
            for succ in ir::successors(ir::terminator(b)) {
                let new = match state.get(&succ) {
                    None => (incoming, tagged),
                    Some(&(g, t)) => (g | incoming, t | tagged),
                };
                if state.get(&succ) != Some(&new) {
                    state.insert(succ, new);
                    work.push(succ);
                }
            }
        }
        passed
    }

    /// The granules the arguments of the call `c` span in the param slots.
    fn arg_span(&self, c: V) -> Granules {
        let fnty = unsafe { LLVMGetCalledFunctionType(c) };
        let mut extent = 0;
        for i in 0..unsafe { LLVMCountParamTypes(fnty) } {
            let t = ir::call_arg_type_attr(c, i, "byval").unwrap_or_else(|| unsafe { LLVMTypeOf(ir::operand(c, i)) });
            extent += super::function::round8(self.layout.alloc_size(t));
        }
        granules(0, extent)
    }

    /// What the closed function `g`, called by `c`, reads of the slots.
    fn reads_of(&mut self, g: V, c: V, depth: u32) -> Granules {
        if let Some(&r) = self.reads.get(&g) {
            return r;
        }
        if ir::is_declaration(g) || depth == 0 {
            return self.arg_span(c);
        }
        // A recursive cycle meets itself as reading everything it spans.
        let span = self.arg_span(c);
        self.reads.insert(g, span);
        let mut r = 0;
        for (i, off) in accesses(g, self.s.param) {
            match (ir::opcode(i), off) {
                (Op::LLVMLoad, Some(o)) => r |= granules(o, self.layout.store_size(unsafe { LLVMTypeOf(i) })),
                (Op::LLVMStore, Some(_)) => {}
                _ => r |= span,
            }
        }
        r |= self.passed_on(g, depth - 1);
        self.reads.insert(g, r);
        r
    }
}

fn params(f: V, calls: &[V], s: &Slots, layout: &ir::Layout, handoff: &mut Handoff, changed: &mut HashSet<V>) -> usize {
    // byval arguments reach the slots through memcpy: leave such functions.
    let n = unsafe { LLVMCountParams(f) };
    if (0..n).any(|i| ir::param_type_attr(f, i, "byval").is_some()) {
        return 0;
    }
    let Some(mut loads) = slot_loads(f, Some(s.param)) else { return 0 };
    let Some(mut origin_loads) = slot_loads(f, s.param_origin) else { return 0 };
    let passed = handoff.passed_on(f, HANDOFF_DEPTH);
    let mut offsets: Vec<u64> = loads.keys().copied().collect();
    offsets.sort_unstable();
    let mut proven = 0;
    for o in offsets {
        // Every load of the slot reads the same type, and every call site
        // stores a zero of exactly that type there.
        let ty = unsafe { LLVMTypeOf(loads[&o][0]) };
        if loads[&o].iter().any(|&l| unsafe { LLVMTypeOf(l) } != ty) {
            continue;
        }
        let mut stores = Vec::new();
        let all_zero = calls.iter().all(|&c| match stored_before(c, s.param, o, Some(ty)) {
            Some((st, v)) if is_zero(v) => {
                stores.push(st);
                if let Some((ost, _)) = s.param_origin.and_then(|g| stored_before(c, g, o, None)) {
                    stores.push(ost);
                }
                true
            }
            _ => false,
        });
        if !all_zero {
            continue;
        }
        for l in loads.remove(&o).unwrap_or_default() {
            replace_with_zero(l);
        }
        for l in origin_loads.remove(&o).unwrap_or_default() {
            replace_with_zero(l);
        }
        // The callers' zeros stay where a callee of `f` reads them too.
        if passed & granules(o, layout.store_size(ty)) == 0 {
            for st in stores {
                unsafe { LLVMInstructionEraseFromParent(st) };
            }
        }
        changed.insert(f);
        proven += 1;
    }
    proven
}

extern "C" {
    /// `pass/src/shim.cpp`: gives `f` `n` more parameters of types `tys`;
    /// each of the `num_calls` calls (all of `f`'s uses) passes its
    /// `args[k * n .. k * n + n]`. `f` and the calls are replaced.
    fn umsan_append_params(f: V, tys: *mut LLVMTypeRef, n: u32, calls: *mut V, num_calls: u32, args: *mut V) -> V;
}

/// Shadows passed as arguments (see the module documentation): for each
/// closed function, the param slots that every call site stores right
/// before the call become extra parameters. Returns how many slots did.
pub fn shadow_arguments(m: LLVMModuleRef) -> usize {
    let Some(slots) = Slots::of(m) else { return 0 };
    let layout = ir::Layout::new(m);
    let mut handoff = Handoff::new(&slots, &layout);
    closed_with_calls(m).into_iter().map(|(f, calls)| shadow_params(f, &calls, &slots, &layout, &mut handoff)).sum()
}

/// One of umsan's runtime functions (`__umsan_*`): they leave the slots alone.
fn is_runtime_function(callee: V) -> bool {
    ir::is_function(callee) && {
        let mut len = 0;
        let p = unsafe { LLVMGetValueName2(callee, &mut len) };
        !p.is_null() && unsafe { std::slice::from_raw_parts(p as *const u8, len) }.starts_with(b"__umsan_")
    }
}

/// [`shadow_arguments`] for one function `f` called by `calls`.
fn shadow_params(f: V, calls: &[V], s: &Slots, layout: &ir::Layout, handoff: &mut Handoff) -> usize {
    let (param, param_origin) = (s.param, s.param_origin);
    unsafe {
        // Variadic functions: the extra arguments would land among the
        // variadic ones. byval arguments reach the slots through memcpy.
        // A musttail call requires the caller's prototype to match.
        if LLVMIsFunctionVarArg(LLVMGlobalGetValueType(f)) != 0 {
            return 0;
        }
    }
    let n = unsafe { LLVMCountParams(f) };
    if (0..n).any(|i| ir::param_type_attr(f, i, "byval").is_some()) || calls.iter().any(|&c| ir::is_musttail(c)) {
        return 0;
    }
    if ir::blocks(f).into_iter().any(|b| ir::instructions(b).into_iter().any(ir::is_musttail)) {
        return 0;
    }
    // Every load of a param slot in `f` reads what the caller stored there
    // (the same reasoning as for the slots proven clean in [`params`]).
    let Some(mut loads) = slot_loads(f, Some(param)) else { return 0 };
    // Slots a callee of `f` may read as `f` got them stay slots.
    let passed = handoff.passed_on(f, HANDOFF_DEPTH);
    // A slot neither `f` nor its callees read: the call sites' stores into
    // it (and into its origin slot, unless `f` reads that) are dead.
    let origin_loaded = slot_loads(f, param_origin);
    let mut dead = 0;
    for &c in calls {
        for (st, o, v) in stores_before(c, param).unwrap_or_default() {
            if !loads.contains_key(&o) && passed & granules(o, layout.store_size(unsafe { LLVMTypeOf(v) })) == 0 {
                unsafe { LLVMInstructionEraseFromParent(st) };
                dead += 1;
            }
        }
        if let (Some(g), Some(seen)) = (param_origin, &origin_loaded) {
            for (st, o, _) in stores_before(c, g).unwrap_or_default() {
                if !loads.contains_key(&o) && !seen.contains_key(&o) && passed & granules(o, 8) == 0 {
                    unsafe { LLVMInstructionEraseFromParent(st) };
                }
            }
        }
    }
    let mut offsets: Vec<u64> = loads.keys().copied().collect();
    offsets.sort_unstable();
    // Per slot moved: its type, its loads, per call the store and value,
    // and whether `f` hands the slot on.
    let mut moved: Vec<(LLVMTypeRef, Vec<V>, Vec<(V, V)>, bool)> = Vec::new();
    for o in offsets {
        let ty = unsafe { LLVMTypeOf(loads[&o][0]) };
        if loads[&o].iter().any(|&l| unsafe { LLVMTypeOf(l) } != ty) {
            continue;
        }
        let stores: Option<Vec<(V, V)>> = calls.iter().map(|&c| stored_before(c, param, o, Some(ty))).collect();
        if let Some(stores) = stores {
            let handed = passed & granules(o, layout.store_size(ty)) != 0;
            moved.push((ty, loads.remove(&o).unwrap_or_default(), stores, handed));
        }
    }
    if moved.is_empty() {
        return usize::from(dead > 0);
    }
    let mut tys: Vec<LLVMTypeRef> = moved.iter().map(|m| m.0).collect();
    let mut args: Vec<V> = Vec::with_capacity(calls.len() * moved.len());
    for k in 0..calls.len() {
        args.extend(moved.iter().map(|m| m.2[k].1));
    }
    let mut call_list = calls.to_vec();
    let nf = unsafe {
        umsan_append_params(f, tys.as_mut_ptr(), tys.len() as u32, call_list.as_mut_ptr(), calls.len() as u32, args.as_mut_ptr())
    };
    for (j, (_, slot_loads, stores, handed)) in moved.iter().enumerate() {
        let arg = unsafe { LLVMGetParam(nf, n + j as u32) };
        if *handed {
            // A callee reads the slot as `f` got it: `f` fills it itself,
            // first thing, as the callers did right before the call.
            unsafe {
                let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(nf)));
                LLVMPositionBuilderBefore(builder, ir::first_non_phi(LLVMGetEntryBasicBlock(nf)));
                let st = LLVMBuildStore(builder, arg, ir::operand(slot_loads[0], 0));
                LLVMSetAlignment(st, umsan_abi::PARAM_SLOT_ALIGN as u32);
                LLVMDisposeBuilder(builder);
            }
        }
        for &l in slot_loads {
            unsafe {
                LLVMReplaceAllUsesWith(l, arg);
                LLVMInstructionEraseFromParent(l);
            }
        }
        for &(st, _) in stores {
            unsafe { LLVMInstructionEraseFromParent(st) };
        }
    }
    moved.len()
}

/// Do the stores cover every byte of `[0, size)`?
fn covers(stores: &[(V, u64, V)], size: u64, layout: &ir::Layout) -> bool {
    let mut spans: Vec<(u64, u64)> =
        stores.iter().map(|&(_, o, v)| (o, o + layout.store_size(unsafe { LLVMTypeOf(v) }))).collect();
    spans.sort_unstable();
    let mut end = 0;
    for (lo, hi) in spans {
        if lo > end {
            break;
        }
        end = end.max(hi);
    }
    end >= size
}

/// The return-value half (see the module documentation).
fn returns(f: V, calls: &[V], s: &Slots, layout: &ir::Layout, changed: &mut HashSet<V>) -> usize {
    let ret_ty = unsafe { LLVMGetReturnType(LLVMGlobalGetValueType(f)) };
    if ir::type_kind(ret_ty) == llvm_sys::LLVMTypeKind::LLVMVoidTypeKind {
        return 0;
    }
    let ret_size = layout.store_size(ret_ty);
    let mut rets = 0;
    for b in ir::blocks(f) {
        let t = ir::terminator(b);
        if ir::opcode(t) != Op::LLVMRet {
            continue;
        }
        rets += 1;
        // Every store into the return slot before this `ret` stores zero,
        // and one of them covers offset 0.
        match stores_before(t, s.retval) {
            Some(st) if st.iter().all(|&(_, _, v)| is_zero(v)) && covers(&st, ret_size, layout) => {}
            _ => return 0,
        }
    }
    if rets == 0 {
        return 0;
    }
    let mut any = false;
    for &c in calls {
        // The caller's reads of the return slots, right after the call.
        let mut i = unsafe { LLVMGetNextInstruction(c) };
        let caller = ir::block_parent(ir::instruction_parent(c));
        while !i.is_null() && !(is_call(i) && !is_debug_intrinsic(i)) {
            let next = unsafe { LLVMGetNextInstruction(i) };
            if ir::opcode(i) == Op::LLVMLoad {
                let p = ir::operand(i, 0);
                let hit = slot_offset(p, s.retval).is_some()
                    || s.retval_origin.is_some_and(|g| slot_offset(p, g).is_some());
                if hit {
                    replace_with_zero(i);
                    changed.insert(caller);
                    any = true;
                }
            } else if ir::opcode(i) == Op::LLVMStore
                && (slot_offset(ir::operand(i, 1), s.retval).is_some()
                    || s.retval_origin.is_some_and(|g| slot_offset(ir::operand(i, 1), g).is_some()))
            {
                break;
            }
            i = next;
        }
    }
    usize::from(any)
}

#[cfg(test)]
mod tests {
    use super::*;
    use llvm_sys::analysis::{LLVMVerifierFailureAction, LLVMVerifyModule};
    use llvm_sys::ir_reader::LLVMParseIRInContext;

    /// Parses `text`, runs one round, prints the module back.
    fn round(text: &str) -> String {
        unsafe {
            let ctx = LLVMContextCreate();
            let buf = LLVMCreateMemoryBufferWithMemoryRangeCopy(text.as_ptr() as *const _, text.len(), c"t".as_ptr());
            let mut m = std::ptr::null_mut();
            let mut err = std::ptr::null_mut();
            assert_eq!(LLVMParseIRInContext(ctx, buf, &mut m, &mut err), 0, "{}", ir::c_str_lossy(err));
            run(m);
            let mut msg = std::ptr::null_mut();
            let broken = LLVMVerifyModule(m, LLVMVerifierFailureAction::LLVMReturnStatusAction, &mut msg);
            assert_eq!(broken, 0, "{}", ir::c_str_lossy(msg));
            let s = LLVMPrintModuleToString(m);
            let out = ir::c_str_lossy(s);
            LLVMDisposeMessage(s);
            LLVMDisposeModule(m);
            LLVMContextDispose(ctx);
            out
        }
    }

    /// A check in a loop body after the join of an earlier check of the
    /// same condition (as the clean-up leaves a vectorized loop) is dropped;
    /// a check on another branch, not dominated, stays.
    #[test]
    fn dominated_repeated_check_is_dropped() {
        let out = round(
            r#"
declare void @__umsan_warning(i32)
declare void @side()
define void @f(i64 %s, i1 %c) {
entry:
  %ok = icmp eq i64 %s, 0
  br label %loop
loop:
  call void @side()
  br i1 %ok, label %a, label %r1
r1:
  call void @__umsan_warning(i32 0)
  br label %a
a:
  br i1 %ok, label %b, label %r2
r2:
  call void @__umsan_warning(i32 0)
  br label %b
b:
  br i1 %c, label %loop, label %x
x:
  br i1 %c, label %y, label %z
y:
  br i1 %ok, label %done, label %r3
r3:
  call void @__umsan_warning(i32 0)
  br label %done
z:
  br label %done
done:
  ret void
}
"#,
        );
        assert!(out.contains("loop:                                             ; preds = %b, %entry\n  call void @side()\n  br i1 %ok, label %a, label %r1"), "{out}");
        assert!(out.contains("a:                                                ; preds = %r1, %loop\n  br label %b"), "{out}");
        // Dominated by the check in %loop too: dropped.
        assert!(out.contains("y:                                                ; preds = %x\n  br label %done"), "{out}");
        assert!(out.contains("define void @f") && out.contains("\"umsan-ipo-changed\""), "{out}");
    }

    /// A loop header's check of a value computed outside the loop (a
    /// parameter's shadow), after code that cannot be observed, moves to
    /// the preheader with what computes its condition; the report then
    /// enters the loop, whose phis get the preheader's values for it.
    #[test]
    fn invariant_check_moves_to_the_preheader() {
        let out = round(
            r#"
declare void @__umsan_warning(i32)
define i32 @f(ptr %p, i64 %s, i32 %n) {
entry:
  %go = icmp sgt i32 %n, 0
  br i1 %go, label %pre, label %exit
pre:
  br label %loop
loop:
  %i = phi i32 [ 0, %pre ], [ %i.next, %latch ]
  %t = phi i32 [ 0, %pre ], [ %t.next, %latch ]
  %sh = load i32, ptr %p, align 4
  %ok = icmp eq i64 %s, 0
  br i1 %ok, label %latch, label %r
r:
  call void @__umsan_warning(i32 7)
  br label %latch
latch:
  %t.next = add i32 %t, %sh
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  %res = phi i32 [ 0, %entry ], [ %t.next, %latch ]
  ret i32 %res
}
"#,
        );
        assert!(out.contains("pre:                                              ; preds = %entry\n  %ok = icmp eq i64 %s, 0\n  br i1 %ok, label %umsan.hoisted, label %r"), "{out}");
        assert!(out.contains("umsan.hoisted:                                    ; preds = %r, %pre\n  br label %loop"), "{out}");
        assert!(out.contains("%i = phi i32 [ 0, %umsan.hoisted ], [ %i.next, %latch ]"), "{out}");
        assert!(out.contains("%sh = load i32, ptr %p, align 4\n  br label %latch"), "{out}");
        assert!(out.contains("; preds = %pre\n  call void @__umsan_warning(i32 7)\n  br label %umsan.hoisted"), "{out}");
        assert!(out.contains("latch:                                            ; preds = %loop\n"), "{out}");
    }

    /// Every check a loop runs first, in order, moves: after the header's,
    /// the next one, past the cold block of a lazily loaded origin (a
    /// diamond that observes nothing); a check after a call stays.
    #[test]
    fn successive_invariant_checks_move_in_order() {
        let out = round(
            r#"
declare void @__umsan_warning(i32)
declare void @side()
define void @f(ptr %p, ptr %op, i64 %s1, i64 %s2, i64 %s3, i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %latch ]
  %ok1 = icmp eq i64 %s1, 0
  br i1 %ok1, label %a, label %r1
r1:
  call void @__umsan_warning(i32 1)
  br label %a
a:
  %sh = load i32, ptr %p, align 4
  %clean = icmp eq i32 %sh, 0
  br i1 %clean, label %b, label %cold
cold:
  %o = load i32, ptr %op, align 4
  br label %b
b:
  %org = phi i32 [ 0, %a ], [ %o, %cold ]
  %ok2 = icmp eq i64 %s2, 0
  br i1 %ok2, label %c, label %r2
r2:
  call void @__umsan_warning(i32 2)
  br label %c
c:
  call void @side()
  %ok3 = icmp eq i64 %s3, 0
  br i1 %ok3, label %latch, label %r3
r3:
  call void @__umsan_warning(i32 3)
  br label %latch
latch:
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}
"#,
        );
        // entry: check 1 -> hoisted: check 2 -> hoisted1 -> loop
        assert!(out.contains("entry:\n  %ok1 = icmp eq i64 %s1, 0\n  br i1 %ok1, label %umsan.hoisted, label %r1"), "{out}");
        assert!(out.contains("umsan.hoisted:                                    ; preds = %r1, %entry\n  %ok2 = icmp eq i64 %s2, 0\n  br i1 %ok2, label %umsan.hoisted1, label %r2"), "{out}");
        assert!(out.contains("umsan.hoisted1:                                   ; preds = %r2, %umsan.hoisted\n  br label %loop"), "{out}");
        assert!(out.contains("%org = phi i32 [ 0, %a ], [ %o, %cold ]\n  br label %c"), "{out}");
        assert!(out.contains("br i1 %ok3, label %latch, label %r3"), "{out}");
    }

    /// What the header does before its check must come first: a call, a
    /// store or a division keeps the check where it is, as does a
    /// condition computed from the iteration's values, and a preheader
    /// that may not enter the loop.
    #[test]
    fn observable_or_variant_checks_stay() {
        let body = |before: &str, cond: &str| {
            format!(
                r#"
declare void @__umsan_warning(i32)
declare void @side()
define void @f(ptr %p, i64 %s, i32 %d, i32 %n) {{
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %latch ]
  {before}
  {cond}
  br i1 %ok, label %latch, label %r
r:
  call void @__umsan_warning(i32 0)
  br label %latch
latch:
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret void
}}
"#
            )
        };
        let invariant = "%ok = icmp eq i64 %s, 0";
        for before in ["call void @side()", "store i32 0, ptr %p, align 4", "%q = sdiv i32 %n, %d"] {
            let out = round(&body(before, invariant));
            assert!(out.contains("br i1 %ok, label %latch, label %r"), "{before}: {out}");
            assert!(!out.contains("umsan-ipo-changed"), "{before}: {out}");
        }
        let out = round(&body("%w = zext i32 %i to i64", "%ok = icmp eq i64 %w, %s"));
        assert!(out.contains("br i1 %ok, label %latch, label %r"), "{out}");
        // The entry branches elsewhere too: no preheader.
        let out = round(&body("", invariant).replace("entry:\n  br label %loop", "entry:\n  %e = icmp eq i32 %n, 0\n  br i1 %e, label %exit, label %loop"));
        assert!(out.contains("br i1 %ok, label %latch, label %r"), "{out}");
    }

    /// A report block the clean-up shared between two checks (jump
    /// threading merges them, a phi picking the origin): when the dominated
    /// check is dropped, the phi loses that check's entry (tinyxml2's
    /// `XMLAttribute::ParseDeep` failed to verify before).
    #[test]
    fn dropped_check_leaves_the_report_phis_consistent() {
        let out = round(
            r#"
declare void @__umsan_warning(i32)
define void @h(i64 %s, i32 %x) {
entry:
  %ok = icmp eq i64 %s, 0
  br i1 %ok, label %a, label %r
a:
  %v = add i32 %x, 1
  br i1 %ok, label %done, label %r
r:
  %o = phi i32 [ 0, %entry ], [ %v, %a ]
  call void @__umsan_warning(i32 %o)
  br label %done
done:
  ret void
}
"#,
        );
        assert!(out.contains("a:                                                ; preds = %entry\n  %v = add i32 %x, 1\n  br label %done"), "{out}");
        assert!(out.contains("%o = phi i32 [ 0, %entry ]\n"), "{out}");
    }

    /// Checks on two branches do not dominate each other: both stay.
    #[test]
    fn sibling_checks_stay() {
        let out = round(
            r#"
declare void @__umsan_warning(i32)
define void @g(i64 %s, i1 %c) {
entry:
  %ok = icmp eq i64 %s, 0
  br i1 %c, label %l, label %r
l:
  br i1 %ok, label %done, label %r1
r1:
  call void @__umsan_warning(i32 0)
  br label %done
r:
  br i1 %ok, label %done, label %r2
r2:
  call void @__umsan_warning(i32 0)
  br label %done
done:
  ret void
}
"#,
        );
        assert_eq!(out.matches("br i1 %ok").count(), 2, "{out}");
        assert!(!out.contains("umsan-ipo-changed"), "{out}");
    }
}
