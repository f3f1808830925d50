//! How much memory an uninstrumented C++ *complete-object constructor*
//! (Itanium `C1`) writes through `this`.
//!
//! After a call into code umsan did not compile, the object behind a `this`
//! or reference argument counts as written: its `dereferenceable(N)` bytes
//! (see `visit_call.rs`, `unpoison_escaped`). For `this`, clang promises only
//! the *non-virtual* size (a constructor may build a base subobject), but a
//! complete-object constructor also builds the virtual bases, which lie
//! beyond: `std::stringstream` is 392 bytes with `this` dereferenceable(128),
//! its `std::basic_ios` (width, flags, locale) past that. The rule here:
//! an uninstrumented `C1` constructor writes `sizeof` its class, taken from
//!
//! 1. where `this` comes from, before optimization erases the types
//!    (prepare step, [`mark_complete_objects`]): a member (a struct GEP's
//!    field type), an element of an array (a GEP over the element type), a
//!    local (`alloca`), a global, the block of a constant `operator new(N)`
//!    — recorded as the call's attribute `"umsan-object-size"`, which
//!    inlining keeps;
//! 2. failing that, the class's own complete type in the module, found by
//!    the name clang gives it (`class.std::__cxx11::basic_stringstream`),
//!    when the module has exactly one size under that name (placement new
//!    through a pointer parameter: `std::vector<std::stringstream>`);
//! 3. failing that, after optimization ([`complete_object_size`]): `this`
//!    at a constant offset into a constant `operator new(N)` block (a
//!    `std::make_shared` control block): the rest of the block.
//!
//! The object is then cleaned exactly (not the whole local it lies in), so
//! members constructed later — or never — stay uninitialized.

use crate::ir::{self, Layout, T, V};
use llvm_sys::core::*;
use llvm_sys::{LLVMOpcode as Op, LLVMTypeKind as K};
use std::collections::HashMap;

/// String attribute `"umsan-object-size"="N"` on a call of a
/// complete-object constructor: the object behind `this` is N bytes. (An
/// attribute, not metadata: the inliner keeps a call site's attributes when
/// it turns an inlined call into an `invoke`, not its metadata.)
const OBJECT_SIZE_ATTR: &str = "umsan-object-size";

/// An Itanium complete-object constructor: `_ZN…C1E…` (also `C1I` with
/// template arguments, `C1B` with an ABI tag).
pub fn is_complete_object_ctor(name: &str) -> bool {
    name.starts_with("_ZN") && ["C1E", "C1I", "C1B"].iter().any(|m| name.contains(m))
}

/// Prepare step (every optimization level): records on each call of a
/// complete-object constructor the size of the object it builds, where the
/// unoptimized IR says it (rules 1 and 2 of the module docs). Defined ones
/// too: libstdc++'s stream constructors are `available_externally` here
/// and declarations by the time the instrumentation runs.
pub fn mark_complete_objects(module: llvm_sys::prelude::LLVMModuleRef) {
    let layout = Layout::new(module);
    let ctx = unsafe { LLVMGetModuleContext(module) };
    let mut by_name: Option<HashMap<String, Vec<u64>>> = None;
    for f in ir::functions(module) {
        if ir::is_declaration(f) {
            continue;
        }
        for bb in ir::blocks(f) {
            for inst in ir::instructions(bb) {
                if !matches!(ir::opcode(inst), Op::LLVMCall | Op::LLVMInvoke) {
                    continue;
                }
                let callee = unsafe { LLVMGetCalledValue(inst) };
                if !ir::is_function(callee) {
                    continue;
                }
                let name = ir::value_name(callee);
                if !is_complete_object_ctor(&name) || unsafe { LLVMGetNumArgOperands(inst) } == 0 {
                    continue;
                }
                let size = object_size(&layout, ir::operand(inst, 0), 0).or_else(|| {
                    let types = by_name.get_or_insert_with(|| class_sizes(module, &layout));
                    class_size_by_name(types, &name)
                });
                if let Some(n) = size.filter(|&n| n > 0) {
                    let v = n.to_string();
                    unsafe {
                        let a = LLVMCreateStringAttribute(
                            ctx,
                            OBJECT_SIZE_ATTR.as_ptr() as *const _,
                            OBJECT_SIZE_ATTR.len() as u32,
                            v.as_ptr() as *const _,
                            v.len() as u32,
                        );
                        LLVMAddCallSiteAttribute(inst, llvm_sys::LLVMAttributeFunctionIndex, a);
                    }
                }
            }
        }
    }
}

