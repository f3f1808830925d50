//! Code-base tests (`cargo test --release -p umsan-tests --test codebases`):
//! real C programs built with `umsan-cc` must run with zero reports and the
//! same output as a native clang-19 build, at -O0 and -O2; and a seeded bug
//! (an uninitialized local used in a branch, added to a copy of one source
//! file) must be reported at its line.
//!
//! | case | sources | workload |
//! |---|---|---|
//! | `codebases/lua` | `lua-src` crate, `lua-5.4.7/` | `lua_main.c` (a stand-alone interpreter) + `workload.lua` |
//! | `codebases/sqlite` | `libsqlite3-sys` crate, `sqlite3/sqlite3.c` | `sqlite_driver.c` + `workload.sql` |
//! | `codebases/zstd` | `zstd-sys` crate, `zstd/lib/{common,compress,decompress}` | `zstd_driver.c` |
//!
//! Sources are fetched with `cargo fetch --manifest-path tests/registry/Cargo.toml`
//! and copied into a scratch directory (never into the repository). Each
//! case builds every file once per mode (native -O2, umsan -O0, umsan -O2)
//! and reuses those objects for the seeded build, which recompiles only the
//! seeded file. `sqlite3.c` is seeded at -O0 only (an -O2 compile of the
//! amalgamation takes minutes).

#[allow(dead_code)]
#[path = "../filetests/util.rs"]
mod util;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;
use util::{Outcome, Scratch};

/// An uninitialized local used in a branch, on one line (so the report's
/// line is the insertion line at -O0 and -O2: the local is volatile).
const SEED: &str = "{ volatile int umsan_seeded_uninit; static volatile int umsan_seeded_sink; \
                    if (umsan_seeded_uninit == 0x5eed) umsan_seeded_sink = 1; }";

