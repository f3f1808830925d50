//! C file tests: `tests/c/**/*.c`.
//!
//! Each file carries its own header of `// KEY: value` lines (see
//! `tests/README.md` for the full list) and its expectations:
//! `// REPORT` markers on the lines where a report must point, and FileCheck
//! directives (`// CHECK:` on stderr, `// STDOUT:` on stdout, `// LOG-CHECK:`
//! on the `log_path` file).

use crate::util::{self, Outcome, Scratch};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const COMPILE_TIMEOUT: Duration = Duration::from_secs(180);
const DEFAULT_KIND: &str = "use-of-uninitialized-value";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The program must report (at the `// REPORT` lines) and exit 77.
    Report,
    /// No report; same stdout and exit status as the native build.
    Clean,
    /// The program must fail (default exit 1) — e.g. a bad `UMSAN_OPTIONS`.
    Error,
}

/// The language of a file test, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// `.c`: `umsan-cc`, natively `clang-19`.
    C,
    /// `.cpp`: `umsan-c++`, natively `clang++-19`.
    Cxx,
}

#[derive(Clone, Debug)]
pub struct CTest {
    pub path: PathBuf,
    pub lang: Lang,
    /// Path relative to `tests/c`, e.g. `branch/if_uninit.c`.
    pub rel: String,
    pub modes: Vec<String>,
    pub cflags: Vec<String>,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub stdin: Option<PathBuf>,
    pub expect: Expect,
    pub exit: Option<i32>,
    /// `// ORACLE: skip`: not meaningful under MemorySanitizer (umsan-only
    /// behaviour such as dedup, JSON reports, umsan's option errors).
    pub oracle_skip: bool,
    /// `// REPORT-ORDER: any`: with `halt_on_error=0`, the reports may come
    /// in any order (several threads or processes reporting concurrently);
    /// each marker must still be matched by exactly one report.
    pub any_order: bool,
    /// `(line, kind)` of each `// REPORT` marker, in file order.
    pub reports: Vec<(usize, String)>,
    pub source: String,
}

/// Which sanitizer builds the "instrumented" program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sanitizer {
    /// `target/release/umsan-cc` — the real thing.
    Umsan,
    /// clang-19 `-fsanitize=memory` (`UMSAN_TEST_ORACLE=msan`): checks that the
    /// corpus itself is right, independently of umsan's state.
    Msan,
}

impl Sanitizer {
    pub fn from_env() -> Sanitizer {
        match std::env::var("UMSAN_TEST_ORACLE").as_deref() {
            Ok("msan") => Sanitizer::Msan,
            _ => Sanitizer::Umsan,
        }
    }
    fn report_tool(self) -> &'static str {
        match self {
            Sanitizer::Umsan => "umsan",
            Sanitizer::Msan => "MemorySanitizer",
        }
    }
    fn options_var(self) -> &'static str {
        match self {
            Sanitizer::Umsan => "UMSAN_OPTIONS",
            Sanitizer::Msan => "MSAN_OPTIONS",
        }
    }
}

fn header_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let l = line.trim_start();
    let rest = l.strip_prefix("//")?.trim_start();
    let rest = rest.strip_prefix(key)?;
    let rest = rest.strip_prefix(':')?;
    Some(rest.trim())
}