/// The size of the object an uninstrumented complete-object constructor
/// call builds at its argument 0, if known: the prepare step's mark, else
/// the rest of a constant `operator new(N)` block `this` points into.
pub fn complete_object_size(layout: &Layout, call: V) -> Option<u64> {
    let callee = unsafe { LLVMGetCalledValue(call) };
    if !ir::is_function(callee) || !is_complete_object_ctor(&ir::value_name(callee)) {
        return None;
    }
    let a = unsafe {
        LLVMGetCallSiteStringAttribute(
            call,
            llvm_sys::LLVMAttributeFunctionIndex,
            OBJECT_SIZE_ATTR.as_ptr() as *const _,
            OBJECT_SIZE_ATTR.len() as u32,
        )
    };
    if !a.is_null() {
        let mut len = 0u32;
        let p = unsafe { LLVMGetStringAttributeValue(a, &mut len) };
        let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, len as usize) };
        if let Some(n) = std::str::from_utf8(bytes).ok().and_then(|v| v.parse().ok()) {
            return Some(n);
        }
    }
    let (block, offset) = strip_constant_offsets(layout, ir::operand(call, 0))?;
    new_block_size(block)?.checked_sub(offset).filter(|&n| n > 0)
}

/// `p` as a base pointer plus a constant byte offset (casts and
/// constant-index GEPs stripped).
fn strip_constant_offsets(layout: &Layout, mut p: V) -> Option<(V, u64)> {
    let mut offset = 0u64;
    for _ in 0..16 {
        if !ir::is_instruction(p) {
            return Some((p, offset));
        }
        match ir::opcode(p) {
            Op::LLVMBitCast | Op::LLVMAddrSpaceCast => p = ir::operand(p, 0),
            Op::LLVMGetElementPtr => {
                let mut ty = unsafe { LLVMGetGEPSourceElementType(p) };
                for k in 1..ir::num_operands(p) {
                    let idx = ir::const_sext_value(ir::operand(p, k))?;
                    if k == 1 {
                        offset = offset.wrapping_add((idx as u64).wrapping_mul(layout.alloc_size(ty)));
                    } else if ir::type_kind(ty) == K::LLVMStructTypeKind {
                        offset = offset.wrapping_add(layout.offset_of_element(ty, idx as u32));
                        ty = unsafe { LLVMStructGetTypeAtIndex(ty, idx as u32) };
                    } else if ir::type_kind(ty) == K::LLVMArrayTypeKind {
                        ty = ir::element_type(ty);
                        offset = offset.wrapping_add((idx as u64).wrapping_mul(layout.alloc_size(ty)));
                    } else {
                        return None;
                    }
                }
                p = ir::operand(p, 0);
            }
            _ => return Some((p, offset)),
        }
    }
    None
}

/// N for the result of a call of `operator new(N)` / `new[](N)` (any
/// variant, or the runtime's wrapper of it) with a constant N.
fn new_block_size(p: V) -> Option<u64> {
    if !ir::is_instruction(p) || !matches!(ir::opcode(p), Op::LLVMCall | Op::LLVMInvoke) {
        return None;
    }
    let alloc = unsafe { LLVMGetCalledValue(p) };
    if !ir::is_function(alloc) {
        return None;
    }
    let name = ir::value_name(alloc);
    let op = name.strip_prefix("__umsan").unwrap_or(&name);
    if !(op.starts_with("_Znwm") || op.starts_with("_Znam")) {
        return None;
    }
    ir::const_int_value(ir::operand(p, 0))
}