struct Codebase {
    name: &'static str,
    krate: &'static str,
    /// Folder inside the crate copied to the scratch directory.
    sub: &'static str,
    /// Source files (relative to `sub`; a trailing `/*.c` means every C file
    /// of that folder), compiled in this order.
    sources: &'static [&'static str],
    /// File names left out of `sources` (other programs' `main`s).
    skip: &'static [&'static str],
    /// Our own sources, from `tests/codebases/`.
    ours: &'static [&'static str],
    /// Include directories relative to `sub`.
    includes: &'static [&'static str],
    defines: &'static [&'static str],
    /// Flags for the umsan builds only (`%w`: this test directory).
    umsan_flags: &'static [&'static str],
    libs: &'static [&'static str],
    /// Program arguments (run in the build's directory; `%t` is that
    /// directory, `%w` this test directory).
    args: &'static [&'static str],
    /// The seeded bug: file (relative to `sub`), a text in it after whose
    /// next `{` at the end of a line the seed goes, the function it is in,
    /// and the modes to check it in.
    seed: (&'static str, &'static str, &'static str, &'static [&'static str]),
}

const LUA: Codebase = Codebase {
    name: "lua",
    krate: "lua-src",
    sub: "lua-5.4.7",
    sources: &["*.c"],
    skip: &["lua.c", "luac.c", "onelua.c"],
    ours: &["lua_main.c"],
    includes: &["."],
    defines: &["-DLUA_USE_POSIX"],
    umsan_flags: &[],
    libs: &["-lm"],
    args: &["%w/workload.lua", "lua-io.tmp"],
    seed: ("lstrlib.c", "static int str_format (lua_State *L) {", "str_format", &["-O0", "-O2"]),
};

const SQLITE: Codebase = Codebase {
    name: "sqlite",
    krate: "libsqlite3-sys",
    sub: "sqlite3",
    sources: &["sqlite3.c"],
    skip: &[],
    ours: &["sqlite_driver.c"],
    includes: &["."],
    defines: &["-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_THREADSAFE=1"],
    umsan_flags: &[],
    libs: &["-lm", "-lpthread"],
    args: &["%t/test.db", "%w/workload.sql"],
    seed: ("sqlite3.c", "SQLITE_API int sqlite3_exec(\n  sqlite3 *db,", "sqlite3_exec", &["-O0"]),
};

const ZSTD: Codebase = Codebase {
    name: "zstd",
    krate: "zstd-sys",
    sub: "zstd/lib",
    sources: &["common/*.c", "compress/*.c", "decompress/*.c", "decompress/*.S"],
    skip: &[],
    ours: &["zstd_driver.c"],
    includes: &[".", "common"],
    defines: &[],
    // The x86-64 assembly Huffman loops (decompress/huf_decompress_amd64.S)
    // are reached through a function pointer and write the output through
    // pointers inside a struct they advance: the shipped models
    // (configs/compression.toml) describe them with `before(...)`
    // expressions, and the indirect calls reach the model through its
    // wrapper (pass/src/instrument/model_wrap.rs). zstd turns that assembly
    // off under MemorySanitizer (`__has_feature(memory_sanitizer)`, true
    // under umsan-cc's msan-compat): its own switch keeps it on here, where
    // umsan's models are what is tested.
    umsan_flags: &["-DZSTD_MEMORY_SANITIZER=0"],
    libs: &[],
    args: &[],
    seed: (
        "compress/zstd_compress.c",
        "size_t ZSTD_compressBound(size_t srcSize) {",
        "ZSTD_compressBound",
        &["-O0", "-O2"],
    ),
};

fn cargo_home() -> PathBuf {
    if let Some(h) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(h);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
    home.join(".cargo")
}

/// One `cargo fetch` per test process.
static FETCHED: Mutex<Option<Result<(), String>>> = Mutex::new(None);

fn fetch() -> Result<(), String> {
    let mut g = FETCHED.lock().unwrap();
    if let Some(r) = g.as_ref() {
        return r.clone();
    }
    let manifest = util::tests_dir().join("registry").join("Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("fetch").arg("--manifest-path").arg(&manifest);
    let r = match util::run(&mut cmd, None, Duration::from_secs(300)) {
        Ok(out) if out.code == Some(0) => Ok(()),
        Ok(out) => Err(format!("cargo fetch failed: {}", out.describe())),
        Err(e) => Err(e),
    };
    *g = Some(r.clone());
    r
}

/// `$CARGO_HOME/registry/src/*/<crate>-<newest version>/<sub>`.
fn crate_dir(krate: &str, sub: &str) -> Result<PathBuf, String> {
    fetch()?;
    let src = cargo_home().join("registry").join("src");
    let mut found: Vec<(Vec<u64>, PathBuf)> = Vec::new();
    for reg in std::fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))?.flatten() {
        for c in std::fs::read_dir(reg.path()).into_iter().flatten().flatten() {
            let name = c.file_name().to_string_lossy().into_owned();
            let Some(ver) = name.strip_prefix(&format!("{krate}-")) else { continue };
            if ver.starts_with(|ch: char| ch.is_ascii_digit()) && c.path().join(sub).is_dir() {
                let key = ver.split(['.', '+']).map(|x| x.parse().unwrap_or(0)).collect();
                found.push((key, c.path().join(sub)));
            }
        }
    }
    found.sort();
    found.pop().map(|(_, p)| p).ok_or_else(|| format!("no {krate}-*/{sub} under {} after cargo fetch", src.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?.flatten() {
        let p = e.path();
        let dst = to.join(e.file_name());
        if p.is_dir() {
            copy_tree(&p, &dst)?;
        } else {
            std::fs::copy(&p, &dst).map_err(|e| format!("copy {}: {e}", p.display()))?;
        }
    }
    Ok(())
}

fn expand_sources(root: &Path, pats: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for pat in pats {
        if let Some((dir, ext)) = pat.rsplit_once("/*").or_else(|| pat.strip_prefix('*').map(|e| ("", e))) {
            let d = root.join(dir);
            let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
                .map_err(|e| format!("{}: {e}", d.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(ext))
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(root.join(pat));
        }
    }
    Ok(out)
}

struct Build<'a> {
    cb: &'a Codebase,
    cc: PathBuf,
    opt: &'static str,
    src_root: PathBuf,
    dir: PathBuf,
}

impl Build<'_> {
    fn flags(&self, cmd: &mut Command) {
        // Debug info only where reports are read (it slows sqlite3.c down).
        if self.cc != Path::new("clang-19") {
            cmd.arg("-g");
        }
        cmd.arg(self.opt).args(self.cb.defines);
        if self.cc != Path::new("clang-19") {
            let work = util::tests_dir().join("codebases");
            cmd.args(self.cb.umsan_flags.iter().map(|f| f.replace("%w", &work.display().to_string())));
        }
        for i in self.cb.includes {
            cmd.arg(format!("-I{}", self.src_root.join(i).display()));
        }
    }

    fn compile(&self, src: &Path) -> Result<PathBuf, String> {
        let rel = src.strip_prefix(&self.src_root).unwrap_or(src);
        let obj = self.dir.join(rel.to_string_lossy().replace('/', "_")).with_extension("o");
        let mut cmd = Command::new(&self.cc);
        self.flags(&mut cmd);
        cmd.current_dir(&self.dir).arg("-c").arg(src).arg("-o").arg(&obj);
        // A guard against a hanging compiler, not a speed test: sqlite3.c at
        // -O2 -g takes 1.5 min on an idle 2-core machine, and over 10 at a
        // load of 11 (seen); compile time is measured by bench/.
        let out = util::run(&mut cmd, None, Duration::from_secs(1800))?;
        if out.code != Some(0) {
            return Err(format!("compile failed: {}\n{}", util::show_cmd(&cmd), out.describe()));
        }
        Ok(obj)
    }

    fn link(&self, objs: &[PathBuf], prog: &Path) -> Result<(), String> {
        let mut cmd = Command::new(&self.cc);
        cmd.current_dir(&self.dir).arg("-g").args(objs).arg("-o").arg(prog).args(self.cb.libs);
        let out = util::run(&mut cmd, None, Duration::from_secs(300))?;
        if out.code != Some(0) {
            return Err(format!("link failed: {}\n{}", util::show_cmd(&cmd), out.describe()));
        }
        Ok(())
    }

    fn run(&self, prog: &Path, options: &str) -> Result<util::Output, String> {
        let work = util::tests_dir().join("codebases");
        let mut cmd = Command::new(prog);
        cmd.current_dir(&self.dir).env("UMSAN_OPTIONS", options);
        for a in self.cb.args {
            cmd.arg(a.replace("%t", &self.dir.display().to_string()).replace("%w", &work.display().to_string()));
        }
        util::run(&mut cmd, None, Duration::from_secs(600))
    }
}

/// Compiles `srcs` with two workers; objects in source order.
fn compile_all(b: &Build, srcs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<Result<PathBuf, String>>>> = Mutex::new(vec![None; srcs.len()].into_iter().collect());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    let i = *n;
                    *n += 1;
                    i
                };
                if i >= srcs.len() {
                    return;
                }
                let r = b.compile(&srcs[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results.into_inner().unwrap().into_iter().map(|r| r.expect("compiled")).collect()
}

fn run_codebase(cb: &'static Codebase) -> Outcome {
    let tools = util::tools()?;
    let from = crate_dir(cb.krate, cb.sub)?;
    let scratch = Scratch::new(&format!("codebase-{}", cb.name))?;
    let r = codebase_in(cb, &tools, &from, &scratch.dir);
    scratch.finish(r)
}

fn codebase_in(cb: &'static Codebase, tools: &util::Tools, from: &Path, dir: &Path) -> Outcome {
    let src_root = dir.join("src");
    copy_tree(from, &src_root)?;
    let ours_dir = util::tests_dir().join("codebases");
    let mut srcs: Vec<PathBuf> = expand_sources(&src_root, cb.sources)?
        .into_iter()
        .filter(|p| !cb.skip.iter().any(|s| p.file_name().is_some_and(|n| n == *s)))
        .collect();
    srcs.extend(cb.ours.iter().map(|o| ours_dir.join(o)));
    let modes: [(&str, &Path, &'static str); 3] =
        [("native-O2", Path::new("clang-19"), "-O2"), ("umsan-O0", &tools.cc, "-O0"), ("umsan-O2", &tools.cc, "-O2")];
    let mut errors = Vec::new();
    let mut native: Option<util::Output> = None;
    for (name, cc, opt) in modes {
        let bdir = dir.join(name);
        std::fs::create_dir_all(&bdir).map_err(|e| e.to_string())?;
        let b = Build { cb, cc: cc.to_path_buf(), opt, src_root: src_root.clone(), dir: bdir };
        let objs = match compile_all(&b, &srcs) {
            Ok(o) => o,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let prog = b.dir.join(cb.name);
        if let Err(e) = b.link(&objs, &prog) {
            errors.push(format!("{name}: {e}"));
            continue;
        }
        // halt_on_error=0: a failure lists every distinct report.
        let out = match b.run(&prog, "halt_on_error=0") {
            Ok(o) => o,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let stderr = out.stderr_str();
        if stderr.contains("umsan:") {
            let sums: Vec<&str> = stderr.lines().filter(|l| l.starts_with("SUMMARY:")).collect();
            errors.push(format!(
                "{name}: umsan reported {} finding(s):\n  {}\n--- reports ---\n{}",
                sums.len(),
                sums.join("\n  "),
                util::truncate(&stderr, 6000)
            ));
        }
        match &native {
            None => {
                if out.code != Some(0) {
                    errors.push(format!("{name}: the native build failed: {}", out.describe()));
                }
                native = Some(out);
            }
            Some(n) => {
                if n.stdout != out.stdout || n.code != out.code {
                    errors.push(format!(
                        "{name}: output differs from the native build's ({} vs {})\n--- native ---\n{}\n--- {name} ---\n{}",
                        n.status_str(),
                        out.status_str(),
                        util::truncate(&n.stdout_str(), 3000),
                        util::truncate(&out.stdout_str(), 3000)
                    ));
                }
                if name != "native-O2" {
                    if let Err(e) = seeded(&b, &srcs, &objs, tools) {
                        errors.push(format!("{name}: seeded bug: {e}"));
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n\n"))
    }
}

/// Recompiles a seeded copy of one file, links it with the other objects of
/// this mode, and checks that the report points at the seeded line.
fn seeded(b: &Build, srcs: &[PathBuf], objs: &[PathBuf], _tools: &util::Tools) -> Outcome {
    let (file, marker, func, modes) = b.cb.seed;
    if !modes.contains(&b.opt) {
        return Ok(());
    }
    let orig = b.src_root.join(file);
    let text = std::fs::read_to_string(&orig).map_err(|e| format!("{}: {e}", orig.display()))?;
    let at = text.find(marker).ok_or_else(|| format!("`{marker}` not found in {file}"))?;
    let brace = text[at..].find("{\n").ok_or_else(|| format!("no `{{` after `{marker}` in {file}"))? + at + 2;
    let line = text[..brace].lines().count() + 1;
    let seeded_text = format!("{}{SEED}\n{}", &text[..brace], &text[brace..]);
    let name = orig.file_name().unwrap().to_string_lossy().replace(".c", "_umsan_seeded.c");
    let copy = orig.with_file_name(&name);
    std::fs::write(&copy, seeded_text).map_err(|e| e.to_string())?;
    let sdir = b.dir.join("seeded");
    std::fs::create_dir_all(&sdir).map_err(|e| e.to_string())?;
    let sb = Build { cb: b.cb, cc: b.cc.clone(), opt: b.opt, src_root: b.src_root.clone(), dir: sdir };
    let obj = sb.compile(&copy)?;
    let objs: Vec<PathBuf> =
        srcs.iter().zip(objs).map(|(s, o)| if *s == orig { obj.clone() } else { o.clone() }).collect();
    let prog = sb.dir.join(b.cb.name);
    sb.link(&objs, &prog)?;
    let out = sb.run(&prog, "")?;
    let stderr = out.stderr_str();
    let want = format!("{name}:{line}:");
    let summary = stderr.lines().find(|l| l.starts_with("SUMMARY: umsan: use-of-uninitialized-value"));
    match summary {
        Some(s) if s.contains(&want) && s.ends_with(&format!(" in {func}")) && out.code == Some(77) => Ok(()),
        _ => Err(format!(
            "expected exit status 77 and a report at {want} in {func}, got {}\n{}",
            out.status_str(),
            util::truncate(&stderr, 4000)
        )),
    }
}

/// A user model file in the extended format (`user_models.toml`) applied
/// with `-fumsan-config=`: clean when only modelled bytes are used, a report
/// at the `UNINIT-USE` line otherwise; at -O0 and -O2.
fn user_config() -> Outcome {
    let tools = util::tools()?;
    let scratch = Scratch::new("user-config")?;
    let dir = scratch.dir.clone();
    let here = util::tests_dir().join("codebases");
    let src = here.join("user_models.c");
    let text = std::fs::read_to_string(&src).map_err(|e| e.to_string())?;
    let line = text.lines().position(|l| l.contains("/* UNINIT-USE */")).ok_or("no UNINIT-USE line")? + 1;
    let r = (|| -> Outcome {
        for opt in ["-O0", "-O2"] {
            let prog = dir.join(format!("prog{opt}"));
            let mut cc = Command::new(&tools.cc);
            cc.arg("-g")
                .arg(opt)
                .arg(format!("-fumsan-config={}", here.join("user_models.toml").display()))
                .arg(&src)
                .arg("-o")
                .arg(&prog);
            let out = util::run(&mut cc, None, Duration::from_secs(120))?;
            if out.code != Some(0) {
                return Err(format!("{opt}: compile failed: {}", out.describe()));
            }
            let clean =
                util::run(Command::new(&prog).arg("clean").env("UMSAN_OPTIONS", ""), None, Duration::from_secs(60))?;
            if clean.code != Some(0) || clean.stderr_str().contains("umsan:") || clean.stdout_str() != "2 22\n" {
                return Err(format!("{opt}: clean run: {}", clean.describe()));
            }
            let bad = util::run(Command::new(&prog).env("UMSAN_OPTIONS", ""), None, Duration::from_secs(60))?;
            let want = format!("user_models.c:{line}:");
            let ok = bad.code == Some(77)
                && bad
                    .stderr_str()
                    .lines()
                    .any(|l| l.starts_with("SUMMARY: umsan: use-of-uninitialized-value") && l.contains(&want));
            if !ok {
                return Err(format!("{opt}: expected a report at {want}: {}", bad.describe()));
            }
        }
        Ok(())
    })();
    scratch.finish(r)
}

/// Malformed `before(...)` expressions are compile errors naming the place:
/// in a config file (its file and line) and in `UMSAN_MODEL` (the macro's
/// file and line).
fn bad_model_expr() -> Outcome {
    let tools = util::tools()?;
    let scratch = Scratch::new("bad-model-expr")?;
    let dir = scratch.dir.clone();
    let r = (|| -> Outcome {
        let write = |name: &str, text: &str| -> Result<PathBuf, String> {
            let p = dir.join(name);
            std::fs::write(&p, text).map_err(|e| e.to_string())?;
            Ok(p)
        };
        let compile = |args: &[&std::ffi::OsStr]| -> Result<util::Output, String> {
            let mut cc = Command::new(&tools.cc);
            cc.current_dir(&dir).arg("-c").args(args).arg("-o").arg(dir.join("x.o"));
            util::run(&mut cc, None, Duration::from_secs(120))
        };
        let c = write("fill.c", "struct cur { char *pos; };\nvoid fill(struct cur *c);\nvoid go(struct cur *c) { fill(c); }\n")?;
        // `ret` inside before(): line 4 of the config (the `len_expr` line's table starts at 2).
        let toml = write(
            "bad.toml",
            "# before() cannot see the return value\n[[function]]\nname = \"fill\"\neffect = \"copy_in\"\n\
             dst_expr = \"before(deref(arg0))\"\nlen_expr = \"deref(arg0) - before(ret)\"\n",
        )?;
        let cfg = format!("-fumsan-config={}", toml.display());
        let out = compile(&[cfg.as_ref(), c.as_os_str()])?;
        let err = out.stderr_str();
        if out.code == Some(0) || !err.contains("bad.toml:2:") || !err.contains("`len_expr`") || !err.contains("before the call")
        {
            return Err(format!("bad config: expected a compile error at bad.toml:2 about `len_expr`: {}", out.describe()));
        }
        // A nested before() in UMSAN_MODEL, on line 3 of the source.
        let c2 = write(
            "nested.c",
            "#include <umsan.h>\nvoid fill(char **pos);\nUMSAN_MODEL(fill, \"effect = 'copy_in'\\ndst_expr = 'before(before(arg0))'\\nlen_expr = '1'\");\n\
             void go(char **p) { fill(p); }\n",
        )?;
        let out = compile(&[c2.as_os_str()])?;
        let err = out.stderr_str();
        if out.code == Some(0) || !err.contains("nested.c:3:") || !err.contains("cannot be nested") {
            return Err(format!("bad UMSAN_MODEL: expected a compile error at nested.c:3: {}", out.describe()));
        }
        Ok(())
    })();
    scratch.finish(r)
}

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = [&LUA, &SQLITE, &ZSTD]
        .into_iter()
        .map(|cb| {
            Trial::test(format!("codebases/{}", cb.name), move || run_codebase(cb).map_err(Failed::from))
                .with_kind("codebase")
        })
        .collect();
    trials.push(Trial::test("models/user-config", || user_config().map_err(Failed::from)));
    trials.push(Trial::test("models/bad-before-expr", || bad_model_expr().map_err(Failed::from)));
    libtest_mimic::run(&args, trials).exit();
}
