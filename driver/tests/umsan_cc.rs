//! End-to-end tests of the `umsan-cc` binary and of `include/umsan.h`.
//!
//! Tests that need the real pass plugin or runtime (built by other crates)
//! print a skip notice when those are not built yet; the assembled command is
//! checked regardless, through a copy of `umsan-cc` placed next to stand-in
//! resource files (`-###`), and through a stand-in clang (`UMSAN_CLANG`).

mod common;
use common::Scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const UMSAN_CC: &str = env!("CARGO_BIN_EXE_umsan-cc");
const CLANG: &str = "clang-19";

impl Scratch {
    fn new(name: &str) -> Scratch {
        Scratch::in_suite("cc", name)
    }

    /// A copy of `umsan-cc` in `<scratch>/bin/` with empty stand-ins for the
    /// plugin and runtime next to it (enough for `-###` and for compiles
    /// that fail before code generation).
    fn fake_install(&self) -> PathBuf {
        let bin = self.path("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let exe = bin.join("umsan-cc");
        // A hard link, not a copy: a copy's write descriptor may leak into a
        // child forked by a concurrent test and make exec fail with ETXTBSY.
        if std::fs::hard_link(UMSAN_CC, &exe).is_err() {
            std::fs::copy(UMSAN_CC, &exe).unwrap();
        }
        std::fs::write(bin.join("libumsan_pass.so"), "").unwrap();
        std::fs::write(bin.join("libumsan_rt.a"), "").unwrap();
        exe
    }

    /// A stand-in clang that prints its environment variable for the pass and
    /// its arguments, one per line, and exits with status 42.
    fn fake_clang(&self) -> PathBuf {
        let p = self.write(
            "fake-clang",
            "#!/bin/sh\necho \"PASS_OPTIONS=${UMSAN_PASS_OPTIONS-unset}\"\nfor a in \"$@\"; do echo \"$a\"; done\nexit 42\n",
        );
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    }
}

/// `exe` with a clean umsan environment, a private cache, in `dir`.
fn cmd(exe: &Path, dir: &Scratch) -> Command {
    let mut c = Command::new(exe);
    c.current_dir(&dir.0)
        .env_remove("UMSAN_CONFIG")
        .env_remove("UMSAN_CLANG")
        .env_remove("UMSAN_PASS_OPTIONS")
        .env("XDG_CACHE_HOME", dir.path("cache"));
    c
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The real plugin and runtime next to the tested binary, if built.
fn real_resources() -> Option<(PathBuf, PathBuf)> {
    let dir = Path::new(UMSAN_CC).parent().unwrap();
    let plugin = dir.join("libumsan_pass.so");
    let runtime = dir.join("libumsan_rt.a");
    if plugin.is_file() && runtime.is_file() {
        Some((plugin, runtime))
    } else {
        eprintln!(
            "SKIP (real compile): {} or {} not built yet",
            plugin.display(),
            runtime.display()
        );
        None
    }
}

#[test]
fn version_is_clangs_plus_ours() {
    let s = Scratch::new("version");
    let ours = cmd(Path::new(UMSAN_CC), &s)
        .arg("--version")
        .output()
        .unwrap();
    let theirs = Command::new(CLANG).arg("--version").output().unwrap();
    assert!(ours.status.success(), "{}", stderr(&ours));
    let want = format!(
        "{}umsan-cc {} (umsan pass + runtime)\n",
        stdout(&theirs),
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(stdout(&ours), want);
}

#[test]
fn preprocessing_matches_clang_and_defines_umsan() {
    let s = Scratch::new("pp");
    s.write(
        "p.c",
        "#include <stddef.h>\nint x = sizeof(size_t);\n#ifdef __UMSAN__\n#endif\n",
    );
    let ours = cmd(Path::new(UMSAN_CC), &s)
        .args(["-E", "p.c"])
        .output()
        .unwrap();
    assert!(ours.status.success(), "{}", stderr(&ours));
    // clang's output, with the configuration header for compiler caches
    // (see `umsan_driver::cc::cache`) force-included.
    let header = s.path("cache/umsan/config");
    let header = std::fs::read_dir(&header).unwrap().next().unwrap().unwrap().path();
    let header = header.join("umsan-config.h");
    let theirs = Command::new(CLANG)
        .current_dir(&s.0)
        .args(["-E", "p.c", "-include"])
        .arg(&header)
        .output()
        .unwrap();
    assert_eq!(stdout(&ours), stdout(&theirs));
    assert!(stdout(&ours).contains("\n#pragma umsan_config \""), "{}", stdout(&ours));

    let mut child = cmd(Path::new(UMSAN_CC), &s)
        .args(["-E", "-x", "c", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"__UMSAN__\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let last = stdout(&out)
        .lines()
        .rfind(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned);
    assert_eq!(last.as_deref(), Some("1"));

    // umsan.h is on the include path (here: the source checkout's include/).
    s.write("h.c", "#include <umsan.h>\nUMSAN_HEADER_FOUND\n");
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-E", "h.c"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("umsan_memmove_metadata"));
}

#[test]
fn failing_compile_has_clangs_status_and_diagnostics() {
    let s = Scratch::new("fail");
    let exe = s.fake_install();
    s.write("bad.c", "int main(void) { return 0 }\n");
    let ours = cmd(&exe, &s)
        .args(["-c", "bad.c", "-o", "bad.o"])
        .output()
        .unwrap();
    let theirs = Command::new(CLANG)
        .current_dir(&s.0)
        .args(["-c", "bad.c", "-o", "bad.o"])
        .output()
        .unwrap();
    assert!(!theirs.status.success());
    assert_eq!(ours.status.code(), theirs.status.code());
    assert!(
        stderr(&ours).contains("bad.c:1:26: error: expected ';'"),
        "{}",
        stderr(&ours)
    );
    assert!(!stderr(&ours).contains("umsan-cc"), "{}", stderr(&ours));
    // The embedded header was materialized into the (private) cache, next
    // to the configuration header for compiler caches.
    let mut cached: Vec<String> = std::fs::read_dir(s.path("cache/umsan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cached.retain(|d| d != "config");
    assert_eq!(cached.len(), 1, "{cached:?}");
    assert!(s.path("cache/umsan").join(&cached[0]).join("include/umsan.h").is_file());
    assert!(s.path("cache/umsan/config").is_dir());
}

#[test]
fn unknown_own_flag_is_a_usage_error() {
    let s = Scratch::new("unknown");
    s.write("a.c", "int x;\n");
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-c", "a.c", "-fumsan-x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("umsan-cc: error: unknown option '-fumsan-x'"),
        "{err}"
    );
    assert!(err.contains("-fumsan-track-origins"), "{err}");
    assert!(!s.path("a.o").exists());

    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-c", "a.c", "-fumsan-config=missing.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("'missing.toml'"), "{}", stderr(&out));
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-c", "a.c"])
        .env("UMSAN_CONFIG", "gone.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("UMSAN_CONFIG"), "{}", stderr(&out));
}

#[test]
fn missing_plugin_is_a_clear_error() {
    let s = Scratch::new("noplugin");
    let exe = s.fake_install();
    std::fs::remove_file(s.path("bin/libumsan_pass.so")).unwrap();
    s.write("a.c", "int x;\n");
    let out = cmd(&exe, &s).args(["-c", "a.c"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("libumsan_pass.so") && err.contains("cargo build --release"),
        "{err}"
    );
    // Preprocessing does not need it.
    assert!(cmd(&exe, &s)
        .args(["-E", "a.c"])
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn assembled_commands_seen_by_clang_dry_run() {
    let s = Scratch::new("dryrun");
    let exe = s.fake_install();
    s.write("a.c", "int main(void) { return 0; }\n");
    let bin = s.path("bin");
    let plugin = format!("-fpass-plugin={}", bin.join("libumsan_pass.so").display());

    let out = cmd(&exe, &s)
        .args(["-###", "-c", "a.c", "-o", "a.o"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let cc1 = stderr(&out);
    for want in [plugin.as_str(), "\"__UMSAN__=1\"", "-mframe-pointer=all"] {
        assert!(cc1.contains(want), "missing {want} in\n{cc1}");
    }

    let out = cmd(&exe, &s)
        .args(["-###", "a.c", "-o", "a"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let link = stderr(&out);
    let runtime = bin.join("libumsan_rt.a").display().to_string();
    for want in [
        runtime.as_str(),
        "\"-u\" \"__umsan_preinit_anchor\"",
        "--export-dynamic-symbol=__umsan_*",
        "--export-dynamic-symbol=umsan_*",
        "\"-lpthread\"",
        "\"-ldl\"",
    ] {
        assert!(link.contains(want), "missing {want} in\n{link}");
    }

    let out = cmd(&exe, &s)
        .args(["-###", "-shared", "-fPIC", "a.c", "-o", "a.so"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!stderr(&out).contains("libumsan_rt.a"));
    let out = cmd(&exe, &s).args(["-###", "-E", "a.c"]).output().unwrap();
    assert!(!stderr(&out).contains("fpass-plugin"));
}

#[test]
fn pass_options_and_arguments_reach_clang() {
    let s = Scratch::new("fakeclang");
    let exe = s.fake_install();
    let clang = s.fake_clang();
    s.write("m.toml", "");
    s.write("own.rsp", "-O1 '-fno-umsan-track-origins'");
    s.write("plain.rsp", "-g");
    let out = cmd(&exe, &s)
        .env("UMSAN_CLANG", &clang)
        .env("UMSAN_CONFIG", "m.toml")
        .args([
            "-c",
            "a.c",
            "-fumsan-eager-checks",
            "@own.rsp",
            "@plain.rsp",
        ])
        .output()
        .unwrap();
    // Not our status: the (fake) clang's.
    assert_eq!(out.status.code(), Some(42), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    let toml = s.path("m.toml").display().to_string();
    assert_eq!(
        lines[0],
        format!("PASS_OPTIONS=track-origins=0;eager-checks=1;msan-compat=1;config={toml}")
    );
    let include = lines.iter().find(|l| l.starts_with("-I")).unwrap().clone();
    assert!(
        Path::new(&include[2..]).join("umsan.h").is_file(),
        "{include}"
    );
    let plugin_path = s.path("bin/libumsan_pass.so").display().to_string();
    let plugin = format!("-fpass-plugin={plugin_path}");
    let i = lines.iter().position(|l| l == "-include").unwrap();
    let header = lines[i + 1].clone();
    assert!(header.ends_with("/umsan-config.h"), "{header}");
    let plugin_dep = format!("-fdepfile-entry={plugin_path}");
    let toml_dep = format!("-fdepfile-entry={toml}");
    // (No -fno-omit-frame-pointer: origins are off.)
    let want = [
        "-fno-discard-value-names",
        "-fno-assume-sane-operator-new",
        "-c",
        "a.c",
        "-O1",
        "@plain.rsp",
        "-D__UMSAN__=1",
        "-Xclang",
        "-fsanitize=memory",
        &include,
        "-include",
        &header,
        "-Xclang",
        &plugin_dep,
        "-Xclang",
        &toml_dep,
        &plugin,
    ];
    assert_eq!(lines[1..], want);

    // Without the pass, no options in the environment.
    let out = cmd(&exe, &s)
        .env("UMSAN_CLANG", &clang)
        .args(["-E", "a.c"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().next(), Some("PASS_OPTIONS=unset"));
}

#[test]
fn compiles_an_object_and_links_a_program() {
    let Some(_) = real_resources() else { return };
    let s = Scratch::new("real");
    s.write("a.c", "#include <umsan.h>\nint main(void) { char c = 0; return (int)umsan_test_initialized(&c, 1) + 1; }\n");
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-c", "a.c", "-o", "a.o"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let obj = std::fs::read(s.path("a.o")).unwrap();
    assert_eq!(&obj[..4], b"\x7fELF");
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["a.o", "-o", "a"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let run = Command::new(s.path("a")).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn links_plain_objects_with_the_real_runtime() {
    let runtime = Path::new(UMSAN_CC).parent().unwrap().join("libumsan_rt.a");
    if !runtime.is_file() {
        eprintln!("SKIP (real link): {} not built yet", runtime.display());
        return;
    }
    // Objects-only links do not run the pass: a stand-in plugin will do.
    let s = Scratch::new("rtlink");
    let exe = s.fake_install();
    std::fs::copy(&runtime, s.path("bin/libumsan_rt.a")).unwrap();
    s.write("m.c", "int main(void) { return 3; }\n");
    let out = Command::new(CLANG)
        .current_dir(&s.0)
        .args(["-c", "m.c", "-o", "m.o"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = cmd(&exe, &s).args(["m.o", "-o", "m"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let run = Command::new(s.path("m")).output().unwrap();
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
}

/// A valid pass plugin that registers nothing, built with clang++-19.
const NOOP_PLUGIN: &str = r#"#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "noop", "0", [](llvm::PassBuilder &) {}};
}
"#;

/// The whole driver with real clang, a real (no-op) plugin and the real
/// runtime: objects, several sources, stdin, shared objects, archives.
#[test]
fn end_to_end_with_a_stand_in_plugin() {
    let runtime = Path::new(UMSAN_CC).parent().unwrap().join("libumsan_rt.a");
    if !runtime.is_file() || !have("clang++-19") || !have("llvm-config-19") {
        eprintln!("SKIP (stand-in plugin): runtime not built or clang++-19/llvm-config-19 missing");
        return;
    }
    let s = Scratch::new("e2e");
    let exe = s.fake_install();
    std::fs::copy(&runtime, s.path("bin/libumsan_rt.a")).unwrap();
    let cxxflags = Command::new("llvm-config-19")
        .arg("--cxxflags")
        .output()
        .unwrap();
    let src = s.write("noop.cpp", NOOP_PLUGIN);
    let out = Command::new("clang++-19")
        .args(["-shared", "-fPIC", "-o"])
        .arg(s.path("bin/libumsan_pass.so"))
        .args(stdout(&cxxflags).split_whitespace())
        .arg(&src)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    s.write(
        "a.c",
        "#include <stdio.h>\n#include <umsan.h>\nint helper(int);\n\
         int main(void) { char c = 1; printf(\"%d %ld\\n\", helper(2), \
         umsan_test_initialized(&c, 1)); return 0; }\n",
    );
    s.write("b.c", "int helper(int x) { return x * 2; }\n");
    // The stand-in plugin does not neutralize MemorySanitizer's pass, as
    // umsan's does (pass/src/shim.cpp): msan-compat is off here.
    let run_ok = |args: &[&str]| {
        let out = cmd(&exe, &s).args(args).arg("-fno-umsan-msan-compat").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    };
    let expect_output = |prog: &str| {
        let out = Command::new(s.path(prog)).output().unwrap();
        assert!(out.status.success(), "{prog}: {}", stderr(&out));
        assert_eq!(stdout(&out), "4 -1\n", "{prog}");
    };

    run_ok(&["-O2", "-g", "-Wall", "-Werror", "a.c", "b.c", "-o", "ab"]);
    expect_output("ab");
    run_ok(&["-c", "-fPIC", "b.c", "-o", "b.o", "-fumsan-eager-checks"]);
    assert_eq!(&std::fs::read(s.path("b.o")).unwrap()[..4], b"\x7fELF");
    run_ok(&["-shared", "b.o", "-o", "libb.so"]);
    let rpath = format!("-Wl,-rpath,{}", s.0.display());
    run_ok(&["a.c", "-L.", "-lb", &rpath, "-o", "ab_shared"]);
    expect_output("ab_shared");
    s.write("args.rsp", "-c 'b.c' -o b2.o -fno-umsan-track-origins");
    run_ok(&["@args.rsp", "-Werror"]);
    assert!(s.path("b2.o").is_file());
    run_ok(&["-x", "c", "a.c", "-x", "none", "b2.o", "-o", "ab_x"]);
    expect_output("ab_x");
    // `-x c` still in effect when umsan-cc appends the runtime archive.
    run_ok(&["-x", "c", "a.c", "b.c", "-o", "ab_xc"]);
    expect_output("ab_xc");
    s.write("x.s", "nop\n");
    run_ok(&["-Werror", "-c", "x.s", "-o", "x.o"]);
}

// ---- include/umsan.h ----

const HEADER_USER: &str = r#"#include <umsan.h>
#include <string.h>

size_t my_copy_mc(void *dst, const void *src, size_t len);
UMSAN_MEMCPY_LIKE(my_copy_mc, 0, 1, 2, remaining);
long my_write(int fd, const void *buf, size_t n);
UMSAN_COPY_OUT(my_write, 1, 2, none);
long my_read(int fd, void *buf, size_t n);
UMSAN_COPY_IN(my_read, 1, 2, copied);

size_t my_copy_mc(void *dst, const void *src, size_t len) {
    memcpy(dst, src, len);
    return 0;
}
long my_write(int fd, const void *buf, size_t n) { (void)fd; (void)buf; return (long)n; }
long my_read(int fd, void *buf, size_t n) { (void)fd; (void)buf; return (long)n; }

int main(void) {
    char a[8], b[8] = {0};
    my_copy_mc(a, b, sizeof a);
    my_write(1, a, sizeof a);
    my_read(0, a, sizeof a);
    umsan_memmove_metadata(a, b, sizeof a);
    umsan_poison(a, sizeof a);
    umsan_unpoison(a, sizeof a);
    umsan_check_initialized(a, sizeof a);
    return (int)umsan_test_initialized(a, sizeof a) + 1;
}
"#;

fn include_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../include")
        .canonicalize()
        .unwrap()
}

fn compile_header_user(compiler: &str, flags: &[&str], source: &str, s: &Scratch) -> Output {
    let src = s.write("user.c", source);
    Command::new(compiler)
        .args(flags)
        .arg("-I")
        .arg(include_dir())
        .arg(&src)
        .output()
        .unwrap()
}

#[test]
fn header_is_warning_free_without_umsan() {
    let s = Scratch::new("hdr-plain");
    let mut compilers = vec![(
        CLANG,
        vec!["-Wall", "-Wextra", "-Werror", "-pedantic", "-std=c11"],
    )];
    for std in ["-std=c89", "-std=c99", "-std=c11"] {
        if have("gcc") {
            compilers.push(("gcc", vec!["-Wall", "-Wextra", "-Werror", "-pedantic", std]));
        }
    }
    compilers.push((
        CLANG,
        vec![
            "-Weverything",
            "-Werror",
            "-Wno-declaration-after-statement",
            "-Wno-unsafe-buffer-usage",
        ],
    ));
    if have("g++") {
        compilers.push((
            "g++",
            vec!["-x", "c++", "-Wall", "-Wextra", "-Werror", "-pedantic"],
        ));
    } else {
        eprintln!("SKIP (g++): not installed");
    }
    if !have("gcc") {
        eprintln!("SKIP (gcc): not installed");
    }
    for (cc, flags) in compilers {
        let mut all = flags.clone();
        all.extend(["-c", "-o", "/dev/null"]);
        let out = compile_header_user(cc, &all, HEADER_USER, &s);
        assert!(out.status.success(), "{cc} {flags:?}:\n{}", stderr(&out));
        assert_eq!(stderr(&out), "", "{cc} {flags:?}");
    }
}

#[test]
fn header_annotations_under_umsan() {
    let s = Scratch::new("hdr-umsan");
    for extra in [&[][..], &["-x", "c++"][..]] {
        let mut flags = vec![
            "-D__UMSAN__=1",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-emit-llvm",
            "-S",
            "-o",
            "-",
        ];
        flags.extend(extra);
        let out = compile_header_user(CLANG, &flags, HEADER_USER, &s);
        assert!(out.status.success(), "{extra:?}: {}", stderr(&out));
        let ir = stdout(&out);
        // Each model is a record in section __umsan_models naming the
        // function and its model string.
        for (func, note) in [
            ("my_copy_mc", "umsan:memcpy_like:0:1:2:remaining"),
            ("my_write", "umsan:copy_out:-:1:2:none"),
            ("my_read", "umsan:copy_in:1:-:2:copied"),
        ] {
            assert!(
                ir.contains(&format!("c\"{note}\\00\"")),
                "{note} missing:\n{ir}"
            );
            let record = ir
                .lines()
                .filter(|l| l.contains("section \"__umsan_models\""))
                .find(|l| l.contains(func));
            assert!(record.is_some(), "{func} has no model record:\n{ir}");
        }
        // The runtime API is external under umsan.
        assert!(ir.contains("declare void @umsan_poison"), "{ir}");
    }
}

#[test]
fn header_rejects_bad_annotations() {
    let s = Scratch::new("hdr-bad");
    let cases = [
        (
            "UMSAN_MEMCPY_LIKE(f, 0, 1, 2, sometimes);",
            "umsan_ret_sometimes_",
        ),
        ("UMSAN_COPY_IN(f, -1, 2, none);", "negative"),
    ];
    for (line, why) in cases {
        let src = format!(
            "#include <umsan.h>\nlong f(void *d, const void *s, unsigned long n);\n{line}\n"
        );
        for defines in [&[][..], &["-D__UMSAN__=1"][..]] {
            let mut flags = vec!["-fsyntax-only"];
            flags.extend(defines);
            let out = compile_header_user(CLANG, &flags, &src, &s);
            assert!(!out.status.success(), "{line} {defines:?} compiled");
            assert!(stderr(&out).contains(why), "{line}: {}", stderr(&out));
        }
    }
}

/// `umsan-c++` is `umsan-cc` run under that name (the build's symlink;
/// here `argv[0]`): clang++ semantics, so a mixed C/C++ program links with
/// the system's libstdc++ and one runtime, and a report in the C part
/// carries the C++ `new[]` origin. A plain `clang++` link of the same
/// objects fails naming what to do.
#[test]
fn cxx_wrapper_links_mixed_c_and_cxx_programs() {
    use std::os::unix::process::CommandExt;
    let Some(_) = real_resources() else { return };
    if !have("clang++-19") {
        eprintln!("SKIP: clang++-19 not found");
        return;
    }
    let s = Scratch::new("cxx-mixed");
    s.write(
        "lib.c",
        "int lib_positive(const int *p, int n) {\n  int k = 0;\n  for (int i = 0; i < n; i++)\n    if (p[i] > 0) k++;\n  return k;\n}\n",
    );
    s.write(
        "main.cpp",
        "#include <cstdio>\n#include <string>\n#include <vector>\nextern \"C\" int lib_positive(const int *p, int n);\n\
         int *volatile keep;\nint main() {\n  std::vector<std::string> v = {\"a\", \"b\"};\n  std::string s = v[0] + v[1];\n\
         printf(\"%s\\n\", s.c_str());\n  keep = new int[4];\n  int *p = keep;\n  p[0] = 1; p[1] = 2;\n\
         return lib_positive(p, 4);\n}\n",
    );
    let cxx = |s: &Scratch| {
        let mut c = cmd(Path::new(UMSAN_CC), s);
        c.arg0("umsan-c++");
        c
    };
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-g", "-fumsan-track-origins", "-c", "lib.c", "-o", "lib.o"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cxx(&s)
        .args(["-g", "-fumsan-track-origins", "-c", "main.cpp", "-o", "main.o"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cxx(&s).args(["main.o", "lib.o", "-o", "prog"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let run = Command::new(s.path("prog")).env_remove("UMSAN_OPTIONS").output().unwrap();
    assert_eq!(run.status.code(), Some(77), "{}", stderr(&run));
    let go_on = Command::new(s.path("prog")).env("UMSAN_OPTIONS", "halt_on_error=0").output().unwrap();
    assert_eq!(stdout(&go_on), "ab\n", "{}", stderr(&go_on));
    let err = stderr(&run);
    assert!(err.contains("in lib_positive") && err.contains("lib.c:4"), "{err}");
    assert!(err.contains("in operator new[]"), "{err}");
    let version = cxx(&s).arg("--version").output().unwrap();
    assert!(stdout(&version).contains("umsan-c++ "), "{}", stdout(&version));
    // The same objects linked by plain clang++: no runtime, a clear name.
    let plain = Command::new("clang++-19")
        .current_dir(&s.0)
        .args(["main.o", "lib.o", "-o", "plain"])
        .output()
        .unwrap();
    assert!(!plain.status.success());
    assert!(
        stderr(&plain).contains("__umsan_link_with_umsan_cc_or_umsan_cxx"),
        "{}",
        stderr(&plain)
    );
}

#[test]
fn msan_flags_and_ignorelists_are_checked() {
    let s = Scratch::new("msanflags");
    s.write("a.c", "int x;\n");
    // -fsanitize=memory would run MemorySanitizer next to umsan: refused.
    for flag in ["-fsanitize=memory", "-fsanitize=undefined,memory"] {
        let out = cmd(Path::new(UMSAN_CC), &s).args(["-c", "a.c", flag]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.starts_with(&format!("umsan-cc: error: '{flag}': umsan-cc replaces MemorySanitizer, drop this flag")), "{err}");
        assert!(!s.path("a.o").exists());
    }
    // A malformed ignorelist names its file and line; a missing one its file.
    s.write("ign.txt", "# deliberate reads\n[memory]\nfun:ok_*\nsrc\n");
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-c", "a.c", "-fsanitize-ignorelist=ign.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "umsan-cc: error: ignorelist 'ign.txt' line 4: malformed line 'src' (expected 'fun:PATTERN' or 'src:PATTERN')\n"
    );
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-c", "a.c", "-fsanitize-ignorelist=none.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ignorelist 'none.txt' (from -fsanitize-ignorelist): does not exist"), "{}", stderr(&out));
}

#[test]
fn msan_feature_test_in_the_preprocessor() {
    let s = Scratch::new("msanfeature");
    s.write(
        "f.c",
        "#include <sanitizer/msan_interface.h>\n#if __has_feature(memory_sanitizer)\nmsan_on\n#else\nmsan_off\n#endif\n",
    );
    let pp = |extra: &[&str]| {
        let out = cmd(Path::new(UMSAN_CC), &s).args(["-E", "-P", "f.c"]).args(extra).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert!(pp(&[]).contains("msan_on"));
    assert!(pp(&["-fno-umsan-msan-compat"]).contains("msan_off"));
    // The last of the pair wins.
    assert!(pp(&["-fno-umsan-msan-compat", "-fumsan-msan-compat"]).contains("msan_on"));
}

#[test]
fn msan_compat_objects_carry_no_memorysanitizer() {
    let Some(_) = real_resources() else { return };
    let s = Scratch::new("msanobj");
    s.write(
        "a.c",
        "#include <sanitizer/msan_interface.h>\n\
         __attribute__((no_sanitize(\"memory\"))) int peek(const int *p) { return *p; }\n\
         int main(void) { int x; __msan_unpoison(&x, sizeof x); return peek(&x) * 0; }\n",
    );
    for opt in ["-O0", "-O2"] {
        let out = cmd(Path::new(UMSAN_CC), &s).args(["-c", opt, "a.c", "-o", "a.o"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        // MemorySanitizer's pass ran (clang's front end was told memory is
        // sanitized) but left nothing: no constructor, no __msan_ ABI.
        let nm = Command::new("nm").arg(s.path("a.o")).output().unwrap();
        let syms = stdout(&nm);
        assert!(syms.contains("U __msan_unpoison"), "{syms}");
        for l in syms.lines() {
            assert!(!l.contains("msan.module_ctor") && !l.contains("__msan_init") && !l.contains("__msan_param_tls"), "{syms}");
        }
        let out = cmd(Path::new(UMSAN_CC), &s).args(["a.o", "-o", "a"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let run = Command::new(s.path("a")).output().unwrap();
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
}

/// What clang's pass manager ran (`-fdebug-pass-manager`, on stderr) while
/// umsan-cc compiled `source` at -O2.
fn pass_manager_log(scratch: &str, source: &str) -> String {
    let s = Scratch::new(scratch);
    s.write("t.c", source);
    let out = cmd(Path::new(UMSAN_CC), &s)
        .args(["-O2", "-c", "t.c", "-o", "t.o", "-Xclang", "-fdebug-pass-manager"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
}

/// clang schedules its own clean-up after MemorySanitizerPass (which umsan's
/// plugin makes do nothing); umsan already ran the same passes after its
/// instrumentation, so clang's copy is skipped (pass/src/shim.cpp; the
/// second round took about 4 s of sqlite3.c's compile).
#[test]
fn clangs_clean_up_after_msan_is_skipped() {
    let Some(_) = real_resources() else { return };
    let log = pass_manager_log(
        "cleanuponce",
        "int f(int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }\n",
    );
    let (before, after) = log.split_once("Running pass: MemorySanitizerPass").expect("MemorySanitizerPass did not run");
    let (_, umsans) = before.split_once("Running pass: {anonymous}::UmsanPass").expect("umsan's pass did not run");
    for p in ["EarlyCSEPass", "InstCombinePass", "JumpThreadingPass", "GVNPass"] {
        assert!(umsans.contains(&format!("Running pass: {p} on f")), "umsan's clean-up lacks {p}:\n{umsans}");
        assert!(after.contains(&format!("Skipping pass: {p} on f")), "{p} not skipped:\n{after}");
        assert!(!after.contains(&format!("Running pass: {p}")), "{p} ran again:\n{after}");
    }
}

/// The functions umsan's interprocedural step changes (here `g`: both calls
/// pass constants for `n`) are cleaned up again, JumpThreading included:
/// it threads the checks a dropped or hoisted one leaves repeated (Lua's
/// interpreter ran 3% more instructions without it); the others are not.
#[test]
fn ipo_changed_functions_are_cleaned_up_again() {
    let Some(_) = real_resources() else { return };
    let log = pass_manager_log(
        "ipoclean",
        "static __attribute__((noinline)) int g(int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }\n\
         int f(int *p) { return g(p, 4) + g(p, 8); }\n",
    );
    let (_, after_ipo) = log.split_once("Running pass: {anonymous}::UmsanIpoPass").expect("no IPO step");
    let (reclean, _) = after_ipo.split_once("Running pass: MemorySanitizerPass").expect("MemorySanitizerPass did not run");
    for p in ["EarlyCSEPass", "InstCombinePass", "SimplifyCFGPass", "JumpThreadingPass"] {
        assert!(reclean.contains(&format!("Running pass: {p} on g")), "g's re-clean lacks {p}:\n{reclean}");
    }
    assert!(!reclean.contains("Running pass: EarlyCSEPass on f"), "f was not changed:\n{reclean}");
}

/// With halt_on_error=0 a repeated check is dropped by its cheap
/// frame-pointer key before any unwinding (runtime/src/report.rs); reports
/// whose stacks differ only behind a libc function (a qsort callback from
/// two callers) or in another thread must all still be printed, once each.
#[test]
fn keep_going_prints_each_distinct_stack_once() {
    let Some(_) = real_resources() else { return };
    let s = Scratch::new("fastdedup");
    s.write(
        "cb.c",
        r#"#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static volatile int sink;
static int *volatile u;
__attribute__((noinline)) static void check(void) {
    if (*u > 0)
        sink++;
}
static int cmp(const void *a, const void *b) {
    check();
    return *(const int *)a - *(const int *)b;
}
__attribute__((noinline)) static void sort_a(int *v) { qsort(v, 4, sizeof *v, cmp); }
__attribute__((noinline)) static void sort_b(int *v) { qsort(v, 4, sizeof *v, cmp); }
static void *thr(void *x) {
    for (int i = 0; i < 1000; i++)
        check();
    return x;
}
int main(void) {
    u = malloc(sizeof *u);
    int v[4] = {4, 3, 2, 1};
    for (int i = 0; i < 100000; i++)
        check();
    for (int i = 0; i < 3; i++) {
        sort_a(v);
        sort_b(v);
    }
    pthread_t t;
    pthread_create(&t, 0, thr, 0);
    pthread_join(t, 0);
    puts("done");
    return 0;
}
"#,
    );
    for flags in [&["-O0"][..], &["-O2"], &["-O2", "-fno-umsan-track-origins"]] {
        let out = cmd(Path::new(UMSAN_CC), &s).args(["-g", "cb.c", "-o", "cb", "-pthread"]).args(flags).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let run = Command::new(s.path("cb")).env("UMSAN_OPTIONS", "halt_on_error=0").output().unwrap();
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(0), "{err}");
        assert_eq!(stdout(&run), "done\n");
        // Each report once: no two reports with the same stack.
        let mut stacks: Vec<String> = err
            .split("==WARNING: umsan: ")
            .skip(1)
            .map(|r| {
                r.lines()
                    .filter(|l| l.starts_with("    #"))
                    // "#N 0xPC in ...": the same stack is the same pcs (one
                    // line may hold several calls, e.g. an unrolled loop).
                    .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        let n = stacks.len();
        stacks.sort();
        stacks.dedup();
        assert_eq!(stacks.len(), n, "{flags:?}: a stack was reported twice:\n{err}");
        for (what, needle) in [("the loop in main", " in main "), ("sort_a", " in sort_a "), ("sort_b", " in sort_b "), ("the thread", " in thr ")] {
            assert!(
                err.split("==WARNING").any(|r| r.contains(needle) && (what != "the loop in main" || !r.contains(" in cmp "))),
                "{flags:?}: no report through {what}:\n{err}"
            );
        }
    }
}