/// The size of the complete object at `p` from the unoptimized IR's types
/// (rule 1 of the module docs).
fn object_size(layout: &Layout, p: V, depth: u32) -> Option<u64> {
    if depth > 8 {
        return None;
    }
    if let Some(n) = new_block_size(p) {
        return Some(n);
    }
    if !ir::is_instruction(p) {
        if unsafe { !LLVMIsAGlobalVariable(p).is_null() } {
            return Some(layout.alloc_size(unsafe { LLVMGlobalGetValueType(p) }));
        }
        return None;
    }
    match ir::opcode(p) {
        Op::LLVMBitCast | Op::LLVMAddrSpaceCast => object_size(layout, ir::operand(p, 0), depth + 1),
        Op::LLVMAlloca => {
            let count = ir::const_int_value(ir::operand(p, 0))?;
            let ty = class_object_type(unsafe { LLVMGetAllocatedType(p) })?;
            Some(layout.alloc_size(ty) * count)
        }
        Op::LLVMGetElementPtr => gep_result_type(p).and_then(class_object_type).map(|t| layout.alloc_size(t)),
        Op::LLVMPHI => {
            // An array's construction loop: the start and `cur + 1` (a GEP
            // over the element type) agree; unknown incoming values (the
            // start past a `new[]` cookie) do not count against it.
            let n = unsafe { LLVMCountIncoming(p) };
            let mut size = None;
            for k in 0..n {
                let v = unsafe { LLVMGetIncomingValue(p, k) };
                if v == p {
                    continue;
                }
                match (size, object_size(layout, v, depth + 1)) {
                    (_, None) => {}
                    (None, s) => size = s,
                    (Some(a), Some(b)) if a == b => {}
                    _ => return None,
                }
            }
            size
        }
        _ => None,
    }
}

/// The type a GEP's result points to (its source element type indexed by
/// every index after the first), when the indices into structs are
/// constant.
fn gep_result_type(gep: V) -> Option<T> {
    let mut ty = unsafe { LLVMGetGEPSourceElementType(gep) };
    for k in 2..ir::num_operands(gep) {
        ty = match ir::type_kind(ty) {
            K::LLVMStructTypeKind => {
                let idx = ir::const_int_value(ir::operand(gep, k))?;
                unsafe { LLVMStructGetTypeAtIndex(ty, idx as u32) }
            }
            K::LLVMArrayTypeKind => ir::element_type(ty),
            _ => return None,
        };
    }
    Some(ty)
}

/// The class type an object of type `ty` starts with: `ty` itself for a
/// struct, the element for an array of structs; `None` for bytes and
/// scalars (a byte-offset GEP, a `char` buffer says nothing about sizes).
fn class_object_type(mut ty: T) -> Option<T> {
    while ir::type_kind(ty) == K::LLVMArrayTypeKind {
        ty = ir::element_type(ty);
    }
    (ir::type_kind(ty) == K::LLVMStructTypeKind).then_some(ty)
}

/// Sizes of the module's named struct types by name without clang's
/// `.N` disambiguation suffix (`class.std::vector.5` → `class.std::vector`),
/// collected from every type the module's globals, allocas and GEPs use.
fn class_sizes(module: llvm_sys::prelude::LLVMModuleRef, layout: &Layout) -> HashMap<String, Vec<u64>> {
    let mut seen: Vec<T> = Vec::new();
    let mut work: Vec<T> = Vec::new();
    unsafe {
        let mut g = LLVMGetFirstGlobal(module);
        while !g.is_null() {
            work.push(LLVMGlobalGetValueType(g));
            g = LLVMGetNextGlobal(g);
        }
    }
    for f in ir::functions(module) {
        for bb in ir::blocks(f) {
            for i in ir::instructions(bb) {
                match ir::opcode(i) {
                    Op::LLVMAlloca => work.push(unsafe { LLVMGetAllocatedType(i) }),
                    Op::LLVMGetElementPtr => work.push(unsafe { LLVMGetGEPSourceElementType(i) }),
                    _ => {}
                }
            }
        }
    }
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    while let Some(ty) = work.pop() {
        match ir::type_kind(ty) {
            K::LLVMArrayTypeKind => work.push(ir::element_type(ty)),
            K::LLVMStructTypeKind if !seen.contains(&ty) => {
                seen.push(ty);
                work.extend(ir::struct_fields(ty));
                let name = unsafe { LLVMGetStructName(ty) };
                if name.is_null() || unsafe { LLVMIsOpaqueStruct(ty) } != 0 {
                    continue;
                }
                let name = ir::c_str_lossy(name);
                let base = match name.rsplit_once('.') {
                    Some((b, n)) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => b.to_string(),
                    _ => name,
                };
                let sizes = out.entry(base).or_default();
                let n = layout.alloc_size(ty);
                if !sizes.contains(&n) {
                    sizes.push(n);
                }
            }
            _ => {}
        }
    }
    out
}