pub fn parse(path: &Path, c_root: &Path) -> Result<CTest, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rel = path
        .strip_prefix(c_root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let lang = if path.extension().is_some_and(|e| e == "cpp") { Lang::Cxx } else { Lang::C };
    let mut t = CTest {
        path: path.to_path_buf(),
        lang,
        rel,
        modes: vec!["O0".into(), "O2".into()],
        cflags: vec![],
        args: vec![],
        env: vec![],
        stdin: None,
        expect: Expect::Clean,
        exit: None,
        oracle_skip: false,
        any_order: false,
        reports: vec![],
        source: source.clone(),
    };
    let mut saw_expect = false;
    for (i, line) in source.lines().enumerate() {
        let lineno = i + 1;
        if let Some(v) = header_value(line, "MODES") {
            t.modes = v.split_whitespace().map(|m| m.trim_start_matches('-').to_string()).collect();
        } else if let Some(v) = header_value(line, "CFLAGS") {
            // `%S`: the test file's directory (e.g. an ignorelist next to it).
            let dir = path.parent().unwrap_or(Path::new(".")).to_string_lossy().into_owned();
            t.cflags.extend(v.split_whitespace().map(|f| f.replace("%S", &dir)));
        } else if let Some(v) = header_value(line, "ARGS") {
            t.args.extend(v.split_whitespace().map(String::from));
        } else if let Some(v) = header_value(line, "ENV") {
            let (k, val) = v
                .split_once('=')
                .ok_or_else(|| format!("{}:{lineno}: ENV needs KEY=VALUE", t.rel))?;
            t.env.push((k.trim().to_string(), val.trim().to_string()));
        } else if let Some(v) = header_value(line, "STDIN") {
            t.stdin = Some(path.parent().unwrap_or(Path::new(".")).join(v));
        } else if let Some(v) = header_value(line, "EXPECT") {
            saw_expect = true;
            t.expect = match v {
                "report" => Expect::Report,
                "clean" => Expect::Clean,
                "error" => Expect::Error,
                other => return Err(format!("{}:{lineno}: unknown EXPECT `{other}`", t.rel)),
            };
        } else if let Some(v) = header_value(line, "EXIT") {
            t.exit = Some(v.parse().map_err(|_| format!("{}:{lineno}: bad EXIT `{v}`", t.rel))?);
        } else if let Some(v) = header_value(line, "ORACLE") {
            t.oracle_skip = v.starts_with("skip");
        } else if let Some(v) = header_value(line, "REPORT-ORDER") {
            t.any_order = match v {
                "any" => true,
                "file" => false,
                other => return Err(format!("{}:{lineno}: unknown REPORT-ORDER `{other}`", t.rel)),
            };
        }
        // Trailing `// REPORT` / `// REPORT: kind` markers (not header lines).
        if let Some(pos) = line.find("// REPORT") {
            let before = line[..pos].trim();
            if !before.is_empty() && !before.contains("//") {
                let after = line[pos + "// REPORT".len()..].trim();
                let kind = after.strip_prefix(':').map(str::trim).unwrap_or("");
                let kind = if kind.is_empty() { DEFAULT_KIND } else { kind };
                t.reports.push((lineno, kind.to_string()));
            }
        }
    }
    if !saw_expect {
        return Err(format!("{}: missing `// EXPECT: report|clean|error` header", t.rel));
    }
    if t.expect == Expect::Report && t.reports.is_empty() {
        return Err(format!("{}: EXPECT: report but no `// REPORT` marker", t.rel));
    }
    if t.expect != Expect::Report && !t.reports.is_empty() {
        return Err(format!("{}: `// REPORT` markers in a test that does not expect a report", t.rel));
    }
    Ok(t)
}

/// The name of the C function whose body contains line `line` (1-based):
/// the nearest preceding line that starts in column 0 with an identifier,
/// has a `(`, and is not a declaration ending in `;`.
pub fn enclosing_function(source: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = source.lines().collect();
    for l in lines[..line.min(lines.len())].iter().rev() {
        let first = l.chars().next();
        if !matches!(first, Some(c) if c.is_ascii_alphabetic() || c == '_') {
            continue;
        }
        let stripped = strip_attributes(l);
        let t = stripped.trim_end();
        if t.ends_with(';') || t.starts_with("typedef") || t.starts_with("struct") && !t.contains('(') {
            continue;
        }
        let Some(paren) = t.find('(') else { continue };
        let head = &t[..paren];
        // `static int *foo` → foo ; skip things like `x = f(` that are not definitions.
        if head.contains('=') {
            continue;
        }
        let name: String = head
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

/// `static __attribute__((noinline)) int f(` → `static  int f(`.
fn strip_attributes(l: &str) -> String {
    let mut out = String::new();
    let mut rest = l;
    while let Some(pos) = rest.find("__attribute__") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + "__attribute__".len()..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, ch) in after.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                c if depth == 0 && !c.is_whitespace() => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn subst(s: &str, scratch: &Path) -> String {
    s.replace("%t", &scratch.to_string_lossy())
}

fn umsan_options(t: &CTest) -> String {
    t.env
        .iter()
        .filter(|(k, _)| k == "UMSAN_OPTIONS")
        .map(|(_, v)| v.clone())
        .collect::<Vec<_>>()
        .join(":")
}

fn option_value(opts: &str, key: &str) -> Option<String> {
    opts.split(':')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_string())
        .last()
}

/// Where `umsan.h` is, for native (uninstrumented) builds of tests that
/// include it. The real header is meant to be a no-op without umsan.
fn native_include_dirs() -> Vec<PathBuf> {
    let root = util::workspace_root();
    let mut dirs = Vec::new();
    for cand in ["include", "runtime/include", "driver/include", "abi/include"] {
        let d = root.join(cand);
        if d.join("umsan.h").exists() {
            dirs.push(d);
            return dirs;
        }
    }
    // Not found in the usual places: a no-op stand-in shipped with the tests.
    dirs.push(util::tests_dir().join("support").join("native"));
    dirs
}

fn native_compiler(lang: Lang) -> &'static str {
    match lang {
        Lang::C => "clang-19",
        Lang::Cxx => "clang++-19",
    }
}

