//! Function models end to end, through the built `target/release/umsan-cc`
//! (interface.md, sections 2 and 3):
//!
//! - every error path of the model loader: the compile fails (non-zero exit)
//!   with a message naming the model file and line;
//! - a function declared in C and defined in a separate `.S` file, modelled
//!   by the `UMSAN_*` macros;
//! - `-fumsan-config=` (and `UMSAN_CONFIG`) models give the same results as
//!   the equivalent macros.
//!
//! The tools are taken from `$UMSAN_BIN_DIR` if set, else from
//! `<workspace>/target/release` (run `cargo build --release` first); when they
//! are missing the tests print a notice and pass vacuously.

mod common;
use common::Scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn bin_dir() -> PathBuf {
    match std::env::var_os("UMSAN_BIN_DIR") {
        Some(d) => PathBuf::from(d),
        None => workspace_root().join("target").join("release"),
    }
}

/// `umsan-cc`, if it and the pass plugin and runtime next to it are built.
fn umsan_cc() -> Option<PathBuf> {
    let dir = bin_dir();
    let cc = dir.join("umsan-cc");
    let ok = cc.is_file()
        && dir.join("libumsan_pass.so").is_file()
        && dir.join("libumsan_rt.a").is_file();
    if !ok {
        eprintln!("skipped: umsan-cc, libumsan_pass.so or libumsan_rt.a missing in {} (cargo build --release)", dir.display());
        return None;
    }
    Some(cc)
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        Scratch::in_suite("models", name)
    }
}

fn show(out: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A `Command` for `umsan-cc` in `dir`, without inherited umsan variables.
fn cc_cmd(cc: &Path, dir: &Path) -> Command {
    let mut c = Command::new(cc);
    c.current_dir(dir);
    for v in ["UMSAN_CONFIG", "UMSAN_OPTIONS", "UMSAN_PASS_OPTIONS"] {
        c.env_remove(v);
    }
    c
}

fn run_prog(prog: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(prog);
    c.args(args);
    c.env_remove("UMSAN_OPTIONS");
    c.output().unwrap()
}

// ---------------------------------------------------------------------------
// Loader errors

/// A program declaring and calling `cp(void *, const void *, size_t)` (three
/// parameters) and, for the conflict tests, `rd(void *, size_t)`.
const USER_C: &str = r#"#include <stddef.h>
size_t cp(void *dst, const void *src, size_t len);
long rd(void *dst, size_t len);
int main(void) {
    char a[4], b[4] = {1, 2, 3, 4};
    return (int)cp(a, b, 4) + (int)rd(a, 4);
}
"#;

const GOOD_CP: &str = "[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nlen = 2\nret = \"remaining\"\n";

/// Compiles `USER_C` (or `c_source`) with the given model files; the compile
/// must fail, with every `want` in stderr.
fn expect_config_error(name: &str, c_source: Option<&str>, files: &[(&str, &str)], want: &[&str]) {
    let Some(cc) = umsan_cc() else { return };
    let s = Scratch::new(name);
    let src = s.write("user.c", c_source.unwrap_or(USER_C));
    let mut c = cc_cmd(&cc, &s.0);
    c.arg("-c").arg(&src).arg("-o").arg(s.path("user.o"));
    for (file, text) in files {
        let p = s.write(file, text);
        c.arg(format!("-fumsan-config={}", p.display()));
    }
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "{name}: the compile must fail\n{}",
        show(&out)
    );
    for w in want {
        assert!(
            stderr.contains(w),
            "{name}: stderr must contain `{w}`\n{}",
            show(&out)
        );
    }
    assert!(
        !s.path("user.o").exists(),
        "{name}: no object file may be written"
    );
}

#[test]
fn malformed_toml_names_file_and_line() {
    expect_config_error(
        "malformed",
        None,
        &[("bad.toml", "# models\n\n[[function]\nname = \"cp\"\n")],
        &["bad.toml:3"],
    );
    expect_config_error(
        "malformed-value",
        None,
        &[(
            "bad.toml",
            "[[function]]\nname = \"cp\"\neffect = memcpy_like\n",
        )],
        &["bad.toml:3"],
    );
}

