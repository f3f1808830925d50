//! Function models: functions that behave like a memory copy (or move bytes
//! in or out of the program) in ways the compiler cannot see. Their effect on
//! shadow is applied at every call site; their bodies are never instrumented.
//!
//! Models come from three sources, merged into one table by name:
//! - `UMSAN_MEMCPY_LIKE` / `UMSAN_COPY_OUT` / `UMSAN_COPY_IN` annotations in
//!   the translation unit (`umsan:<effect>:<dst>:<src>:<len>:<ret>` strings in
//!   `@llvm.global.annotations`);
//! - TOML files given with `-fumsan-config=` (interface.md, section 3);
//! - the model library shipped with umsan (`configs/*.toml`, compiled into
//!   the pass), which applies only to functions this module does not define.
//!
//! Two different models for one name are an error naming both places.

use crate::ir::{self, V};
use llvm_sys::core::*;
use llvm_sys::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// What a modelled function does to memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// `dst[0..k)` takes the metadata of `src[0..k)`.
    MemcpyLike,
    /// `src[0..k)` leaves the program: it must be initialized.
    CopyOut,
    /// `dst[0..k)` arrives from outside: it becomes initialized.
    CopyIn,
}

/// How the number `k` of transferred bytes follows from the return value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ret {
    /// All `len` bytes.
    None,
    /// The function returns the bytes NOT transferred: `k = len - ret`.
    Remaining,
    /// The function returns the bytes transferred: `k = ret`.
    Copied,
}

/// One function's model; indices are 0-based parameter positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub effect: Effect,
    pub dst: Option<u32>,
    pub src: Option<u32>,
    pub len: u32,
    pub ret: Ret,
}

/// Where a model was declared, for error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub model: Model,
    pub origin: Origin,
    /// From the shipped library: applies to external functions only.
    pub library: bool,
}

/// All models known while instrumenting one module, by function name.
#[derive(Default, Debug)]
pub struct Models {
    by_name: HashMap<String, Entry>,
}

/// The model library shipped with umsan.
const LIBRARY: &[(&str, &str)] = &[("configs/libc.toml", include_str!("../../configs/libc.toml"))];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    function: Vec<toml::Spanned<TomlEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    name: String,
    effect: Effect,
    dst: Option<u32>,
    src: Option<u32>,
    len: u32,
    ret: Ret,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

impl Model {
    /// Checks that the effect has exactly the indices it needs.
    fn new(effect: Effect, dst: Option<u32>, src: Option<u32>, len: u32, ret: Ret) -> Result<Model, String> {
        let (needs_dst, needs_src) = match effect {
            Effect::MemcpyLike => (true, true),
            Effect::CopyOut => (false, true),
            Effect::CopyIn => (true, false),
        };
        let name = match effect {
            Effect::MemcpyLike => "memcpy_like",
            Effect::CopyOut => "copy_out",
            Effect::CopyIn => "copy_in",
        };
        for (what, needed, given) in [("dst", needs_dst, dst.is_some()), ("src", needs_src, src.is_some())] {
            if needed && !given {
                return Err(format!("effect \"{name}\" needs `{what}`"));
            }
            if !needed && given {
                return Err(format!("effect \"{name}\" takes no `{what}`"));
            }
        }
        Ok(Model { effect, dst, src, len, ret })
    }

    /// Every parameter index with its role.
    pub fn indices(&self) -> impl Iterator<Item = (&'static str, u32)> {
        [("dst", self.dst), ("src", self.src), ("len", Some(self.len))]
            .into_iter()
            .filter_map(|(n, i)| i.map(|i| (n, i)))
    }
}

impl Models {
    pub fn get(&self, name: &str) -> Option<&Model> {
        self.by_name.get(name).map(|e| &e.model)
    }

    /// The model that applies to calls of `f`: library models only for
    /// functions the module does not define.
    pub fn for_function(&self, f: V) -> Option<&Model> {
        let e = self.by_name.get(&ir::value_name(f))?;
        if e.library && !ir::is_declaration(f) {
            return None;
        }
        Some(&e.model)
    }

    fn add(&mut self, name: String, entry: Entry) -> Result<(), String> {
        if let Some(old) = self.by_name.get(&name) {
            if old.model == entry.model {
                return Ok(());
            }
            if old.library && !entry.library {
                // A user model overrides the shipped library.
                self.by_name.insert(name, entry);
                return Ok(());
            }
            return Err(format!(
                "{}: function '{name}' is modelled differently here than at {}",
                entry.origin, old.origin
            ));
        }
        self.by_name.insert(name, entry);
        Ok(())
    }