fn is_umsan_flag(f: &str) -> bool {
    f.starts_with("-fumsan-") || f.starts_with("-fno-umsan-")
}

fn compile(cmd: &mut Command, what: &str) -> Outcome {
    let out = util::run(cmd, None, COMPILE_TIMEOUT)?;
    if out.code == Some(0) {
        Ok(())
    } else {
        Err(format!("{what} failed: {}\n{}", util::show_cmd(cmd), out.describe()))
    }
}

fn run_prog(t: &CTest, prog: &Path, scratch: &Path, san: Option<Sanitizer>) -> Result<(util::Output, String), String> {
    let mut cmd = Command::new(prog);
    cmd.current_dir(scratch);
    cmd.args(t.args.iter().map(|a| subst(a, scratch)));
    for v in ["UMSAN_OPTIONS", "MSAN_OPTIONS", "UMSAN_CONFIG"] {
        cmd.env_remove(v);
    }
    if san == Some(Sanitizer::Msan) {
        // MemorySanitizer's own default exit status is 1; umsan's is 77.
        cmd.env("MSAN_OPTIONS", "exitcode=77");
    }
    for (k, v) in &t.env {
        if k == "UMSAN_OPTIONS" {
            if let Some(s) = san {
                let v = subst(v, scratch);
                let v = if s == Sanitizer::Msan { format!("exitcode=77:{v}") } else { v };
                cmd.env(s.options_var(), v);
            }
        } else {
            cmd.env(k, subst(v, scratch));
        }
    }
    if san == Some(Sanitizer::Msan) {
        if let Ok(p) = which("llvm-symbolizer-19") {
            cmd.env("MSAN_SYMBOLIZER_PATH", p);
        }
    }
    let stdin = match &t.stdin {
        Some(p) => Some(std::fs::read(p).map_err(|e| format!("STDIN {}: {e}", p.display()))?),
        None => None,
    };
    let shown = util::show_cmd(&cmd);
    let out = util::run(&mut cmd, stdin.as_deref(), RUN_TIMEOUT)?;
    Ok((out, shown))
}

fn which(name: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for d in std::env::split_paths(&path) {
        let p = d.join(name);
        if p.is_file() {
            return Ok(p);
        }
    }
    Err(format!("{name} not found in PATH"))
}

/// One parsed text report block.
#[derive(Debug)]
struct Report {
    kind: String,
    frame0: Option<(String, String)>, // (function, location)
    summary: Option<(String, String)>, // (location, function)
}

