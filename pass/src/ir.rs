//! A thin layer over LLVM's C API (llvm-sys): the handful of queries and
//! builders the instrumentation needs, with Rust types and no `unsafe` at the
//! call sites. Every function here takes raw LLVM handles that belong to the
//! module being instrumented; they stay valid for the whole pass.

use llvm_sys::core::*;
use llvm_sys::prelude::*;
use llvm_sys::target::*;
use llvm_sys::{LLVMIntPredicate, LLVMOpcode, LLVMTypeKind};
use std::ffi::{CStr, CString};

pub type V = LLVMValueRef;
pub type T = LLVMTypeRef;
pub type B = LLVMBasicBlockRef;

/// An empty name for built values.
pub const NONAME: *const libc_char = c"".as_ptr();
#[allow(non_camel_case_types)]
type libc_char = std::ffi::c_char;

pub fn cstring(s: &str) -> CString {
    CString::new(s).expect("no NUL in LLVM names")
}

/// The name of a value (empty for unnamed values).
pub fn value_name(v: V) -> String {
    let mut len = 0usize;
    let p = unsafe { LLVMGetValueName2(v, &mut len) };
    if p.is_null() {
        return String::new();
    }
    let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, len) };
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn type_kind(t: T) -> LLVMTypeKind {
    unsafe { LLVMGetTypeKind(t) }
}

pub fn type_of(v: V) -> T {
    unsafe { LLVMTypeOf(v) }
}

pub fn int_width(t: T) -> u32 {
    unsafe { LLVMGetIntTypeWidth(t) }
}

pub fn vector_len(t: T) -> u32 {
    unsafe { LLVMGetVectorSize(t) }
}

pub fn element_type(t: T) -> T {
    unsafe { LLVMGetElementType(t) }
}

pub fn struct_fields(t: T) -> Vec<T> {
    let n = unsafe { LLVMCountStructElementTypes(t) };
    (0..n).map(|i| unsafe { LLVMStructGetTypeAtIndex(t, i) }).collect()
}

pub fn array_len(t: T) -> u64 {
    unsafe { LLVMGetArrayLength2(t) }
}

pub fn opcode(i: V) -> LLVMOpcode {
    unsafe { LLVMGetInstructionOpcode(i) }
}

pub fn num_operands(v: V) -> u32 {
    unsafe { LLVMGetNumOperands(v) as u32 }
}

pub fn operand(v: V, i: u32) -> V {
    unsafe { LLVMGetOperand(v, i) }
}

pub fn is_null(v: V) -> bool {
    v.is_null()
}

pub fn is_instruction(v: V) -> bool {
    !unsafe { LLVMIsAInstruction(v) }.is_null()
}

pub fn is_argument(v: V) -> bool {
    !unsafe { LLVMIsAArgument(v) }.is_null()
}

pub fn is_constant(v: V) -> bool {
    unsafe { LLVMIsConstant(v) != 0 }
}

/// Marks a call `notail`: it is never turned into a jump.
pub fn set_notail(call: V) {
    unsafe { LLVMSetTailCallKind(call, llvm_sys::LLVMTailCallKind::LLVMTailCallKindNoTail) }
}

pub fn is_undef_or_poison(v: V) -> bool {
    unsafe { LLVMIsUndef(v) != 0 || !LLVMIsAPoisonValue(v).is_null() }
}

pub fn is_function(v: V) -> bool {
    !unsafe { LLVMIsAFunction(v) }.is_null()
}

pub fn is_inline_asm(v: V) -> bool {
    !unsafe { LLVMIsAInlineAsm(v) }.is_null()
}

pub fn is_alloca(v: V) -> bool {
    !unsafe { LLVMIsAAllocaInst(v) }.is_null()
}

/// The object a pointer is an address inside of, through GEPs (any
/// indices: leaving the object is undefined behaviour) and pointer casts,
/// as instructions or constant expressions; integer round trips, phis and
/// selects stop the walk (what they give is returned).
pub fn underlying_object(mut p: V) -> V {
    use llvm_sys::LLVMOpcode as Op;
    for _ in 0..64 {
        let op = if unsafe { !LLVMIsAConstantExpr(p).is_null() } {
            unsafe { LLVMGetConstOpcode(p) }
        } else if is_instruction(p) {
            opcode(p)
        } else {
            return p;
        };
        if !matches!(op, Op::LLVMGetElementPtr | Op::LLVMBitCast | Op::LLVMAddrSpaceCast) {
            return p;
        }
        p = operand(p, 0);
    }
    p
}

