//! Function models: functions that behave like a memory copy (or move bytes
//! in or out of the program) in ways the compiler cannot see. Their effect on
//! shadow is applied at every call site; their bodies are never instrumented.
//!
//! Models come from three sources, merged into one table by name:
//! - `UMSAN_MEMCPY_LIKE` / `UMSAN_COPY_OUT` / `UMSAN_COPY_IN` in the
//!   translation unit: each leaves a record `{function, "umsan:<effect>:<dst>:
//!   <src>:<len>:<ret>", file, line}` in section `__umsan_models`, which the
//!   instrumentation removes again ([`remove_records`]); `UMSAN_MODEL(fn,
//!   "TOML")` leaves `"umsan-model:<TOML>"`, the body of one extended-form
//!   TOML table ([`Models::add_model_record`]);
//! - TOML files given with `-fumsan-config=` (interface.md, section 3);
//! - the model library shipped with umsan (`configs/*.toml`, compiled into
//!   the pass), which applies only to functions this module does not define.
//!
//! Two different models for one name are an error naming both places.
//!
//! A model applies at every direct call of its function
//! (`instrument::visit_call`), and through function pointers too: the
//! address of a declared modelled function is replaced by a wrapper that
//! calls it directly (`instrument::model_wrap`). Expressions are evaluated
//! after the call, except `before(…)` parts ([`Expr`]).

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
    /// (extension) The function decides on `src[0..k)` (`strcmp`,
    /// `memchr`…): an uninitialized byte there is a
    /// `use-of-uninitialized-value` at the call.
    Check,
    /// (extension) `readv`-style: `dst` is an array of `len` `struct iovec`
    /// that received `k` bytes in order (`k = ret` with "copied", else all).
    CopyInIov,
    /// (extension) `writev`-style: the bytes of `src`'s `len` iovecs leave
    /// the program.
    CopyOutIov,
    /// (extension) `setjmp`-style: when it returns (again, `when`), frames a
    /// `longjmp` skipped left poisoned stack shadow behind: the shadow of
    /// the thread's stack below the caller's frame is cleaned. No operands.
    CleanStack,
    /// (extension) printf-style: `src` is the format, the variadic
    /// arguments start at parameter `args` (or, `vprintf`-style, are read
    /// from the `va_list` parameter `va_list`); every argument a conversion
    /// consumes must be initialized, and so must the bytes a `%s` prints.
    CheckFormat,
    /// (extension) scanf-style: `src` is the format, the targets are the
    /// variadic arguments from parameter `args` on (or are read from the
    /// `va_list` parameter `va_list`). After the call, exactly the targets
    /// of the conversions the return value counts (and `%n` targets the
    /// scan may have reached) become initialized, each over the bytes its
    /// conversion writes; the other targets keep their state. A format it
    /// cannot follow (positional `%1$d`) falls back to the treatment of any
    /// uninstrumented call.
    ScanFormat,
    /// (extension) The function computes its result from its arguments
    /// alone (`pow`, `tolower`, `__ctype_b_loc`): each argument is used (an
    /// uninitialized one is a `use-of-uninitialized-value` at the call),
    /// the result is initialized, and no memory changes. No operands.
    Pure,
    /// (extension) The raw system call `syscall(nr, ...)`: after it, what
    /// the kernel wrote for `nr` through pointers held in memory the caller
    /// passed (the buffers of `readv`/`preadv` iovecs, a `recvmsg` msghdr,
    /// a `recvmmsg` array) is initialized (`__umsan_model_syscall`). No
    /// operands.
    Syscall,
}

impl Effect {
    fn name(self) -> &'static str {
        match self {
            Effect::MemcpyLike => "memcpy_like",
            Effect::CopyOut => "copy_out",
            Effect::CopyIn => "copy_in",
            Effect::Check => "check",
            Effect::CopyInIov => "copy_in_iov",
            Effect::CopyOutIov => "copy_out_iov",
            Effect::CleanStack => "clean_stack",
            Effect::CheckFormat => "check_format",
            Effect::ScanFormat => "scan_format",
            Effect::Pure => "pure",
            Effect::Syscall => "syscall",
        }
    }
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

/// A binary operator of model expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

/// A function usable in model expressions. The runtime ones are evaluated
/// after the call by `__umsan_model_*` helpers (null-safe, and skipped when
/// the model's `when` condition is false).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `strlen(p)`.
    Strlen,
    /// `strnlen(p, n)`.
    Strnlen,
    /// `cmplen(a, b)`: the bytes `strcmp(a, b)` examines in each string
    /// (up to the first difference or the terminating NUL, inclusive).
    Cmplen,
    /// `ncmplen(a, b, n)`: the same for `strncmp`.
    Ncmplen,
    /// `memcmplen(a, b, n)`: the bytes `memcmp(a, b, n)` examines.
    Memcmplen,
    /// `fgetslen(p, n, stream)`: the bytes `fgets(p, n, stream)` wrote (the
    /// line and its NUL, also when the line holds NUL bytes).
    Fgetslen,
    /// `deref(p)`: the 8-byte value at `p` (a pointer or `size_t` the call
    /// wrote, e.g. `getline`'s `*lineptr`); 0 for a null `p`.
    Deref,
    /// `deref32(p)`: the 4-byte unsigned value at `p` (`socklen_t *`).
    Deref32,
    /// `min(a, b)`, `max(a, b)` (signed).
    Min,
    Max,
}