#[test]
fn unknown_key_names_file_and_line() {
    expect_config_error(
        "unknown-key",
        None,
        &[("keys.toml", &format!("{GOOD_CP}colour = \"blue\"\n"))],
        &["keys.toml:8", "colour"],
    );
    // An unknown top-level key as well.
    expect_config_error(
        "unknown-top-key",
        None,
        &[("keys.toml", &format!("version = 2\n{GOOD_CP}"))],
        &["keys.toml:1", "version"],
    );
}

#[test]
fn unknown_effect_names_file_and_line() {
    expect_config_error(
        "unknown-effect",
        None,
        &[("fx.toml", "[[function]]\nname = \"cp\"\neffect = \"teleport\"\ndst = 0\nsrc = 1\nlen = 2\nret = \"none\"\n")],
        &["fx.toml:3", "teleport"],
    );
}

#[test]
fn unknown_ret_names_file_and_line() {
    expect_config_error(
        "unknown-ret",
        None,
        &[("ret.toml", "[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nlen = 2\nret = \"sometimes\"\n")],
        &["ret.toml:7", "sometimes"],
    );
}

#[test]
fn missing_fields_name_file_and_line() {
    // No `len`: the error names the [[function]] table (line 3).
    expect_config_error(
        "missing-len",
        None,
        &[("len.toml", "# cp\n\n[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nret = \"none\"\n")],
        &["len.toml:3", "len"],
    );
    // memcpy_like without `dst`.
    expect_config_error(
        "missing-dst",
        None,
        &[("dst.toml", "\n[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\nsrc = 1\nlen = 2\nret = \"none\"\n")],
        &["dst.toml:2", "dst"],
    );
    // copy_out without `src`; no `name`.
    expect_config_error(
        "missing-src",
        None,
        &[(
            "src.toml",
            "[[function]]\nname = \"cp\"\neffect = \"copy_out\"\nlen = 2\nret = \"none\"\n",
        )],
        &["src.toml:1", "src"],
    );
    expect_config_error(
        "missing-name",
        None,
        &[(
            "name.toml",
            "[[function]]\neffect = \"copy_in\"\ndst = 0\nlen = 1\nret = \"none\"\n",
        )],
        &["name.toml:1", "name"],
    );
}

#[test]
fn bad_index_values_name_file_and_line() {
    expect_config_error(
        "negative-index",
        None,
        &[("neg.toml", "[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = -1\nlen = 2\nret = \"none\"\n")],
        &["neg.toml:5"],
    );
    expect_config_error(
        "string-index",
        None,
        &[("str.toml", "[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nlen = \"2\"\nret = \"none\"\n")],
        &["str.toml:6"],
    );
}

#[test]
fn index_past_parameter_count_names_file_and_line() {
    // cp has 3 parameters: positions 0, 1, 2.
    expect_config_error(
        "past-src",
        None,
        &[("idx.toml", "\n\n[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 3\nlen = 2\nret = \"none\"\n")],
        // The error points at the offending key's line.
        &["idx.toml:7", "src index 3", "cp"],
    );
    expect_config_error(
        "past-len",
        None,
        &[("idx.toml", "[[function]]\nname = \"rd\"\neffect = \"copy_in\"\ndst = 0\nlen = 2\nret = \"copied\"\n")],
        &["idx.toml:5", "len index 2", "rd"],
    );
}

#[test]
fn conflicting_models_in_two_files_name_both() {
    let other = "[[function]]\nname = \"cp\"\neffect = \"memcpy_like\"\ndst = 0\nsrc = 1\nlen = 2\nret = \"copied\"\n";
    expect_config_error(
        "conflict-files",
        None,
        &[("a.toml", GOOD_CP), ("b.toml", &format!("\n\n{other}"))],
        &["a.toml:1", "b.toml:3", "cp"],
    );
    // Twice in one file.
    expect_config_error(
        "conflict-one-file",
        None,
        &[("ab.toml", &format!("{GOOD_CP}\n{other}"))],
        &["ab.toml:1", "ab.toml:9"],
    );
}