/// Rule 2: the size of the class a complete-object constructor `ctor`
/// (mangled) builds, from the module's types named like it, when they
/// agree on one size.
fn class_size_by_name(types: &HashMap<String, Vec<u64>>, ctor: &str) -> Option<u64> {
    let path = ctor_class_path(ctor)?.join("::");
    let mut found = ["class.", "struct."].iter().filter_map(|k| types.get(&format!("{k}{path}")));
    let sizes = found.next()?;
    (found.next().is_none() && sizes.len() == 1).then(|| sizes[0])
}

/// The qualified name clang gives the class of a mangled complete-object
/// constructor, without template arguments (`_ZNSt7__cxx1118basic_
/// stringstreamIcSt11char_traitsIcESaIcEEC1Ev` → `std`, `__cxx11`,
/// `basic_stringstream`); `None` for anything but a plain nested name
/// (local, anonymous-namespace or templated enclosing classes).
fn ctor_class_path(name: &str) -> Option<Vec<String>> {
    let s = name.strip_prefix("_ZN")?.as_bytes();
    let mut i = 0;
    let mut path = Vec::new();
    if s.starts_with(b"St") {
        path.push("std".to_string());
        i = 2;
    }
    loop {
        match *s.get(i)? {
            b'0'..=b'9' => {
                let (id, next) = source_name(s, i)?;
                if id.starts_with("_GLOBAL__") {
                    return None;
                }
                path.push(id);
                i = next;
            }
            b'I' => {
                i = skip_template_args(s, i)?;
                return s[i..].starts_with(b"C1").then_some(path).filter(|p| !p.is_empty());
            }
            b'C' if s[i..].starts_with(b"C1") => return (!path.is_empty()).then_some(path),
            _ => return None,
        }
    }
}

/// An Itanium `<source-name>` (`<length><identifier>`) at `i`.
fn source_name(s: &[u8], mut i: usize) -> Option<(String, usize)> {
    let start = i;
    while s.get(i)?.is_ascii_digit() {
        i += 1;
    }
    let len: usize = std::str::from_utf8(&s[start..i]).ok()?.parse().ok()?;
    let id = s.get(i..i + len)?;
    Some((String::from_utf8_lossy(id).into_owned(), i + len))
}

/// Skips the `I … E` template arguments at `i`; `None` where the
/// arguments hold anything this simple reader cannot delimit.
fn skip_template_args(s: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0u32;
    loop {
        match *s.get(i)? {
            b'I' | b'N' | b'J' => {
                depth += 1;
                i += 1;
            }
            b'E' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'0'..=b'9' => i = source_name(s, i)?.1,
            b'L' => {
                // A literal `L <type> <value> E`; not a mangled name.
                if s.get(i + 1) == Some(&b'_') {
                    return None;
                }
                i += s[i..].iter().position(|&c| c == b'E')? + 1;
            }
            b'S' if matches!(s.get(i + 1), Some(b't' | b'a' | b'b' | b's' | b'i' | b'o' | b'd')) => i += 2,
            b'S' | b'T' => i += s[i..].iter().position(|&c| c == b'_')? + 1,
            b'D' if matches!(s.get(i + 1), Some(b'n' | b'i' | b's' | b'u' | b'a' | b'c' | b'f' | b'h' | b'd' | b'e')) => {
                i += 2
            }
            b'a'..=b'z' | b'K' | b'V' | b'P' | b'R' | b'O' => i += 1,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_paths() {
        let p = ctor_class_path("_ZNSt7__cxx1118basic_stringstreamIcSt11char_traitsIcESaIcEEC1Ev");
        assert_eq!(p.unwrap(), ["std", "__cxx11", "basic_stringstream"]);
        assert_eq!(ctor_class_path("_ZN3foo3BarC1Ei").unwrap(), ["foo", "Bar"]);
        assert_eq!(ctor_class_path("_ZN3FooILi3EEC1Ev").unwrap(), ["Foo"]);
        // The class of a class template's member class: its own name is not
        // the last component before the arguments.
        assert_eq!(ctor_class_path("_ZN3FooIiE3BarC1Ev"), None);
        assert_eq!(ctor_class_path("_ZN12_GLOBAL__N_13FooC1Ev"), None);
        assert_eq!(ctor_class_path("_ZN3FooD1Ev"), None);
    }
}