fn parse_reports(text: &str, tool: &str, pid: Option<u32>) -> Result<Vec<Report>, String> {
    let header = format!("WARNING: {tool}: ");
    let mut reports: Vec<Report> = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if let Some(pos) = l.find(&header) {
            // `==PID==WARNING: umsan: KIND ...`
            let prefix = &l[..pos];
            let p = prefix.trim_start_matches('=').trim_end_matches('=');
            if !prefix.starts_with("==") || !prefix.ends_with("==") || p.parse::<u32>().is_err() {
                return Err(format!("malformed report header line: `{l}`"));
            }
            if let Some(pid) = pid {
                if p != pid.to_string() {
                    return Err(format!("report header `{l}` does not carry the pid {pid}"));
                }
            }
            let kind = l[pos + header.len()..].split_whitespace().next().unwrap_or("").to_string();
            reports.push(Report { kind, frame0: None, summary: None });
            continue;
        }
        let Some(cur) = reports.last_mut() else { continue };
        if cur.frame0.is_none() && l.starts_with("#0 ") {
            let toks: Vec<&str> = l.split_whitespace().collect();
            // #0 0xADDR in FUNC LOC (a C++ FUNC may contain spaces:
            // `W::sum() const`)
            if toks.len() >= 5 && toks[1].starts_with("0x") && toks[2] == "in" {
                let n = toks.len();
                cur.frame0 = Some((toks[3..n - 1].join(" "), toks[n - 1].to_string()));
            } else {
                cur.frame0 = Some((String::new(), l.to_string()));
            }
        }
        let sum = format!("SUMMARY: {tool}: ");
        if let Some(rest) = l.strip_prefix(&sum) {
            let toks: Vec<&str> = rest.split_whitespace().collect();
            // KIND LOC in FUNC
            if toks.len() >= 4 && toks[2] == "in" {
                cur.summary = Some((toks[1].to_string(), toks[3..].join(" ")));
            } else {
                cur.summary = Some((rest.to_string(), String::new()));
            }
        }
    }
    Ok(reports)
}

/// Is `reported` (a report's function) the source function `expected`
/// (found by [`enclosing_function`])? For C the same name; for C++ the
/// demangled name's qualified part (before its parameter list) must have
/// `expected` as a component: `W::sum() const` for `sum`, a lambda's
/// `main::{lambda(int)#1}::operator()(int) const` for `main`.
fn function_matches(reported: &str, expected: &str) -> bool {
    if reported == expected {
        return true;
    }
    let qualified = reported.split('(').next().unwrap_or(reported);
    // A function template's return type comes first: `int pick<int>(int*)`.
    let qualified = qualified.trim_end().rsplit(' ').next().unwrap_or(qualified);
    !expected.is_empty() && qualified.split("::").any(|c| c == expected || c.starts_with(&format!("{expected}<")))
}

/// Does `loc` look like `<...>/<file>:<line>:<col>`?
fn loc_matches(loc: &str, file: &str, line: usize) -> bool {
    let mut parts = loc.rsplitn(3, ':');
    let col = parts.next().unwrap_or("");
    let l = parts.next().unwrap_or("");
    let path = parts.next().unwrap_or("");
    (path == file || path.ends_with(&format!("/{file}")))
        && l == line.to_string()
        && !col.is_empty()
        && col.chars().all(|c| c.is_ascii_digit())
}

fn check_text_reports(t: &CTest, text: &str, tool: &str, pid: u32, expected: &[(usize, String)]) -> Outcome {
    let file = t.path.file_name().unwrap().to_string_lossy().into_owned();
    let reports = parse_reports(text, tool, Some(pid))?;
    if reports.len() != expected.len() {
        return Err(format!(
            "expected {} report(s) (at line(s) {}), found {}",
            expected.len(),
            expected.iter().map(|e| e.0.to_string()).collect::<Vec<_>>().join(", "),
            reports.len()
        ));
    }
    let expected: Vec<(usize, String)> = if t.any_order {
        // Pair each report with the marker its SUMMARY line names (each
        // marker at most once); a report naming no unused marker keeps the
        // first unused one, so that the error below describes it.
        let mut left: Vec<Option<(usize, String)>> = expected.iter().cloned().map(Some).collect();
        let mut order = Vec::new();
        for r in &reports {
            let hit = left.iter().position(|e| {
                matches!((e, &r.summary), (Some((line, _)), Some((loc, _))) if loc_matches(loc, &file, *line))
            });
            let i = hit.or_else(|| left.iter().position(Option::is_some)).unwrap();
            order.push(left[i].take().unwrap());
        }
        order
    } else {
        expected.to_vec()
    };
    for (r, (line, kind)) in reports.iter().zip(&expected) {
        let func = enclosing_function(&t.source, *line).unwrap_or_default();
        let want = format!("`{kind}` at {file}:{line} in {func}");
        if &r.kind != kind {
            return Err(format!("expected {want}, got a report of kind `{}`", r.kind));
        }
        match &r.frame0 {
            Some((f, loc)) if function_matches(f, &func) && loc_matches(loc, &file, *line) => {}
            Some((f, loc)) => {
                return Err(format!("expected {want}; frame #0 is `{f} {loc}`"));
            }
            None => return Err(format!("expected {want}; the report has no `#0` frame")),
        }
        match &r.summary {
            Some((loc, f)) if function_matches(f, &func) && loc_matches(loc, &file, *line) => {}
            Some((loc, f)) => {
                return Err(format!("expected {want}; SUMMARY says `{loc} in {f}`"));
            }
            None => return Err(format!("expected {want}; the report has no SUMMARY line")),
        }
    }
    Ok(())
}