#[test]
fn conflicting_model_file_and_macro_name_the_file() {
    let c = r#"#include <stddef.h>
#include <umsan.h>
size_t cp(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(cp, 0, 1, 2, none);
int main(void) {
    char a[4], b[4] = {1, 2, 3, 4};
    return (int)cp(a, b, 4);
}
"#;
    expect_config_error(
        "conflict-macro",
        Some(c),
        &[("m.toml", &format!("\n{GOOD_CP}"))],
        &["m.toml:2", "cp"],
    );
}

#[test]
fn identical_models_in_file_and_macro_are_fine() {
    let Some(cc) = umsan_cc() else { return };
    let s = Scratch::new("same-model");
    let src = s.write(
        "user.c",
        "#include <stddef.h>\n#include <umsan.h>\nsize_t cp(void *dst, const void *src, size_t len);\n\
         UMSAN_MEMCPY_LIKE(cp, 0, 1, 2, remaining);\nint main(void) { char a[4], b[4] = {1, 2, 3, 4}; return (int)cp(a, b, 4); }\n",
    );
    let m = s.write("m.toml", GOOD_CP);
    let m2 = s.write("m2.toml", GOOD_CP);
    let out = cc_cmd(&cc, &s.0)
        .arg("-c")
        .arg(&src)
        .arg(format!("-fumsan-config={}", m.display()))
        .arg(format!("-fumsan-config={}", m2.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
}

#[test]
fn missing_config_file_is_an_error() {
    let Some(cc) = umsan_cc() else { return };
    let s = Scratch::new("no-file");
    let src = s.write("user.c", USER_C);
    let out = cc_cmd(&cc, &s.0)
        .arg("-c")
        .arg(&src)
        .arg("-fumsan-config=nowhere.toml")
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nowhere.toml"),
        "{}",
        show(&out)
    );
}

// ---------------------------------------------------------------------------
// A routine defined in a separate assembly file

/// `size_t asm_copy_mc(void *dst, const void *src, size_t len)`: copies at
/// most 8 bytes, returns the number of bytes NOT copied.
/// `long asm_write(int fd, const void *buf, size_t len)`: write(2).
const COPY_S: &str = r#"
        .text
        .globl  asm_copy_mc
        .type   asm_copy_mc, @function
asm_copy_mc:
        mov     %rdx, %rax
        mov     %rdx, %rcx
        cmp     $8, %rcx
        jbe     1f
        mov     $8, %ecx
1:      sub     %rcx, %rax
        rep movsb
        ret
        .size   asm_copy_mc, . - asm_copy_mc

        .globl  asm_write
        .type   asm_write, @function
asm_write:
        mov     $1, %eax
        syscall
        ret
        .size   asm_write, . - asm_write
        .section .note.GNU-stack, "", @progbits
"#;

const COPY_H: &str = r#"#include <stddef.h>
#include <umsan.h>
size_t asm_copy_mc(void *dst, const void *src, size_t len);
long asm_write(int fd, const void *buf, size_t len);
#ifndef USE_TOML
UMSAN_MEMCPY_LIKE(asm_copy_mc, 0, 1, 2, remaining);
UMSAN_COPY_OUT(asm_write, 1, 2, copied);
#endif
"#;

const COPY_TOML: &str = r#"[[function]]
name = "asm_copy_mc"
effect = "memcpy_like"
dst = 0
src = 1
len = 2
ret = "remaining"

[[function]]
name = "asm_write"
effect = "copy_out"
src = 1
len = 2
ret = "copied"
"#;

/// Modes: `clean` (only copied or own bytes used), `over` (a copied
/// uninitialized byte used: line 26), `out` (uninitialized bytes written:
/// line 32).
const COPY_MAIN: &str = r#"#include "copy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "clean";
    unsigned char *src = malloc(16);
    memset(src, 7, 4);                   /* src[4..16) uninitialized */
    unsigned char *dst = malloc(16);
    memset(dst, 1, 16);
    size_t left = asm_copy_mc(dst, src, 16); /* copies 8 */
    unsigned char *volatile vd = dst;
    unsigned char *d = vd;
    printf("left %zu\n", left);
    fflush(stdout);
    if (!strcmp(mode, "clean")) {
        int n = 0;
        for (int i = 0; i < 4; i++)
            n += d[i] == 7;
        for (int i = 8; i < 16; i++)
            n += d[i] == 1;
        printf("%d\n", n);
    } else if (!strcmp(mode, "over")) {
        if (d[5] == 7)
            puts("d[5]");
    } else if (!strcmp(mode, "out")) {
        int fds[2];
        if (pipe(fds) != 0)
            return 1;
        long w = asm_write(fds[1], d, 16);
        printf("wrote %ld\n", w);
    }
    return 0;
}
"#;

struct Run {
    code: Option<i32>,
    stdout: String,
    /// `SUMMARY: umsan: ...` lines.
    summaries: Vec<String>,
}

fn run_mode(prog: &Path, mode: &str) -> Run {
    let out = run_prog(prog, &[mode]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        summaries: stderr
            .lines()
            .filter(|l| l.starts_with("SUMMARY: umsan:"))
            .map(String::from)
            .collect(),
    }
}

fn build(
    cc: &Path,
    dir: &Path,
    extra: &[&str],
    sources: &[&str],
    out: &str,
    env: &[(&str, String)],
) -> PathBuf {
    let mut c = cc_cmd(cc, dir);
    c.arg("-g")
        .arg("-O2")
        .args(extra)
        .args(sources)
        .arg("-o")
        .arg(dir.join(out));
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "build of {out} failed\n{}", show(&o));
    dir.join(out)
}