    /// Parses one TOML model file's text.
    pub fn add_toml(&mut self, file: &str, text: &str, library: bool) -> Result<(), String> {
        let parsed: TomlFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            format!("{file}:{line}: {}", e.message().trim_end())
        })?;
        for spanned in parsed.function {
            let line = line_of(text, spanned.span().start);
            let origin = Origin { file: file.to_string(), line };
            let e = spanned.into_inner();
            let model = Model::new(e.effect, e.dst, e.src, e.len, e.ret)
                .map_err(|m| format!("{origin}: function '{}': {m}", e.name))?;
            self.add(e.name, Entry { model, origin, library })?;
        }
        Ok(())
    }

    pub fn add_toml_file(&mut self, path: &Path) -> Result<(), String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read model file {}: {e}", path.display()))?;
        self.add_toml(&path.display().to_string(), &text, false)
    }

    /// Parses one annotation string (`umsan:memcpy_like:0:1:2:remaining`).
    pub fn add_annotation(&mut self, name: &str, text: &str, origin: Origin) -> Result<(), String> {
        let fail = |m: &str| format!("{origin}: annotation \"{text}\" on '{name}': {m}");
        let parts: Vec<&str> = text.split(':').collect();
        if parts.len() != 6 || parts[0] != "umsan" {
            return Err(fail("expected umsan:<effect>:<dst>:<src>:<len>:<ret>"));
        }
        let effect = match parts[1] {
            "memcpy_like" => Effect::MemcpyLike,
            "copy_out" => Effect::CopyOut,
            "copy_in" => Effect::CopyIn,
            other => return Err(fail(&format!("unknown effect '{other}'"))),
        };
        let index = |s: &str| -> Result<Option<u32>, String> {
            let s = s.trim().trim_start_matches('(').trim_end_matches(')').trim();
            if s == "-" {
                return Ok(None);
            }
            s.parse::<u32>().map(Some).map_err(|_| fail(&format!("'{s}' is not a parameter index")))
        };
        let ret = match parts[5].trim() {
            "none" => Ret::None,
            "remaining" => Ret::Remaining,
            "copied" => Ret::Copied,
            other => return Err(fail(&format!("unknown RET '{other}' (none, remaining, copied)"))),
        };
        let len = index(parts[4])?.ok_or_else(|| fail("LEN is required"))?;
        let model = Model::new(effect, index(parts[2])?, index(parts[3])?, len, ret).map_err(|m| fail(&m))?;
        self.add(name.to_string(), Entry { model, origin, library: false })
    }

    /// All models for `module`: the shipped library, the config files, and
    /// the module's annotations; then validated against the module's
    /// functions.
    pub fn load(module: LLVMModuleRef, configs: &[std::path::PathBuf]) -> Result<Models, String> {
        let mut m = Models::default();
        for (file, text) in LIBRARY {
            m.add_toml(file, text, true)?;
        }
        for path in configs {
            m.add_toml_file(path)?;
        }
        for (f, text, origin) in annotations(module) {
            if text.starts_with("umsan:") {
                m.add_annotation(&ir::value_name(f), &text, origin)?;
            }
        }
        m.validate(module)?;
        Ok(m)
    }

    /// Every index must name a parameter of the right kind.
    fn validate(&self, module: LLVMModuleRef) -> Result<(), String> {
        for f in ir::functions(module) {
            let name = ir::value_name(f);
            let Some(entry) = self.by_name.get(&name) else { continue };
            if entry.library && !ir::is_declaration(f) {
                continue;
            }
            let params = ir::params(f);
            for (role, i) in entry.model.indices() {
                let Some(&p) = params.get(i as usize) else {
                    return Err(format!(
                        "{}: function '{name}': {role} index {i} is past its {} parameter{}",
                        entry.origin,
                        params.len(),
                        if params.len() == 1 { "" } else { "s" }
                    ));
                };
                let kind = ir::type_kind(ir::type_of(p));
                let ok = if role == "len" {
                    kind == llvm_sys::LLVMTypeKind::LLVMIntegerTypeKind
                } else {
                    kind == llvm_sys::LLVMTypeKind::LLVMPointerTypeKind
                };
                if !ok {
                    return Err(format!(
                        "{}: function '{name}': parameter {i} ({role}) must be {}",
                        entry.origin,
                        if role == "len" { "an integer" } else { "a pointer" }
                    ));
                }
            }
            if entry.model.ret != Ret::None {
                let ret_ty = unsafe { LLVMGetReturnType(LLVMGlobalGetValueType(f)) };
                if ir::type_kind(ret_ty) != llvm_sys::LLVMTypeKind::LLVMIntegerTypeKind {
                    return Err(format!(
                        "{}: function '{name}': RET \"{}\" needs an integer return value",
                        entry.origin,
                        if entry.model.ret == Ret::Copied { "copied" } else { "remaining" }
                    ));
                }
            }
        }
        Ok(())
    }

    /// Functions with a model that this module defines: they must stay
    /// visible as calls.
    pub fn defined_in(&self, module: LLVMModuleRef) -> Vec<V> {
        ir::functions(module)
            .into_iter()
            .filter(|&f| !ir::is_declaration(f) && self.for_function(f).is_some())
            .collect()
    }
}