/// A pointer into a global the program cannot write (`constant`: string
/// literals, `static const` tables): its bytes are initialized for the
/// whole run, and its shadow is never anything else.
pub fn points_into_read_only_global(p: V) -> bool {
    let o = underlying_object(p);
    unsafe { !LLVMIsAGlobalVariable(o).is_null() && LLVMIsGlobalConstant(o) != 0 }
}

pub fn const_int_value(v: V) -> Option<u64> {
    if unsafe { LLVMIsAConstantInt(v) }.is_null() {
        return None;
    }
    Some(unsafe { LLVMConstIntGetZExtValue(v) })
}

pub fn const_sext_value(v: V) -> Option<i64> {
    if unsafe { LLVMIsAConstantInt(v) }.is_null() {
        return None;
    }
    Some(unsafe { LLVMConstIntGetSExtValue(v) })
}

pub fn instruction_parent(i: V) -> B {
    unsafe { LLVMGetInstructionParent(i) }
}

pub fn block_parent(b: B) -> V {
    unsafe { LLVMGetBasicBlockParent(b) }
}

pub fn next_instruction(i: V) -> V {
    unsafe { LLVMGetNextInstruction(i) }
}

/// The instruction before which code that must run "right after" `i` goes:
/// the next instruction, or for an `invoke` (a terminator) the first
/// instruction of its normal destination that is not a phi. That block must
/// have the invoke's block as its only predecessor (see
/// [`split_invoke_normal_edges`]), so code there runs exactly when the
/// invoke returned normally.
pub fn after_point(i: V) -> V {
    if opcode(i) != LLVMOpcode::LLVMInvoke {
        return next_instruction(i);
    }
    let normal = unsafe { LLVMGetNormalDest(i) };
    first_non_phi(normal)
}

/// The first instruction of `b` that is not a phi (its terminator at worst).
pub fn first_non_phi(b: B) -> V {
    let mut i = first_instruction(b);
    while !i.is_null() && opcode(i) == LLVMOpcode::LLVMPHI {
        i = next_instruction(i);
    }
    i
}

/// Gives every `invoke` of `f` a normal destination of its own: when the
/// destination has other predecessors, the edge is split by a block that
/// only branches on (the phis of the destination name the new block).
/// Code that runs after the call (its return value's shadow, a model's
/// effect) then goes at the start of that block, on the normal edge only —
/// as after a `call` — and nothing runs on the unwind edge.
pub fn split_invoke_normal_edges(f: V) {
    use llvm_sys::debuginfo::{LLVMInstructionGetDebugLoc, LLVMInstructionSetDebugLoc};
    let ctx = unsafe { LLVMGetTypeContext(LLVMTypeOf(f)) };
    for bb in blocks(f) {
        let inv = terminator(bb);
        if inv.is_null() || opcode(inv) != LLVMOpcode::LLVMInvoke {
            continue;
        }
        let dest = unsafe { LLVMGetNormalDest(inv) };
        if single_predecessor(dest) == Some(bb) {
            continue;
        }
        unsafe {
            let mid = LLVMInsertBasicBlockInContext(ctx, dest, cstring("umsan.invoke.cont").as_ptr());
            let b = LLVMCreateBuilderInContext(ctx);
            LLVMPositionBuilderAtEnd(b, mid);
            let br = LLVMBuildBr(b, dest);
            LLVMInstructionSetDebugLoc(br, LLVMInstructionGetDebugLoc(inv));
            LLVMSetNormalDest(inv, mid);
            // Phis of `dest`: the incoming edge from `bb` now comes from `mid`.
            retarget_phi_edges(dest, bb, Some(mid));
            LLVMDisposeBuilder(b);
        }
    }
}