/// `report_format=json`: one JSON object per line; each must name the kind
/// and the location (either as `file.c:L:C` in a string or as the file name
/// plus a `"line": L` field).
fn check_json_reports(t: &CTest, text: &str, expected: &[(usize, String)]) -> Outcome {
    let file = t.path.file_name().unwrap().to_string_lossy().into_owned();
    let objs: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('{') && l.contains("\"kind\""))
        .collect();
    if objs.len() != expected.len() {
        return Err(format!(
            "expected {} JSON report line(s), found {}:\n{text}",
            expected.len(),
            objs.len()
        ));
    }
    for (o, (line, kind)) in objs.iter().zip(expected) {
        if !o.ends_with('}') {
            return Err(format!("JSON report is not one object on one line: {o}"));
        }
        let compact: String = o.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.contains(&format!("\"kind\":\"{kind}\"")) {
            return Err(format!("JSON report lacks \"kind\": \"{kind}\": {o}"));
        }
        let loc_str = format!("{file}:{line}:");
        let line_field = format!("\"line\":{line}");
        let after_ok = |s: &str| -> bool {
            compact.match_indices(s).any(|(i, m)| {
                !compact[i + m.len()..].starts_with(|c: char| c.is_ascii_digit())
            })
        };
        if !(compact.contains(&loc_str) || (compact.contains(&file) && after_ok(&line_field))) {
            return Err(format!("JSON report does not point at {file}:{line}: {o}"));
        }
    }
    Ok(())
}

pub fn run_case(t: &CTest, mode: &str, san: Sanitizer) -> Outcome {
    let tools = match san {
        Sanitizer::Umsan => Some(util::tools()?),
        Sanitizer::Msan => None,
    };
    let scratch = Scratch::new(&format!("{}@{mode}", t.rel))?;
    let r = run_case_in(t, mode, san, tools.as_ref(), &scratch.dir);
    scratch.finish(r)
}