fn write_copy_project(s: &Scratch) {
    s.write("copy.S", COPY_S);
    s.write("copy.h", COPY_H);
    s.write("main.c", COPY_MAIN);
    s.write("models.toml", COPY_TOML);
}

fn check_copy_runs(label: &str, prog: &Path) {
    let r = run_mode(prog, "clean");
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (Some(0), "left 8\n12\n"),
        "{label} clean: {:?}",
        r.summaries
    );
    assert!(r.summaries.is_empty(), "{label} clean: {:?}", r.summaries);

    let r = run_mode(prog, "over");
    assert_eq!(r.code, Some(77), "{label} over");
    assert_eq!(r.summaries.len(), 1, "{label} over: {:?}", r.summaries);
    assert!(
        r.summaries[0].contains("use-of-uninitialized-value")
            && r.summaries[0].contains("main.c:26:"),
        "{label} over: {:?}",
        r.summaries
    );

    let r = run_mode(prog, "out");
    assert_eq!(r.code, Some(77), "{label} out");
    assert_eq!(r.summaries.len(), 1, "{label} out: {:?}", r.summaries);
    assert!(
        r.summaries[0].contains("uninit-copy-out") && r.summaries[0].contains("main.c:32:"),
        "{label} out: {:?}",
        r.summaries
    );
}

#[test]
fn routine_in_separate_asm_file_with_macros() {
    let Some(cc) = umsan_cc() else { return };
    let s = Scratch::new("asm-file");
    write_copy_project(&s);
    // One call compiling both, and separate objects linked afterwards.
    let prog = build(&cc, &s.0, &[], &["copy.S", "main.c"], "prog", &[]);
    check_copy_runs("macros", &prog);
    build(&cc, &s.0, &["-c"], &["copy.S"], "copy.o", &[]);
    build(&cc, &s.0, &["-c"], &["main.c"], "main.o", &[]);
    let prog2 = build(&cc, &s.0, &[], &["copy.o", "main.o"], "prog2", &[]);
    check_copy_runs("separate objects", &prog2);

    // Natively (plain clang, the macros are no-ops): same stdout for the
    // clean mode.
    let include = workspace_root().join("include");
    let native = s.path("native");
    let o = Command::new("clang-19")
        .current_dir(&s.0)
        .arg("-O2")
        .arg(format!("-I{}", include.display()))
        .args(["copy.S", "main.c", "-o"])
        .arg(&native)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    let r = run_mode(&native, "clean");
    assert_eq!((r.code, r.stdout.as_str()), (Some(0), "left 8\n12\n"));
}