/// The phis of `dest` after its edges from `from` changed: their entries
/// for `from` name `to` instead, or are dropped when `to` is `None` (the
/// edge is gone; a phi left with no entry, in a block no edge reaches now,
/// becomes poison). No C API renames or removes an incoming block: each
/// phi is rebuilt.
pub fn retarget_phi_edges(dest: B, from: B, to: Option<B>) {
    use llvm_sys::debuginfo::{LLVMInstructionGetDebugLoc, LLVMInstructionSetDebugLoc};
    unsafe {
        let b = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(LLVMBasicBlockAsValue(dest))));
        let mut i = first_instruction(dest);
        while !i.is_null() && opcode(i) == LLVMOpcode::LLVMPHI {
            let next = next_instruction(i);
            let (mut vals, mut blocks): (Vec<V>, Vec<B>) = (0..LLVMCountIncoming(i))
                .filter_map(|k| {
                    let pred = LLVMGetIncomingBlock(i, k);
                    Some((LLVMGetIncomingValue(i, k), if pred == from { to? } else { pred }))
                })
                .unzip();
            let name = value_name(i);
            let new = if vals.is_empty() {
                LLVMGetPoison(type_of(i))
            } else {
                LLVMPositionBuilderBefore(b, i);
                let phi = LLVMBuildPhi(b, type_of(i), NONAME);
                LLVMAddIncoming(phi, vals.as_mut_ptr(), blocks.as_mut_ptr(), vals.len() as u32);
                LLVMInstructionSetDebugLoc(phi, LLVMInstructionGetDebugLoc(i));
                phi
            };
            LLVMReplaceAllUsesWith(i, new);
            LLVMInstructionEraseFromParent(i);
            if !vals.is_empty() {
                LLVMSetValueName2(new, name.as_ptr() as *const _, name.len());
            }
            i = next;
        }
        LLVMDisposeBuilder(b);
    }
}

/// The blocks whose terminators branch to `b` (each once per edge), as
/// the IR is now.
pub fn predecessors(b: B) -> Vec<B> {
    let mut out = Vec::new();
    unsafe {
        let mut u = LLVMGetFirstUse(LLVMBasicBlockAsValue(b));
        while !u.is_null() {
            let user = LLVMGetUser(u);
            if is_instruction(user) && !LLVMIsATerminatorInst(user).is_null() {
                out.push(instruction_parent(user));
            }
            u = LLVMGetNextUse(u);
        }
    }
    out
}

/// The only block branching to `b` (counting each edge), if there is one.
pub fn single_predecessor(b: B) -> Option<B> {
    let mut pred = None;
    unsafe {
        let mut u = LLVMGetFirstUse(LLVMBasicBlockAsValue(b));
        while !u.is_null() {
            let user = LLVMGetUser(u);
            if !is_instruction(user) || LLVMIsATerminatorInst(user).is_null() || pred.is_some() {
                return None;
            }
            pred = Some(instruction_parent(user));
            u = LLVMGetNextUse(u);
        }
    }
    pred
}

/// Does `a` come after `b` in their (common) block?
pub fn comes_after(a: V, b: V) -> bool {
    let mut i = b;
    loop {
        i = unsafe { LLVMGetNextInstruction(i) };
        if i.is_null() {
            return false;
        }
        if i == a {
            return true;
        }
    }
}

pub fn first_instruction(b: B) -> V {
    unsafe { LLVMGetFirstInstruction(b) }
}

pub fn terminator(b: B) -> V {
    unsafe { LLVMGetBasicBlockTerminator(b) }
}

pub fn instructions(b: B) -> Vec<V> {
    let mut out = Vec::new();
    let mut i = first_instruction(b);
    while !i.is_null() {
        out.push(i);
        i = next_instruction(i);
    }
    out
}

pub fn blocks(f: V) -> Vec<B> {
    let mut out = Vec::new();
    let mut b = unsafe { LLVMGetFirstBasicBlock(f) };
    while !b.is_null() {
        out.push(b);
        b = unsafe { LLVMGetNextBasicBlock(b) };
    }
    out
}

pub fn successors(term: V) -> Vec<B> {
    let n = unsafe { LLVMGetNumSuccessors(term) };
    (0..n).map(|i| unsafe { LLVMGetSuccessor(term, i) }).collect()
}

pub fn functions(m: LLVMModuleRef) -> Vec<V> {
    let mut out = Vec::new();
    let mut f = unsafe { LLVMGetFirstFunction(m) };
    while !f.is_null() {
        out.push(f);
        f = unsafe { LLVMGetNextFunction(f) };
    }
    out
}