impl Func {
    fn parse(name: &str) -> Option<(Func, usize)> {
        Some(match name {
            "strlen" => (Func::Strlen, 1),
            "strnlen" => (Func::Strnlen, 2),
            "cmplen" => (Func::Cmplen, 2),
            "ncmplen" => (Func::Ncmplen, 3),
            "memcmplen" => (Func::Memcmplen, 3),
            "fgetslen" => (Func::Fgetslen, 3),
            "deref" => (Func::Deref, 1),
            "deref32" => (Func::Deref32, 1),
            "min" => (Func::Min, 2),
            "max" => (Func::Max, 2),
            _ => return None,
        })
    }
}

/// A model expression (extension of the documented format): integers,
/// `ret`, `argN`, `+ - * /`, comparisons, `&&`, `||`, parentheses, the
/// functions of [`Func`], and `before(e)`. Evaluated after the call, in
/// 64-bit signed arithmetic; pointers are their addresses.
///
/// `before(e)` is `e` evaluated right before the call instead (memory as
/// the function found it: `before(deref(arg0 + 32))` is a pointer field of
/// `*arg0` that the function advances). It is evaluated unconditionally
/// (`when` is not known yet), may not mention `ret`, and does not nest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Int(i64),
    Ret,
    Arg(u32),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
    Before(Box<Expr>),
}

impl Expr {
    /// Parses an expression; the error says what is wrong where.
    pub fn parse(text: &str) -> Result<Expr, String> {
        let toks = tokenize(text)?;
        let mut p = Parser { toks, pos: 0, in_before: false };
        let e = p.or()?;
        if p.pos != p.toks.len() {
            return Err(format!("unexpected `{}` in expression \"{text}\"", p.toks[p.pos]));
        }
        Ok(e)
    }

    /// Every `argN` in the expression.
    pub fn args(&self, out: &mut Vec<u32>) {
        match self {
            Expr::Arg(i) => out.push(*i),
            Expr::Neg(e) => e.args(out),
            Expr::Bin(_, a, b) => {
                a.args(out);
                b.args(out)
            }
            Expr::Call(_, v) => v.iter().for_each(|e| e.args(out)),
            Expr::Before(e) => e.args(out),
            Expr::Int(_) | Expr::Ret => {}
        }
    }

    pub fn uses_ret(&self) -> bool {
        match self {
            Expr::Ret => true,
            Expr::Neg(e) | Expr::Before(e) => e.uses_ret(),
            Expr::Bin(_, a, b) => a.uses_ret() || b.uses_ret(),
            Expr::Call(_, v) => v.iter().any(Expr::uses_ret),
            Expr::Int(_) | Expr::Arg(_) => false,
        }
    }