fn run_case_in(t: &CTest, mode: &str, san: Sanitizer, tools: Option<&util::Tools>, dir: &Path) -> Outcome {
    let tool = san.report_tool();
    let opt = format!("-{mode}");
    let prog = dir.join("prog");
    let mut cc = match san {
        Sanitizer::Umsan => {
            let tools = tools.unwrap();
            let mut c = Command::new(if t.lang == Lang::Cxx { &tools.cxx } else { &tools.cc });
            // The verifier at the end of the pipeline (clang skips it by
            // default): every instrumented module must verify.
            c.arg("-g").arg(&opt).arg("-fverify-intermediate-code").args(&t.cflags);
            c
        }
        Sanitizer::Msan => {
            let mut c = Command::new(native_compiler(t.lang));
            c.arg("-g")
                .arg(&opt)
                .arg("-fsanitize=memory")
                .arg("-fno-omit-frame-pointer")
                .arg(format!("-I{}", util::tests_dir().join("support").join("msan").display()));
            let mut eager = false;
            for f in &t.cflags {
                match f.as_str() {
                    "-fumsan-track-origins" => {
                        c.arg("-fsanitize-memory-track-origins");
                    }
                    "-fumsan-eager-checks" => eager = true,
                    f if is_umsan_flag(f) => {}
                    f => {
                        c.arg(f);
                    }
                }
            }
            if !eager {
                c.arg("-fno-sanitize-memory-param-retval");
            }
            if t.env.iter().any(|(k, v)| k == "UMSAN_OPTIONS" && v.contains("halt_on_error=0")) {
                c.arg("-fsanitize-recover=memory");
            }
            c
        }
    };
    cc.current_dir(dir).arg(&t.path).arg("-o").arg(&prog);
    compile(&mut cc, "instrumented compile")?;

    let (out, shown) = run_prog(t, &prog, dir, Some(san))?;
    let ctx = |msg: String| format!("{msg}\ncommand: {shown}\n{}", out.describe());
    let opts = umsan_options(t);
    let halt = option_value(&opts, "halt_on_error").map(|v| v != "0").unwrap_or(true);
    let log_path = option_value(&opts, "log_path").map(|p| subst(&p, dir));
    let json = option_value(&opts, "report_format").as_deref() == Some("json");

    if out.timed_out {
        return Err(ctx("the instrumented program timed out".into()));
    }

    // The report text: stderr, or the log file `PATH.PID`.
    let mut log_text = None;
    if let Some(lp) = &log_path {
        if t.expect != Expect::Error {
            let f = PathBuf::from(format!("{lp}.{}", out.pid));
            match std::fs::read_to_string(&f) {
                Ok(s) => log_text = Some(s),
                Err(e) if t.expect == Expect::Report => {
                    return Err(ctx(format!("log file {} not readable: {e}", f.display())))
                }
                Err(_) => log_text = Some(String::new()),
            }
        }
    }
    let stderr = out.stderr_str();
    let report_text = log_text.clone().unwrap_or_else(|| stderr.clone());

    match t.expect {
        Expect::Report => {
            let want_exit = t.exit.unwrap_or(if halt { 77 } else { 0 });
            let expected: Vec<(usize, String)> = if halt {
                t.reports[..1].to_vec()
            } else {
                t.reports.clone()
            };
            if json {
                check_json_reports(t, &report_text, &expected).map_err(ctx)?;
            } else {
                check_text_reports(t, &report_text, tool, out.pid, &expected).map_err(ctx)?;
            }
            if log_text.is_some() && stderr.contains(&format!("{tool}:")) {
                return Err(ctx("with log_path set, stderr must not contain the report".into()));
            }
            if out.code != Some(want_exit) {
                return Err(ctx(format!("expected exit status {want_exit}")));
            }
        }
        Expect::Clean => {
            if report_text.contains(&format!("{tool}:")) || stderr.contains(&format!("{tool}:")) {
                return Err(ctx("expected no report (clean test)".into()));
            }
        }
        Expect::Error => {
            let want_exit = t.exit.unwrap_or(1);
            if out.code != Some(want_exit) {
                return Err(ctx(format!("expected exit status {want_exit}")));
            }
        }
    }

    if util::has_directive(&t.source, "//", "CHECK") {
        util::filecheck(&t.path, "CHECK", &out.stderr, "stderr").map_err(ctx)?;
    }
    if util::has_directive(&t.source, "//", "STDOUT") {
        util::filecheck(&t.path, "STDOUT", &out.stdout, "stdout").map_err(ctx)?;
    }
    if util::has_directive(&t.source, "//", "LOG-CHECK") {
        let text = log_text.clone().unwrap_or_default();
        util::filecheck(&t.path, "LOG-CHECK", text.as_bytes(), "the log_path file").map_err(ctx)?;
    }

    if t.expect == Expect::Clean {
        // Native reference build: same stdout, same exit status.
        let native = dir.join("native");
        let mut cc = Command::new(native_compiler(t.lang));
        cc.current_dir(dir).arg("-g").arg(&opt);
        for d in native_include_dirs() {
            cc.arg(format!("-I{}", d.display()));
        }
        cc.args(t.cflags.iter().filter(|f| !is_umsan_flag(f)))
            .arg(&t.path)
            .arg("-o")
            .arg(&native);
        compile(&mut cc, "native compile")?;
        let (nout, _) = run_prog(t, &native, dir, None)?;
        if let Some(e) = t.exit {
            if out.code != Some(e) {
                return Err(ctx(format!("expected exit status {e}")));
            }
        }
        if nout.code != out.code || nout.signal != out.signal {
            return Err(ctx(format!(
                "exit differs from the native build ({})",
                nout.status_str()
            )));
        }
        if nout.stdout != out.stdout {
            return Err(ctx(format!(
                "stdout differs from the native build's:\n--- native stdout ---\n{}",
                util::truncate(&nout.stdout_str(), 6000)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {}