pub fn params(f: V) -> Vec<V> {
    let n = unsafe { LLVMCountParams(f) };
    (0..n).map(|i| unsafe { LLVMGetParam(f, i) }).collect()
}

/// `private unnamed_addr constant [N x i8] c"text"` named `name`.
pub fn private_string(m: LLVMModuleRef, name: &str, text: &str) -> V {
    unsafe {
        let ctx = LLVMGetModuleContext(m);
        let init = LLVMConstStringInContext2(ctx, text.as_ptr() as *const _, text.len(), 0);
        let g = LLVMAddGlobal(m, LLVMTypeOf(init), cstring(name).as_ptr());
        LLVMSetInitializer(g, init);
        LLVMSetGlobalConstant(g, 1);
        LLVMSetLinkage(g, llvm_sys::LLVMLinkage::LLVMPrivateLinkage);
        LLVMSetUnnamedAddress(g, llvm_sys::LLVMUnnamedAddr::LLVMGlobalUnnamedAddr);
        g
    }
}

/// The distinct users of `v`, in use-list order.
pub fn users(v: V) -> Vec<V> {
    let mut out = Vec::new();
    unsafe {
        let mut u = LLVMGetFirstUse(v);
        while !u.is_null() {
            let user = LLVMGetUser(u);
            if !out.contains(&user) {
                out.push(user);
            }
            u = LLVMGetNextUse(u);
        }
    }
    out
}

/// Whether the module's code can only end up in an executable: clang sets
/// the module flag "PIE Level" for `-fPIE` (Debian's default) and
/// "PIC Level" alone for `-fPIC`; with neither the code is not
/// position-independent at all. Only `-fPIC` code may go into a shared
/// object.
pub fn module_is_executable_only(m: LLVMModuleRef) -> bool {
    let has = |key: &str| unsafe {
        !llvm_sys::core::LLVMGetModuleFlag(m, key.as_ptr() as *const _, key.len()).is_null()
    };
    has("PIE Level") || !has("PIC Level")
}

/// The calls and invokes that call `f` directly, when those are all its
/// uses; `None` when its address is taken (stored, passed, put in a table:
/// code may call it through that address).
pub fn direct_call_sites(f: V) -> Option<Vec<V>> {
    users(f)
        .into_iter()
        .map(|u| unsafe {
            let call = !LLVMIsACallInst(u).is_null() || !LLVMIsAInvokeInst(u).is_null();
            let direct = call && LLVMGetCalledValue(u) == f && (0..LLVMGetNumArgOperands(u)).all(|i| operand(u, i) != f);
            direct.then_some(u)
        })
        .collect()
}

/// A `call` marked `musttail` (an `invoke` never is one).
pub fn is_musttail(i: V) -> bool {
    opcode(i) == LLVMOpcode::LLVMCall
        && unsafe { llvm_sys::core::LLVMGetTailCallKind(i) == llvm_sys::LLVMTailCallKind::LLVMTailCallKindMustTail }
}

pub fn is_declaration(f: V) -> bool {
    unsafe { LLVMIsDeclaration(f) != 0 }
}

/// Reverse post-order of the blocks reachable from the entry: every block
/// comes after all of its dominators.
pub fn reverse_post_order(f: V) -> Vec<B> {
    let entry = unsafe { LLVMGetEntryBasicBlock(f) };
    let mut visited = std::collections::HashSet::new();
    let mut post = Vec::new();
    let mut stack: Vec<(B, Vec<B>)> = vec![(entry, successors(terminator(entry)))];
    visited.insert(entry);
    while let Some((b, succs)) = stack.last_mut() {
        if let Some(s) = succs.pop() {
            if visited.insert(s) {
                let t = terminator(s);
                let next = if t.is_null() { vec![] } else { successors(t) };
                stack.push((s, next));
            }
        } else {
            post.push(*b);
            stack.pop();
        }
    }
    post.reverse();
    post
}

pub fn icmp_predicate(i: V) -> LLVMIntPredicate {
    unsafe { LLVMGetICmpPredicate(i) }
}

/// The attribute kind id of an enum attribute, by name.
pub fn attr_kind(name: &str) -> u32 {
    unsafe { LLVMGetEnumAttributeKindForName(name.as_ptr() as *const _, name.len()) }
}