    /// Every `before(e)` node of the expression, outermost first.
    pub fn befores<'a>(&'a self, out: &mut Vec<&'a Expr>) {
        match self {
            Expr::Before(_) => out.push(self),
            Expr::Neg(e) => e.befores(out),
            Expr::Bin(_, a, b) => {
                a.befores(out);
                b.befores(out)
            }
            Expr::Call(_, v) => v.iter().for_each(|e| e.befores(out)),
            Expr::Int(_) | Expr::Ret | Expr::Arg(_) => {}
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<String>, String> {
    let mut toks = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let s = i;
            while i < b.len() && ((b[i] as char).is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            toks.push(text[s..i].to_string());
        } else {
            let two = text.get(i..i + 2).unwrap_or("");
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(&two) {
                toks.push(two.to_string());
                i += 2;
            } else if "+-*/()<>,".contains(c) {
                toks.push(c.to_string());
                i += 1;
            } else {
                return Err(format!("unexpected character '{c}' in expression \"{text}\""));
            }
        }
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<String>,
    pos: usize,
    /// Inside `before(…)`.
    in_before: bool,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }
    fn eat(&mut self, t: &str) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: &str) -> Result<(), String> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(format!(
                "expected `{t}` in expression, found {}",
                self.peek().map_or("the end".into(), |s| format!("`{s}`"))
            ))
        }
    }
    fn binary(&mut self, ops: &[(&str, BinOp)], next: fn(&mut Parser) -> Result<Expr, String>) -> Result<Expr, String> {
        let mut e = next(self)?;
        'outer: loop {
            for &(t, op) in ops {
                if self.eat(t) {
                    let r = next(self)?;
                    e = Expr::Bin(op, Box::new(e), Box::new(r));
                    continue 'outer;
                }
            }
            return Ok(e);
        }
    }
    fn or(&mut self) -> Result<Expr, String> {
        self.binary(&[("||", BinOp::Or)], Parser::and)
    }
    fn and(&mut self) -> Result<Expr, String> {
        self.binary(&[("&&", BinOp::And)], Parser::cmp)
    }
    fn cmp(&mut self) -> Result<Expr, String> {
        self.binary(
            &[
                ("==", BinOp::Eq),
                ("!=", BinOp::Ne),
                ("<=", BinOp::Le),
                (">=", BinOp::Ge),
                ("<", BinOp::Lt),
                (">", BinOp::Gt),
            ],
            Parser::sum,
        )
    }
    fn sum(&mut self) -> Result<Expr, String> {
        self.binary(&[("+", BinOp::Add), ("-", BinOp::Sub)], Parser::product)
    }
    fn product(&mut self) -> Result<Expr, String> {
        self.binary(&[("*", BinOp::Mul), ("/", BinOp::Div)], Parser::unary)
    }
    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat("(") {
            let e = self.or()?;
            self.expect(")")?;
            return Ok(e);
        }
        let Some(t) = self.peek().map(str::to_string) else {
            return Err("expression ends too early".into());
        };
        self.pos += 1;
        if let Ok(n) = t.parse::<i64>() {
            return Ok(Expr::Int(n));
        }
        if t == "ret" {
            if self.in_before {
                return Err("`ret` is not known before the call: not allowed inside before()".into());
            }
            return Ok(Expr::Ret);
        }
        if t == "before" {
            if self.in_before {
                return Err("before() cannot be nested".into());
            }
            self.expect("(")?;
            self.in_before = true;
            let e = self.or();
            self.in_before = false;
            let e = e?;
            self.expect(")")?;
            return Ok(Expr::Before(Box::new(e)));
        }
        if let Some(n) = t.strip_prefix("arg").and_then(|n| n.parse::<u32>().ok()) {
            return Ok(Expr::Arg(n));
        }
        if let Some((f, arity)) = Func::parse(&t) {
            self.expect("(")?;
            let mut args = Vec::new();
            if !self.eat(")") {
                loop {
                    args.push(self.or()?);
                    if self.eat(")") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
            if args.len() != arity {
                return Err(format!("{t}() takes {arity} argument{}", if arity == 1 { "" } else { "s" }));
            }
            return Ok(Expr::Call(f, args));
        }
        Err(format!("unknown name `{t}` in expression (ret, argN, before, strlen, strnlen, cmplen, ncmplen, memcmplen, fgetslen, deref, deref32, min, max)"))
    }
}

/// A pointer or length of a model: a parameter index (the documented
/// form) or an expression (extension).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    Param(u32),
    Expr(Expr),
}

impl From<u32> for Operand {
    fn from(i: u32) -> Operand {
        Operand::Param(i)
    }
}

impl Operand {
    pub fn param(&self) -> Option<u32> {
        match self {
            Operand::Param(i) => Some(*i),
            Operand::Expr(_) => None,
        }
    }
}

/// One function's model; indices are 0-based parameter positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub effect: Effect,
    pub dst: Option<Operand>,
    pub src: Option<Operand>,
    pub len: Operand,
    pub ret: Ret,
    /// (extension) The effect applies only when this holds after the call.
    pub when: Option<Expr>,
    /// (extension) Further effects of the same call, applied in order.
    pub also: Vec<Model>,
    /// (extension, `check_format`) Index of the first variadic argument.
    pub args: Option<u32>,
    /// (extension, `check_format`) Or: index of the `va_list` parameter the
    /// format's arguments are read from (`vprintf`-style).
    pub va_list: Option<u32>,
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
    /// For TOML entries: the line of each key (`len`, `dst`…), so that an
    /// error about a value points at the value.
    pub key_lines: Vec<(String, usize)>,
    /// From the shipped library: applies to external functions only.
    pub library: bool,
}

/// All models known while instrumenting one module, by function name.
#[derive(Default, Debug)]
pub struct Models {
    by_name: HashMap<String, Entry>,
}