#[test]
fn config_file_models_equal_macro_models() {
    let Some(cc) = umsan_cc() else { return };
    let s = Scratch::new("toml-equiv");
    write_copy_project(&s);
    let macros = build(&cc, &s.0, &[], &["copy.S", "main.c"], "macros", &[]);
    // A relative path, resolved against the compiler's working directory.
    let toml = build(
        &cc,
        &s.0,
        &["-DUSE_TOML", "-fumsan-config=models.toml"],
        &["copy.S", "main.c"],
        "toml",
        &[],
    );
    let toml_abs = s.path("models.toml").display().to_string();
    let env = build(
        &cc,
        &s.0,
        &["-DUSE_TOML"],
        &["copy.S", "main.c"],
        "env",
        &[("UMSAN_CONFIG", toml_abs)],
    );
    check_copy_runs("macros", &macros);
    check_copy_runs("-fumsan-config", &toml);
    check_copy_runs("UMSAN_CONFIG", &env);
    for mode in ["clean", "over", "out"] {
        let a = run_mode(&macros, mode);
        for (label, p) in [("-fumsan-config", &toml), ("UMSAN_CONFIG", &env)] {
            let b = run_mode(p, mode);
            assert_eq!(
                (a.code, &a.stdout, &a.summaries),
                (b.code, &b.stdout, &b.summaries),
                "{mode}: {label} differs from the macros"
            );
        }
    }
    // And without any model, the routine is just uninstrumented code: the
    // over-read and the copy-out go unnoticed. (This is what the models are for.)
    let none = build(
        &cc,
        &s.0,
        &["-DUSE_TOML"],
        &["copy.S", "main.c"],
        "none",
        &[],
    );
    assert!(run_mode(&none, "over").summaries.is_empty());
    assert!(run_mode(&none, "out").summaries.is_empty());
}

#[test]
fn copy_mc_example_same_with_toml() {
    let Some(cc) = umsan_cc() else { return };
    let ex = workspace_root().join("examples").join("copy_mc");
    if !ex.join("main.c").is_file() {
        eprintln!("skipped: {} not found", ex.display());
        return;
    }
    let s = Scratch::new("example");
    let srcs: Vec<String> = ["copy_mc.S", "fixup.c", "main.c"]
        .iter()
        .map(|f| ex.join(f).display().to_string())
        .collect();
    let srcs: Vec<&str> = srcs.iter().map(String::as_str).collect();
    let cfg = format!("-fumsan-config={}", ex.join("models.toml").display());
    let macros = build(&cc, &s.0, &[], &srcs, "macros", &[]);
    let toml = build(&cc, &s.0, &["-DUSE_TOML", &cfg], &srcs, "toml", &[]);
    let expect: [(&str, i32, Option<&str>); 4] = [
        ("full", 0, None),
        ("partial", 0, None),
        ("overread", 77, Some("use-of-uninitialized-value")),
        ("copyout", 77, Some("uninit-copy-out")),
    ];
    for (mode, code, kind) in expect {
        let a = run_mode(&macros, mode);
        let b = run_mode(&toml, mode);
        assert_eq!(a.code, Some(code), "{mode}: {:?}", a.summaries);
        match kind {
            None => assert!(a.summaries.is_empty(), "{mode}: {:?}", a.summaries),
            Some(k) => assert!(
                a.summaries.len() == 1 && a.summaries[0].contains(k),
                "{mode}: {:?}",
                a.summaries
            ),
        }
        assert_eq!(
            (a.code, &a.stdout, &a.summaries),
            (b.code, &b.stdout, &b.summaries),
            "{mode}: toml differs"
        );
    }
}

#[test]
fn macro_errors_fail_the_compile() {
    // A position past the parameters: the error names the macro's line.
    let past = "#include <stddef.h>\n#include <umsan.h>\nsize_t cp(void *dst, const void *src, size_t len);\n\
                UMSAN_MEMCPY_LIKE(cp, 0, 1, 3, none);\n\
                int main(void) { char a[4], b[4] = {1, 2, 3, 4}; return (int)cp(a, b, 4); }\n";
    expect_config_error("macro-past", Some(past), &[], &["user.c:4", "cp"]);
    // An unknown RET token is rejected by the header itself.
    let bad_ret = "#include <stddef.h>\n#include <umsan.h>\nsize_t cp(void *dst, const void *src, size_t len);\n\
                   UMSAN_MEMCPY_LIKE(cp, 0, 1, 2, sometimes);\n\
                   int main(void) { char a[4], b[4] = {1, 2, 3, 4}; return (int)cp(a, b, 4); }\n";
    expect_config_error("macro-bad-ret", Some(bad_ret), &[], &["user.c:4"]);
}