pub fn function_has_attr(f: V, name: &str) -> bool {
    let kind = attr_kind(name);
    !unsafe { LLVMGetEnumAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, kind) }.is_null()
}

/// Does the function carry the string attribute `key`?
pub fn function_has_string_attr(f: V, key: &str) -> bool {
    !unsafe {
        LLVMGetStringAttributeAtIndex(f, llvm_sys::LLVMAttributeFunctionIndex, key.as_ptr() as *const _, key.len() as u32)
    }
    .is_null()
}

/// Does the call carry the enum attribute `name` at `index` (0 = return
/// value, i + 1 = argument i)? Attributes of the called function count too.
pub fn call_has_attr(call: V, index: u32, name: &str) -> bool {
    let kind = attr_kind(name);
    unsafe {
        if !LLVMGetCallSiteEnumAttribute(call, index, kind).is_null() {
            return true;
        }
        let f = LLVMGetCalledValue(call);
        is_function(f) && !LLVMGetEnumAttributeAtIndex(f, index, kind).is_null()
    }
}

/// The size a call promises is there behind pointer argument `arg`:
/// `dereferenceable(N)` (clang's mark of C++ references and `this`), on
/// the call or the callee. (Not `dereferenceable_or_null`: the pointer
/// may be null.)
pub fn call_arg_dereferenceable(call: V, arg: u32) -> Option<u64> {
    let index = arg + 1;
    unsafe {
        let f = LLVMGetCalledValue(call);
        let kind = attr_kind("dereferenceable");
        let mut a = LLVMGetCallSiteEnumAttribute(call, index, kind);
        if a.is_null() && is_function(f) {
            a = LLVMGetEnumAttributeAtIndex(f, index, kind);
        }
        (!a.is_null()).then(|| LLVMGetEnumAttributeValue(a)).filter(|&n| n > 0)
    }
}

/// The type carried by a type attribute (`byval(<ty>)`) of a call argument.
pub fn call_arg_type_attr(call: V, arg: u32, name: &str) -> Option<T> {
    let kind = attr_kind(name);
    let a = unsafe { LLVMGetCallSiteEnumAttribute(call, arg + 1, kind) };
    if a.is_null() {
        None
    } else {
        Some(unsafe { LLVMGetTypeAttributeValue(a) })
    }
}

/// The type carried by a type attribute of a function parameter.
pub fn param_type_attr(f: V, arg: u32, name: &str) -> Option<T> {
    let kind = attr_kind(name);
    let a = unsafe { LLVMGetEnumAttributeAtIndex(f, arg + 1, kind) };
    if a.is_null() {
        None
    } else {
        Some(unsafe { LLVMGetTypeAttributeValue(a) })
    }
}

/// The `align` attribute of a call's argument `arg` (1 when it has none).
pub fn call_param_align(call: V, arg: u32) -> u64 {
    let a = unsafe { LLVMGetCallSiteEnumAttribute(call, arg + 1, attr_kind("align")) };
    if a.is_null() {
        1
    } else {
        unsafe { LLVMGetEnumAttributeValue(a) }.max(1)
    }
}

/// Data layout queries for one module.
pub struct Layout {
    td: LLVMTargetDataRef,
}

impl Layout {
    pub fn new(m: LLVMModuleRef) -> Self {
        Layout { td: unsafe { LLVMGetModuleDataLayout(m) } }
    }
    /// Bytes the type occupies in memory including tail padding (alloca size).
    pub fn alloc_size(&self, t: T) -> u64 {
        unsafe { LLVMABISizeOfType(self.td, t) }
    }
    /// Bytes a load or store of the type touches.
    pub fn store_size(&self, t: T) -> u64 {
        unsafe { LLVMStoreSizeOfType(self.td, t) }
    }
    pub fn bits(&self, t: T) -> u64 {
        unsafe { LLVMSizeOfTypeInBits(self.td, t) }
    }
    /// Byte offset of field `i` in the struct type `t`.
    pub fn offset_of_element(&self, t: T, i: u32) -> u64 {
        unsafe { LLVMOffsetOfElement(self.td, t, i) }
    }
    pub fn abi_align(&self, t: T) -> u32 {
        unsafe { LLVMABIAlignmentOfType(self.td, t) }
    }
}