/// `(function, annotation string, origin)` for each entry of
/// `@llvm.global.annotations`.
fn annotations(module: LLVMModuleRef) -> Vec<(V, String, Origin)> {
    let mut out = Vec::new();
    let name = ir::cstring("llvm.global.annotations");
    unsafe {
        let g = LLVMGetNamedGlobal(module, name.as_ptr());
        if g.is_null() {
            return out;
        }
        let init = LLVMGetInitializer(g);
        if init.is_null() {
            return out;
        }
        for i in 0..ir::num_operands(init) {
            let entry = ir::operand(init, i);
            if ir::num_operands(entry) < 4 {
                continue;
            }
            let f = strip_casts(ir::operand(entry, 0));
            if !ir::is_function(f) {
                continue;
            }
            let text = constant_string(ir::operand(entry, 1));
            let file = constant_string(ir::operand(entry, 2));
            let line = ir::const_int_value(ir::operand(entry, 3)).unwrap_or(0) as usize;
            if let Some(text) = text {
                out.push((f, text, Origin { file: file.unwrap_or_else(|| "<source>".into()), line }));
            }
        }
    }
    out
}

fn strip_casts(mut v: V) -> V {
    unsafe {
        while !LLVMIsAConstantExpr(v).is_null() && ir::num_operands(v) > 0 {
            v = ir::operand(v, 0);
        }
    }
    v
}

/// The C string a constant pointer points to (a global with a constant
/// character array initializer).
fn constant_string(p: V) -> Option<String> {
    unsafe {
        let g = strip_casts(p);
        if LLVMIsAGlobalVariable(g).is_null() {
            return None;
        }
        let init = LLVMGetInitializer(g);
        if init.is_null() || LLVMIsConstantString(init) == 0 {
            return None;
        }
        let mut len = 0usize;
        let data = LLVMGetAsString(init, &mut len);
        let bytes = std::slice::from_raw_parts(data as *const u8, len);
        let bytes = bytes.split(|&b| b == 0).next().unwrap_or(&[]);
        Some(String::from_utf8_lossy(bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Models, String> {
        let mut m = Models::default();
        m.add_toml("m.toml", text, false).map(|_| m)
    }

    #[test]
    fn parses_the_documented_example() {
        let m = load(
            "[[function]]\nname = \"copy_mc_fragile\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nlen = 2\nret = \"remaining\"\n",
        )
        .unwrap();
        assert_eq!(
            m.get("copy_mc_fragile"),
            Some(&Model { effect: Effect::MemcpyLike, dst: Some(0), src: Some(1), len: 2, ret: Ret::Remaining })
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = load("\n[[function]]\nname = \"f\"\neffect = \"teleport\"\nlen = 1\nret = \"none\"\n").unwrap_err();
        assert!(e.starts_with("m.toml:4:"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"none\"\ncolour = 1\n")
            .unwrap_err();
        assert!(e.contains("m.toml:") && e.contains("colour"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\nlen = 1\nret = \"none\"\n").unwrap_err();
        assert!(e.contains("m.toml:1") && e.contains("needs `dst`"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"sometimes\"\n")
            .unwrap_err();
        assert!(e.contains("m.toml:") && e.contains("sometimes"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nret = \"none\"\n").unwrap_err();
        assert!(e.contains("len"), "{e}");
        let e = load("[[function\n").unwrap_err();
        assert!(e.starts_with("m.toml:1:"), "{e}");
    }

    #[test]
    fn conflicting_models_are_an_error() {
        let a = "[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"none\"\n";
        let b = "[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"copied\"\n";
        let mut m = Models::default();
        m.add_toml("a.toml", a, false).unwrap();
        m.add_toml("a2.toml", a, false).unwrap();
        let e = m.add_toml("b.toml", b, false).unwrap_err();
        assert!(e.contains("b.toml:1") && e.contains("a.toml:1"), "{e}");
        // A user model overrides the library.
        let mut m = Models::default();
        m.add_toml("lib.toml", a, true).unwrap();
        m.add_toml("b.toml", b, false).unwrap();
        assert_eq!(m.get("f").unwrap().ret, Ret::Copied);
    }

    #[test]
    fn annotations_parse() {
        let mut m = Models::default();
        let o = || Origin { file: "x.c".into(), line: 3 };
        m.add_annotation("f", "umsan:memcpy_like:0:1:2:remaining", o()).unwrap();
        m.add_annotation("g", "umsan:copy_out:-:1:2:copied", o()).unwrap();
        m.add_annotation("h", "umsan:copy_in:(0):-:2:none", o()).unwrap();
        assert_eq!(m.get("g").unwrap().src, Some(1));
        assert_eq!(m.get("h").unwrap().dst, Some(0));
        assert!(m.add_annotation("k", "umsan:copy_in:x:-:2:none", o()).unwrap_err().contains("x.c:3"));
        assert!(m.add_annotation("k", "umsan:copy_in:0:1:2:none", o()).unwrap_err().contains("takes no `src`"));
    }

    #[test]
    fn shipped_library_parses() {
        let mut m = Models::default();
        for (file, text) in LIBRARY {
            m.add_toml(file, text, true).unwrap();
        }
        assert!(m.get("read").is_some());
    }
}