/// The model library shipped with umsan.
const LIBRARY: &[(&str, &str)] = &[
    ("configs/libc.toml", include_str!("../../configs/libc.toml")),
    ("configs/compression.toml", include_str!("../../configs/compression.toml")),
    ("configs/gmp.toml", include_str!("../../configs/gmp.toml")),
    ("configs/pcre2.toml", include_str!("../../configs/pcre2.toml")),
    ("configs/libstdcxx.toml", include_str!("../../configs/libstdcxx.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    function: Vec<toml::Spanned<TomlEntry>>,
}

// `TomlEntry` repeats `TomlEffect`'s fields instead of `#[serde(flatten)]`ing
// it: serde cannot combine `flatten` with `deny_unknown_fields`, and unknown
// keys must be errors (interface.md, section 3).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    name: String,
    effect: Effect,
    args: Option<u32>,
    va_list: Option<u32>,
    dst: Option<u32>,
    src: Option<u32>,
    len: Option<u32>,
    dst_expr: Option<String>,
    src_expr: Option<String>,
    len_expr: Option<String>,
    ret: Option<Ret>,
    when: Option<String>,
    #[serde(default)]
    also: Vec<TomlEffect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEffect {
    effect: Effect,
    args: Option<u32>,
    va_list: Option<u32>,
    dst: Option<u32>,
    src: Option<u32>,
    len: Option<u32>,
    dst_expr: Option<String>,
    src_expr: Option<String>,
    len_expr: Option<String>,
    ret: Option<Ret>,
    when: Option<String>,
}

/// A parameter index, or (extension, `<key>_expr`) an expression.
fn operand(index: Option<u32>, expr: Option<String>, key: &str) -> Result<Option<Operand>, String> {
    match (index, expr) {
        (Some(_), Some(_)) => Err(format!("`{key}` and `{key}_expr` exclude each other")),
        (Some(i), None) => Ok(Some(Operand::Param(i))),
        (None, Some(e)) => Expr::parse(&e).map(|e| Some(Operand::Expr(e))).map_err(|m| format!("`{key}_expr`: {m}")),
        (None, None) => Ok(None),
    }
}

impl TomlEffect {
    fn into_model(self) -> Result<Model, String> {
        let dst = operand(self.dst, self.dst_expr, "dst")?;
        let src = operand(self.src, self.src_expr, "src")?;
        let len = match (operand(self.len, self.len_expr, "len")?, self.effect) {
            (Some(l), _) => l,
            (None, Effect::CleanStack | Effect::CheckFormat | Effect::ScanFormat | Effect::Pure | Effect::Syscall) => {
                Operand::Expr(Expr::Int(0))
            }
            (None, _) => return Err("missing field `len`".into()),
        };
        // `ret` is required in the documented form (`len` a parameter
        // index); with a length expression it defaults to "none".
        let ret = match (self.ret, &len) {
            (Some(r), _) => r,
            (None, Operand::Expr(_)) => Ret::None,
            (None, Operand::Param(_)) => return Err("missing field `ret`".into()),
        };
        let when = self.when.map(|w| Expr::parse(&w).map_err(|e| format!("`when`: {e}"))).transpose()?;
        let mut m = Model::new(self.effect, dst, src, len, ret)?;
        m.when = when;
        let format = matches!(self.effect, Effect::CheckFormat | Effect::ScanFormat);
        match (self.effect, self.args, self.va_list) {
            (_, Some(_), Some(_)) if format => return Err("`args` and `va_list` exclude each other".into()),
            (_, a, v) if format && (a.is_some() || v.is_some()) => {
                m.args = a;
                m.va_list = v;
            }
            (e, _, _) if format => return Err(format!("effect \"{}\" needs `args` or `va_list`", e.name())),
            (_, Some(_), _) => return Err(format!("effect \"{}\" takes no `args`", self.effect.name())),
            (_, _, Some(_)) => return Err(format!("effect \"{}\" takes no `va_list`", self.effect.name())),
            (_, None, None) => {}
        }
        Ok(m)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

impl Model {
    /// Checks that the effect has exactly the operands it needs.
    pub fn new(
        effect: Effect,
        dst: Option<Operand>,
        src: Option<Operand>,
        len: Operand,
        ret: Ret,
    ) -> Result<Model, String> {
        let (needs_dst, needs_src) = match effect {
            Effect::MemcpyLike => (true, true),
            Effect::CopyOut | Effect::Check | Effect::CopyOutIov | Effect::CheckFormat | Effect::ScanFormat => {
                (false, true)
            }
            Effect::CopyIn | Effect::CopyInIov => (true, false),
            Effect::CleanStack | Effect::Pure | Effect::Syscall => (false, false),
        };
        let name = effect.name();
        for (what, needed, given) in [("dst", needs_dst, dst.is_some()), ("src", needs_src, src.is_some())] {
            if needed && !given {
                return Err(format!("effect \"{name}\" needs `{what}`"));
            }
            if !needed && given {
                return Err(format!("effect \"{name}\" takes no `{what}`"));
            }
        }
        Ok(Model { effect, dst, src, len, ret, when: None, also: Vec::new(), args: None, va_list: None })
    }

    /// This effect and the `also` effects, in order.
    pub fn effects(&self) -> impl Iterator<Item = &Model> {
        std::iter::once(self).chain(self.also.iter())
    }

    /// Every parameter index given directly, with its role.
    pub fn indices(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        [("dst", &self.dst), ("src", &self.src), ("len", &Some(self.len.clone()))]
            .into_iter()
            .filter_map(|(n, o)| o.as_ref().and_then(Operand::param).map(|i| (n, i)))
            .collect::<Vec<_>>()
            .into_iter()
    }

    /// Every expression of this effect (not of `also`).
    pub fn exprs(&self) -> Vec<&Expr> {
        let mut v = Vec::new();
        for o in [self.dst.as_ref(), self.src.as_ref(), Some(&self.len)].into_iter().flatten() {
            if let Operand::Expr(e) = o {
                v.push(e);
            }
        }
        if let Some(w) = &self.when {
            v.push(w);
        }
        v
    }

    /// Parameters given directly as `dst`/`src` of any effect: their memory
    /// is fully described by the model.
    pub fn covered(&self) -> Vec<u32> {
        self.effects()
            .flat_map(|m| [m.dst.as_ref().and_then(Operand::param), m.src.as_ref().and_then(Operand::param)])
            .flatten()
            .collect()
    }

    /// The first variadic argument of a `scan_format` effect: from there
    /// on the arguments are scan targets, handled by the effect.
    pub fn scan_targets_from(&self) -> Option<u32> {
        self.effects().filter(|m| m.effect == Effect::ScanFormat).find_map(|m| m.args)
    }

    /// Does any effect depend on the return value?
    pub fn needs_ret(&self) -> bool {
        self.effects().any(|m| m.ret != Ret::None || m.exprs().iter().any(|e| e.uses_ret()))
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
            let (spanned_start, spanned_end) = (spanned.span().start, spanned.span().end);
            let line = line_of(text, spanned_start);
            let origin = Origin { file: file.to_string(), line };
            let e = spanned.into_inner();
            let name = e.name;
            let fail = |m: String| format!("{origin}: function '{name}': {m}");
            let first = TomlEffect {
                effect: e.effect,
                args: e.args,
                va_list: e.va_list,
                dst: e.dst,
                src: e.src,
                len: e.len,
                dst_expr: e.dst_expr,
                src_expr: e.src_expr,
                len_expr: e.len_expr,
                ret: e.ret,
                when: e.when,
            };
            let mut model = first.into_model().map_err(fail)?;
            for (n, more) in e.also.into_iter().enumerate() {
                model.also.push(more.into_model().map_err(|m| fail(format!("also[{n}]: {m}")))?);
            }
            let key_lines = key_lines(text, spanned_start, spanned_end);
            self.add(name, Entry { model, origin, library, key_lines })?;
        }
        Ok(())
    }

    pub fn add_toml_file(&mut self, path: &Path) -> Result<(), String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read model file {}: {e}", path.display()))?;
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
        let model = Model::new(
            effect,
            index(parts[2])?.map(Operand::Param),
            index(parts[3])?.map(Operand::Param),
            len.into(),
            ret,
        )
        .map_err(|m| fail(&m))?;
        self.add(name.to_string(), Entry { model, origin, library: false, key_lines: Vec::new() })
    }

    /// Parses the record of `UMSAN_MODEL(fn, "…")`: the body of one TOML
    /// `[[function]]` table (extended form) without its `name`. Errors name
    /// the macro's file and line.
    pub fn add_model_record(&mut self, name: &str, body: &str, origin: Origin) -> Result<(), String> {
        const FILE: &str = "<UMSAN_MODEL>";
        let text = format!("[[function]]\nname = \"{name}\"\n{body}\n");
        let mut one = Models::default();
        one.add_toml(FILE, &text, false).map_err(|e| {
            // "<UMSAN_MODEL>:L: function 'f': msg" → "msg"
            let msg = e.strip_prefix(FILE).map_or(e.as_str(), |r| r.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit()).trim_start());
            let msg = msg.strip_prefix(&format!("function '{name}': ")).unwrap_or(msg);
            format!("{origin}: UMSAN_MODEL on '{name}': {msg}")
        })?;
        let mut entry = one.by_name.remove(name).ok_or_else(|| format!("{origin}: UMSAN_MODEL on '{name}': no model"))?;
        entry.origin = origin;
        entry.key_lines.clear();
        self.add(name.to_string(), entry)
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
        for (f, text, origin) in records(module) {
            // A record may name the wrapper that stands for a declared
            // modelled function's address (`instrument::model_wrap`).
            let name = crate::instrument::model_wrap::wrapped_name(f).unwrap_or_else(|| ir::value_name(f));
            if text.starts_with("umsan:") {
                m.add_annotation(&name, &text, origin)?;
            } else if let Some(body) = text.strip_prefix(MODEL_RECORD_PREFIX) {
                m.add_model_record(&name, body, origin)?;
            }
        }
        m.validate(module)?;
        Ok(m)
    }

    /// Every index must name a parameter of the right kind. A shipped
    /// library model that does not fit the module's declaration (a program
    /// declaring its own `read`) is dropped for this module instead.
    fn validate(&mut self, module: LLVMModuleRef) -> Result<(), String> {
        let mut unfit = Vec::new();
        for f in ir::functions(module) {
            let name = ir::value_name(f);
            let Some(entry) = self.by_name.get(&name) else { continue };
            if entry.library && !ir::is_declaration(f) {
                continue;
            }
            if let Err((key, e)) = check_fits(f, &entry.model) {
                if entry.library {
                    unfit.push(name);
                    continue;
                }
                let line = entry.key_lines.iter().find(|(k, _)| k == key).map_or(entry.origin.line, |&(_, l)| l);
                return Err(format!("{}:{line}: function '{name}': {e}", entry.origin.file));
            }
        }
        for name in unfit {
            self.by_name.remove(&name);
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

/// Does `model` fit the parameters and return type of `f`?
/// On error: the TOML key at fault, and what is wrong.
fn check_fits(f: V, model: &Model) -> Result<(), (&'static str, String)> {
    use llvm_sys::LLVMTypeKind as K;
    let params = ir::params(f);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let ret_ty = unsafe { LLVMGetReturnType(LLVMGlobalGetValueType(f)) };
    let ret_kind = ir::type_kind(ret_ty);
    for m in model.effects() {
        for (role, i) in m.indices() {
            let Some(&p) = params.get(i as usize) else {
                return Err((role, format!("{role} index {i} is past its {} parameter{}", params.len(), plural(params.len()))));
            };
            let kind = ir::type_kind(ir::type_of(p));
            let ok = if role == "len" { kind == K::LLVMIntegerTypeKind } else { kind == K::LLVMPointerTypeKind };
            if !ok {
                return Err((
                    role,
                    format!("parameter {i} ({role}) must be {}", if role == "len" { "an integer" } else { "a pointer" }),
                ));
            }
        }
        if let Some(a) = m.args {
            if a as usize > params.len() {
                return Err(("args", format!("args index {a} is past its {} parameter{}", params.len(), plural(params.len()))));
            }
        }
        if let Some(v) = m.va_list {
            let Some(&p) = params.get(v as usize) else {
                return Err((
                    "va_list",
                    format!("va_list index {v} is past its {} parameter{}", params.len(), plural(params.len())),
                ));
            };
            if ir::type_kind(ir::type_of(p)) != K::LLVMPointerTypeKind {
                return Err(("va_list", format!("parameter {v} (va_list) must be a pointer (x86_64 va_list)")));
            }
        }
        if m.effect == Effect::Syscall && (ret_kind != K::LLVMIntegerTypeKind || params.is_empty()) {
            return Err(("effect", "effect \"syscall\" needs the number as a first parameter and an integer result".into()));
        }
        if matches!(m.effect, Effect::CopyInIov | Effect::CopyOutIov) && m.ret == Ret::Remaining {
            return Err(("ret", "RET \"remaining\" is not supported for iovec effects".into()));
        }
        if m.ret != Ret::None && ret_kind != K::LLVMIntegerTypeKind {
            return Err((
                "ret",
                format!(
                    "RET \"{}\" needs an integer return value",
                    if m.ret == Ret::Copied { "copied" } else { "remaining" }
                ),
            ));
        }
        for e in m.exprs() {
            let mut args = Vec::new();
            e.args(&mut args);
            for i in args {
                let Some(&p) = params.get(i as usize) else {
                    return Err(("expr", format!("arg{i} is past its {} parameter{}", params.len(), plural(params.len()))));
                };
                let kind = ir::type_kind(ir::type_of(p));
                if kind != K::LLVMIntegerTypeKind && kind != K::LLVMPointerTypeKind {
                    return Err(("expr", format!("arg{i} must be an integer or a pointer")));
                }
            }
            if e.uses_ret() && ret_kind != K::LLVMIntegerTypeKind && ret_kind != K::LLVMPointerTypeKind {
                return Err(("expr", "`ret` needs an integer or pointer return value".into()));
            }
        }
    }
    Ok(())
}

/// The section of the records `umsan.h` leaves for each annotation.
const RECORD_SECTION: &str = "__umsan_models";

/// Prefix of the record text of `UMSAN_MODEL(fn, "TOML body")`.
const MODEL_RECORD_PREFIX: &str = "umsan-model:";

fn is_record(g: V) -> bool {
    unsafe {
        let sec = LLVMGetSection(g);
        !sec.is_null() && ir::c_str_lossy(sec) == RECORD_SECTION
    }
}

fn globals(module: LLVMModuleRef) -> Vec<V> {
    let mut out = Vec::new();
    unsafe {
        let mut g = LLVMGetFirstGlobal(module);
        while !g.is_null() {
            out.push(g);
            g = LLVMGetNextGlobal(g);
        }
    }
    out
}

/// `(function, model string, origin)` for each annotation record.
fn records(module: LLVMModuleRef) -> Vec<(V, String, Origin)> {
    let mut out = Vec::new();
    for g in globals(module).into_iter().filter(|&g| is_record(g)) {
        let init = unsafe { LLVMGetInitializer(g) };
        if init.is_null() || ir::num_operands(init) < 4 {
            continue;
        }
        let f = strip_casts(ir::operand(init, 0));
        if !ir::is_function(f) {
            continue;
        }
        let text = constant_string(ir::operand(init, 1));
        let file = constant_string(ir::operand(init, 2)).unwrap_or_else(|| "<source>".into());
        let line = ir::const_int_value(ir::operand(init, 3)).unwrap_or(0) as usize;
        if let Some(text) = text {
            out.push((f, text, Origin { file, line }));
        }
    }
    out
}

/// Deletes the annotation records (and their `@llvm.used` entries): they
/// are for the pass only and never reach the object file.
pub fn remove_records(module: LLVMModuleRef) {
    let recs: Vec<V> = globals(module).into_iter().filter(|&g| is_record(g)).collect();
    if recs.is_empty() {
        return;
    }
    unsafe {
        for list in ["llvm.used", "llvm.compiler.used"] {
            let name = ir::cstring(list);
            let g = LLVMGetNamedGlobal(module, name.as_ptr());
            if g.is_null() || LLVMGetInitializer(g).is_null() {
                continue;
            }
            let init = LLVMGetInitializer(g);
            let mut keep: Vec<V> = (0..ir::num_operands(init))
                .map(|i| ir::operand(init, i))
                .filter(|&e| !recs.contains(&strip_casts(e)))
                .collect();
            let elem_ty = LLVMGetElementType(LLVMTypeOf(init));
            let section = LLVMGetSection(g);
            let section = if section.is_null() { None } else { Some(ir::cstring(&ir::c_str_lossy(section))) };
            LLVMDeleteGlobal(g);
            if keep.is_empty() {
                continue;
            }
            let arr = LLVMConstArray2(elem_ty, keep.as_mut_ptr(), keep.len() as u64);
            let ng = LLVMAddGlobal(module, LLVMTypeOf(arr), name.as_ptr());
            LLVMSetInitializer(ng, arr);
            LLVMSetLinkage(ng, llvm_sys::LLVMLinkage::LLVMAppendingLinkage);
            if let Some(sec) = section {
                LLVMSetSection(ng, sec.as_ptr());
            }
        }
        for g in recs {
            if LLVMGetFirstUse(g).is_null() {
                LLVMDeleteGlobal(g);
            }
        }
    }
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
            Some(&Model::new(Effect::MemcpyLike, Some(0.into()), Some(1.into()), 2.into(), Ret::Remaining).unwrap())
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = load("\n[[function]]\nname = \"f\"\neffect = \"teleport\"\nlen = 1\nret = \"none\"\n").unwrap_err();
        assert!(e.starts_with("m.toml:4:"), "{e}");
        let e =
            load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"none\"\ncolour = 1\n")
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
        assert_eq!(m.get("g").unwrap().src, Some(1.into()));
        assert_eq!(m.get("h").unwrap().dst, Some(0.into()));
        assert!(m.add_annotation("k", "umsan:copy_in:x:-:2:none", o()).unwrap_err().contains("x.c:3"));
        assert!(m.add_annotation("k", "umsan:copy_in:0:1:2:none", o()).unwrap_err().contains("takes no `src`"));
    }

    #[test]
    fn extended_form_parses() {
        let m = load(
            "[[function]]\nname = \"fread\"\neffect = \"copy_in\"\ndst = 0\nlen_expr = \"ret * arg1\"\n\n\
             [[function]]\nname = \"getline\"\neffect = \"copy_in\"\ndst_expr = \"deref(arg0)\"\nlen_expr = \"ret + 1\"\nwhen = \"ret >= 0\"\n\n\
             [[function]]\nname = \"strcmp\"\neffect = \"check\"\nsrc = 0\nlen_expr = \"cmplen(arg0, arg1)\"\n\
             [[function.also]]\neffect = \"check\"\nsrc = 1\nlen_expr = \"cmplen(arg0, arg1)\"\n",
        )
        .unwrap();
        let fread = m.get("fread").unwrap();
        assert_eq!(fread.ret, Ret::None);
        assert_eq!(fread.len, Operand::Expr(Expr::Bin(BinOp::Mul, Box::new(Expr::Ret), Box::new(Expr::Arg(1)))));
        let getline = m.get("getline").unwrap();
        assert_eq!(getline.dst, Some(Operand::Expr(Expr::Call(Func::Deref, vec![Expr::Arg(0)]))));
        assert!(getline.when.is_some());
        let strcmp = m.get("strcmp").unwrap();
        assert_eq!(strcmp.also.len(), 1);
        assert_eq!(strcmp.covered(), vec![0, 1]);
        assert_eq!(Expr::parse("1 + 2 * 3").unwrap(), Expr::parse("1 + (2 * 3)").unwrap());
        assert_eq!(Expr::parse("a - b - c").unwrap_err(), "unknown name `a` in expression (ret, argN, before, strlen, strnlen, cmplen, ncmplen, memcmplen, fgetslen, deref, deref32, min, max)");
        assert!(Expr::parse("strlen(arg0, arg1)").unwrap_err().contains("takes 1 argument"));
        assert!(Expr::parse("arg0 +").unwrap_err().contains("too early"));
        assert!(Expr::parse("(arg0").unwrap_err().contains("expected `)`"));
        // Errors in the extension name the file and line too.
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen_expr = \"arg1 +\"\n").unwrap_err();
        assert!(e.starts_with("m.toml:1:") && e.contains("`len_expr`"), "{e}");
        // A string where the documented form wants an index stays an error.
        assert!(
            load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = \"2\"\nret = \"none\"\n").is_err()
        );
        let e =
            load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nlen_expr = \"2\"\n").unwrap_err();
        assert!(e.contains("exclude"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"check\"\nsrc = 0\nlen = 1\nret = \"none\"\n[[function.also]]\neffect = \"copy_in\"\nlen_expr = \"1\"\n").unwrap_err();
        assert!(e.contains("also[0]") && e.contains("needs `dst`"), "{e}");
        let e = load(
            "[[function]]\nname = \"f\"\neffect = \"check\"\nsrc = 0\nlen_expr = \"1\"\nwhen = \"ret\"\nhue = 2\n",
        )
        .unwrap_err();
        assert!(e.contains("hue"), "{e}");
    }

    #[test]
    fn before_expressions() {
        let e = Expr::parse("deref(arg0 + 32) - before(deref(arg0 + 32))").unwrap();
        let mut b = Vec::new();
        e.befores(&mut b);
        assert_eq!(b.len(), 1);
        assert_eq!(
            *b[0],
            Expr::Before(Box::new(Expr::Call(
                Func::Deref,
                vec![Expr::Bin(BinOp::Add, Box::new(Expr::Arg(0)), Box::new(Expr::Int(32)))]
            )))
        );
        let mut args = Vec::new();
        e.args(&mut args);
        assert_eq!(args, vec![0, 0]);
        assert!(Expr::parse("before(ret)").unwrap_err().contains("`ret` is not known before the call"));
        assert!(Expr::parse("before(before(arg0))").unwrap_err().contains("cannot be nested"));
        assert!(Expr::parse("before(arg0").unwrap_err().contains("expected `)`"));
        assert!(Expr::parse("before arg0").unwrap_err().contains("expected `(`"));
        // ret outside before() stays fine.
        assert!(Expr::parse("ret + before(arg1)").is_ok());
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst_expr = \"before(ret)\"\nlen_expr = \"1\"\n")
            .unwrap_err();
        assert!(e.starts_with("m.toml:1:") && e.contains("`dst_expr`") && e.contains("before the call"), "{e}");
    }

    #[test]
    fn model_records_parse() {
        let mut m = Models::default();
        let o = || Origin { file: "x.c".into(), line: 7 };
        m.add_model_record(
            "fill",
            "effect = 'copy_in'\ndst_expr = 'before(deref(arg0 + 8))'\nlen_expr = 'deref(arg0 + 8) - before(deref(arg0 + 8))'",
            o(),
        )
        .unwrap();
        let f = m.get("fill").unwrap();
        assert_eq!(f.effect, Effect::CopyIn);
        assert!(matches!(&f.dst, Some(Operand::Expr(Expr::Before(_)))));
        let e = m.add_model_record("g", "effect = 'copy_in'\ndst = 0\nlen_expr = 'before(ret'", o()).unwrap_err();
        assert!(e.starts_with("x.c:7: UMSAN_MODEL on 'g': `len_expr`"), "{e}");
        let e = m.add_model_record("h", "effect = 'copy_in'\ncolour = 1", o()).unwrap_err();
        assert!(e.starts_with("x.c:7: UMSAN_MODEL on 'h':") && e.contains("colour"), "{e}");
    }

    #[test]
    fn format_effects_parse() {
        let m = load(
            "[[function]]\nname = \"vf\"\neffect = \"check_format\"\nsrc = 1\nva_list = 2\n\
             [[function]]\nname = \"sc\"\neffect = \"check\"\nsrc = 1\nlen_expr = \"1\"\n\
             [[function.also]]\neffect = \"scan_format\"\nsrc = 1\nargs = 2\n",
        )
        .unwrap();
        assert_eq!(m.get("vf").unwrap().va_list, Some(2));
        assert_eq!(m.get("sc").unwrap().scan_targets_from(), Some(2));
        let e = load("[[function]]\nname = \"f\"\neffect = \"check_format\"\nsrc = 1\nargs = 2\nva_list = 3\n").unwrap_err();
        assert!(e.contains("exclude"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"scan_format\"\nsrc = 1\n").unwrap_err();
        assert!(e.contains("needs `args` or `va_list`"), "{e}");
        let e = load("[[function]]\nname = \"f\"\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"none\"\nva_list = 3\n").unwrap_err();
        assert!(e.contains("takes no `va_list`"), "{e}");
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

/// `(key, line)` for each `key = value` line of the TOML text in
/// `[start, end)`, first occurrence only.
fn key_lines(text: &str, start: usize, end: usize) -> Vec<(String, usize)> {
    let first_line = line_of(text, start);
    let mut out: Vec<(String, usize)> = Vec::new();
    for (n, l) in text[start..end.min(text.len())].lines().enumerate() {
        let Some((key, _)) = l.split_once('=') else { continue };
        let key = key.trim();
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !out.iter().any(|(k, _)| k == key) {
            out.push((key.to_string(), first_line + n));
        }
    }
    out
}