/// The name an intrinsic function is declared with (`llvm.memcpy.p0.p0.i64`),
/// or `None` for a non-intrinsic.
pub fn intrinsic_name(f: V) -> Option<String> {
    if f.is_null() || !is_function(f) {
        return None;
    }
    let id = unsafe { LLVMGetIntrinsicID(f) };
    if id == 0 {
        return None;
    }
    Some(value_name(f))
}

pub fn c_str_lossy(p: *const libc_char) -> String {
    if p.is_null() {
        return String::new();
    }
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// The predecessors of each of `blocks` among `blocks` (one entry per
/// edge).
pub fn predecessor_map(blocks: &[B]) -> std::collections::HashMap<B, Vec<B>> {
    let mut preds: std::collections::HashMap<B, Vec<B>> = std::collections::HashMap::new();
    for &b in blocks {
        let t = terminator(b);
        if t.is_null() {
            continue;
        }
        for s in successors(t) {
            preds.entry(s).or_default().push(b);
        }
    }
    preds
}

/// The natural loop headed by `header`: the blocks from which one of its
/// back edges (an edge from a block `header` dominates) is reached without
/// passing `header`, and `header` itself. `None` if no back edge enters it.
pub fn natural_loop(
    header: B,
    doms: &Dominators,
    preds: &std::collections::HashMap<B, Vec<B>>,
) -> Option<std::collections::HashSet<B>> {
    let none: &[B] = &[];
    let latches: Vec<B> = preds
        .get(&header)
        .map_or(none, Vec::as_slice)
        .iter()
        .copied()
        .filter(|&p| doms.dominates(header, p))
        .collect();
    if latches.is_empty() {
        return None;
    }
    let mut body: std::collections::HashSet<B> = std::collections::HashSet::from([header]);
    let mut work = latches;
    while let Some(b) = work.pop() {
        if body.insert(b) {
            work.extend(preds.get(&b).map_or(none, Vec::as_slice).iter().copied());
        }
    }
    Some(body)
}

/// The dominator tree of a function's reachable blocks (Cooper, Harvey and
/// Kennedy's iterative algorithm over reverse post-order).
pub struct Dominators {
    /// Immediate dominator of each block (the entry maps to itself).
    idom: std::collections::HashMap<B, B>,
    /// Position of each block in reverse post-order.
    rpo_index: std::collections::HashMap<B, usize>,
}

impl Dominators {
    pub fn new(rpo: &[B]) -> Self {
        use std::collections::HashMap;
        let rpo_index: HashMap<B, usize> = rpo.iter().enumerate().map(|(i, &b)| (b, i)).collect();
        let preds = predecessor_map(rpo);
        let mut idom: HashMap<B, B> = HashMap::new();
        let Some(&entry) = rpo.first() else { return Dominators { idom, rpo_index } };
        idom.insert(entry, entry);
        let intersect = |idom: &HashMap<B, B>, mut a: B, mut b: B| {
            while a != b {
                while rpo_index[&a] > rpo_index[&b] {
                    a = idom[&a];
                }
                while rpo_index[&b] > rpo_index[&a] {
                    b = idom[&b];
                }
            }
            a
        };
        let mut changed = true;
        while changed {
            changed = false;
            for &b in &rpo[1..] {
                let mut new_idom: Option<B> = None;
                for &p in preds.get(&b).map(Vec::as_slice).unwrap_or(&[]) {
                    if !idom.contains_key(&p) {
                        continue;
                    }
                    new_idom = Some(match new_idom {
                        None => p,
                        Some(cur) => intersect(&idom, p, cur),
                    });
                }
                if let Some(n) = new_idom {
                    if idom.get(&b) != Some(&n) {
                        idom.insert(b, n);
                        changed = true;
                    }
                }
            }
        }
        Dominators { idom, rpo_index }
    }

    /// Does block `a` dominate block `b` (every block dominates itself)?
    pub fn dominates(&self, a: B, mut b: B) -> bool {
        if !self.rpo_index.contains_key(&a) || !self.rpo_index.contains_key(&b) {
            return false;
        }
        loop {
            if a == b {
                return true;
            }
            let up = self.idom[&b];
            if up == b {
                return false;
            }
            b = up;
        }
    }
}
