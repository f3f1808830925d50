//! Tests of `cargo umsan`: argument and environment assembly through the
//! library's public API, the binary's command-line behaviour, and an
//! end-to-end run of `cargo umsan test` (and `nextest run`) in
//! `examples/cargo`, and one of `examples/cargo-cxx` (C++ through the `cc`
//! crate).
//!
//! The end-to-end test needs the real pass plugin and runtime
//! (`target/release/libumsan_pass.so`, `libumsan_rt.a`: run
//! `cargo build --release` first); without them it prints a skip notice. It
//! builds into `target/cargo-umsan-e2e/`, so repeated runs are incremental.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use umsan_driver::cargo::{self, args, env, Context, Plan};

const CARGO_UMSAN: &str = env!("CARGO_BIN_EXE_cargo-umsan");
const UMSAN_CC: &str = env!("CARGO_BIN_EXE_umsan-cc");
const HOST: &str = "x86_64-unknown-linux-gnu";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

// ---------------------------------------------------------------------------
// Assembly, through the public API.

fn context() -> Context {
    Context {
        cargo: "/c/cargo".into(),
        host: HOST.into(),
        project_target_dir: Some("/proj/target".into()),
        umsan_cc: "/t/bin/umsan-cc".into(),
        umsan_cxx: "/t/bin/umsan-c++".into(),
        runtime: "/proj/target/umsan/umsan-rt/00000000000000ab/libumsan_rt.a".into(),
        stamp: "feed".into(),
    }
}

/// The plan for `argv` in environment `vars`.
fn plan(argv: &str, vars: &[(&str, &str)]) -> Plan {
    let argv: Vec<OsString> = argv.split_whitespace().map(OsString::from).collect();
    let inv = args::parse(&argv).unwrap();
    let vars: BTreeMap<&str, &str> = vars.iter().copied().collect();
    let mut cx = context();
    if inv.target_dir.is_some() {
        cx.project_target_dir = None;
    }
    cargo::plan(&inv, &cx, &|k| vars.get(k).map(OsString::from)).unwrap()
}

fn var(p: &Plan, k: &str) -> Option<String> {
    p.env
        .get(k)
        .cloned()
        .flatten()
        .map(|v| v.into_string().unwrap().replace(env::ENCODED_SEP, "|"))
}

fn args_of(p: &Plan) -> Vec<String> {
    p.args
        .iter()
        .map(|a| a.to_str().unwrap().to_owned())
        .collect()
}

const RT: &str = "/proj/target/umsan/umsan-rt/00000000000000ab/libumsan_rt.a";

fn link_flags() -> Vec<String> {
    vec![
        "-Clink-arg=-Wl,-u,__umsan_preinit_anchor".into(),
        "-Clink-arg=-Wl,--export-dynamic-symbol=__umsan_*".into(),
        "-Clink-arg=-Wl,--export-dynamic-symbol=umsan_*".into(),
        format!("-Clink-arg={RT}"),
    ]
}

#[test]
fn test_subcommand_environment() {
    let p = plan("umsan test -p foo -- --skip seeded --nocapture", &[]);
    assert_eq!(p.cargo, "/c/cargo");
    // The user's arguments are forwarded untouched, after the subcommand.
    assert_eq!(
        args_of(&p),
        ["test", "-p", "foo", "--", "--skip", "seeded", "--nocapture"]
    );
    assert_eq!(
        p.target_dir.as_deref(),
        Some(Path::new("/proj/target/umsan"))
    );

    let want: Vec<(&str, String)> = vec![
        ("CARGO_BUILD_TARGET", HOST.into()),
        ("CARGO_TARGET_DIR", "/proj/target/umsan".into()),
        ("CC_x86_64-unknown-linux-gnu", "/t/bin/umsan-cc".into()),
        ("CC_x86_64_unknown_linux_gnu", "/t/bin/umsan-cc".into()),
        (
            "CFLAGS_x86_64-unknown-linux-gnu",
            "-g -D__UMSAN_TOOLCHAIN_STAMP__=0xfeed".into(),
        ),
        ("CXX_x86_64-unknown-linux-gnu", "/t/bin/umsan-c++".into()),
        ("CXX_x86_64_unknown_linux_gnu", "/t/bin/umsan-c++".into()),
        (
            "CXXFLAGS_x86_64-unknown-linux-gnu",
            "-g -D__UMSAN_TOOLCHAIN_STAMP__=0xfeed".into(),
        ),
        (
            "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS",
            link_flags().join(" "),
        ),
        ("CARGO_ENCODED_RUSTDOCFLAGS", link_flags().join("|")),
        ("RUSTC_WRAPPER", String::new()),
    ];
    for (k, v) in &want {
        assert_eq!(var(&p, k).as_deref(), Some(v.as_str()), "{k}");
    }
    assert_eq!(p.env.len(), want.len(), "{:?}", p.env.keys());
}

#[test]
fn build_run_and_nextest_share_the_setup() {
    for (argv, sub) in [
        ("umsan build --release", vec!["build", "--release"]),
        (
            "umsan run --bin x -- arg",
            vec!["run", "--bin", "x", "--", "arg"],
        ),
        ("umsan nextest run -j 1", vec!["nextest", "run", "-j", "1"]),
    ] {
        let p = plan(argv, &[]);
        assert_eq!(args_of(&p), sub, "{argv}");
        assert_eq!(
            var(&p, "CC_x86_64_unknown_linux_gnu").as_deref(),
            Some("/t/bin/umsan-cc")
        );
        assert_eq!(var(&p, "CARGO_BUILD_TARGET").as_deref(), Some(HOST));
    }
}

#[test]
fn user_settings_are_respected() {
    // RUSTFLAGS: theirs, then ours (encoded, so nothing is split wrongly).
    let p = plan(
        "umsan test",
        &[("RUSTFLAGS", "-Cdebug-assertions=on --cfg=x")],
    );
    let mut want = vec!["-Cdebug-assertions=on".to_owned(), "--cfg=x".to_owned()];
    want.extend(link_flags());
    assert_eq!(var(&p, "CARGO_ENCODED_RUSTFLAGS"), Some(want.join("|")));
    assert_eq!(
        var(&p, "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS"),
        None
    );

    // RUSTDOCFLAGS likewise.
    let p = plan("umsan test", &[("RUSTDOCFLAGS", "--cfg docsrs")]);
    let mut want = vec!["--cfg".to_owned(), "docsrs".to_owned()];
    want.extend(link_flags());
    assert_eq!(var(&p, "CARGO_ENCODED_RUSTDOCFLAGS"), Some(want.join("|")));

    // Their own target directory and target.
    let p = plan(
        "umsan test --target-dir=/mine --target x86_64-unknown-linux-musl",
        &[],
    );
    assert_eq!(p.target_dir, None);
    assert_eq!(var(&p, "CARGO_TARGET_DIR"), None);
    assert_eq!(var(&p, "CARGO_BUILD_TARGET"), None);
    assert_eq!(
        var(&p, "CC_x86_64_unknown_linux_musl").as_deref(),
        Some("/t/bin/umsan-cc")
    );
    assert!(var(&p, "CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS").is_some());

    // A non-caching RUSTC_WRAPPER stays, and so does sccache (it caches
    // umsan's objects correctly); other caches are kept away from the C.
    let p = plan("umsan test", &[("RUSTC_WRAPPER", "/opt/wrap")]);
    assert_eq!(var(&p, "RUSTC_WRAPPER"), None);
    let p = plan(
        "umsan test",
        &[("RUSTC_WRAPPER", "/home/u/.cargo/bin/sccache")],
    );
    assert_eq!(var(&p, "RUSTC_WRAPPER"), None);
    let p = plan("umsan test", &[("RUSTC_WRAPPER", "/usr/bin/cachepot")]);
    assert_eq!(var(&p, "RUSTC_WRAPPER").as_deref(), Some(""));

    // UMSAN_OPTIONS is not touched (it reaches the tests as it is).
    let p = plan("umsan test", &[("UMSAN_OPTIONS", "halt_on_error=0")]);
    assert!(!p.env.contains_key("UMSAN_OPTIONS"));
}

// ---------------------------------------------------------------------------
// The binary's command line.

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_and_usage_errors() {
    let o = Command::new(CARGO_UMSAN)
        .args(["umsan", "--help"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Usage: cargo umsan <COMMAND>"),
        "{}",
        stdout(&o)
    );

    let o = Command::new(CARGO_UMSAN).arg("umsan").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Usage: cargo umsan"), "{}", stderr(&o));

    let o = Command::new(CARGO_UMSAN)
        .args(["umsan", "test", "--target"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "cargo-umsan: error: option `--target` needs a value"
    );
}

// ---------------------------------------------------------------------------
// End to end, in examples/cargo.

/// The work directory of the end-to-end test: stable, so that the paths in
/// the environment (and so cargo's fingerprints) stay the same across runs.
fn e2e_dir() -> PathBuf {
    repo_root().join("target").join("cargo-umsan-e2e")
}

/// `cargo-umsan` and `umsan-cc` as built for this test, installed next to
/// the release plugin and runtime (symlinks); `None` (with a notice) if
/// those are not built. Once per test process: the end-to-end tests run in
/// parallel, and installing while another test runs the installed tools
/// would replace them under it.
fn install() -> Option<PathBuf> {
    static INSTALLED: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    INSTALLED.get_or_init(install_once).clone()
}

fn install_once() -> Option<PathBuf> {
    let release = repo_root().join("target").join("release");
    let plugin = release.join("libumsan_pass.so");
    let runtime = release.join("libumsan_rt.a");
    if !plugin.is_file() || !runtime.is_file() {
        eprintln!(
            "SKIP (cargo umsan end to end): {} or {} not built; run `cargo build --release`",
            plugin.display(),
            runtime.display()
        );
        return None;
    }
    let bin = e2e_dir().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for (src, name) in [(CARGO_UMSAN, "cargo-umsan"), (UMSAN_CC, "umsan-cc")] {
        let dst = bin.join(name);
        let _ = std::fs::remove_file(&dst);
        // A hard link, not a copy (a copy's open write descriptor could leak
        // into a concurrently forked child and make exec fail with ETXTBSY).
        if std::fs::hard_link(src, &dst).is_err() {
            std::fs::copy(src, &dst).unwrap();
        }
    }
    for p in [&plugin, &runtime] {
        let dst = bin.join(p.file_name().unwrap());
        let _ = std::fs::remove_file(&dst);
        std::os::unix::fs::symlink(p, &dst).unwrap();
    }
    Some(bin.join("cargo-umsan"))
}

/// `cargo umsan ARGS…` in examples/cargo, with a neutral environment and
/// the project's target directory under `target/cargo-umsan-e2e/`.
fn cargo_umsan(exe: &Path, args: &[&str]) -> Output {
    cargo_umsan_in("cargo", "target", exe, args)
}

/// `cargo umsan ARGS…` in `examples/<example>`, with a neutral environment
/// and the project's target directory `target/cargo-umsan-e2e/<target>`.
fn cargo_umsan_in(example: &str, target: &str, exe: &Path, args: &[&str]) -> Output {
    let example = repo_root().join("examples").join(example);
    let mut c = Command::new(exe);
    c.arg("umsan").args(args).current_dir(&example);
    for k in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTDOCFLAGS",
        "CARGO_ENCODED_RUSTDOCFLAGS",
        "RUSTC_WRAPPER",
        "CARGO_BUILD_TARGET",
        "CARGO_BUILD_RUSTC_WRAPPER",
        "UMSAN_OPTIONS",
        "UMSAN_CONFIG",
        "UMSAN_CLANG",
        "CFLAGS",
        "CC",
        "CXXFLAGS",
        "CXX",
    ] {
        c.env_remove(k);
    }
    c.env("CARGO_TARGET_DIR", e2e_dir().join(target));
    let o = c.output().unwrap();
    // Shown when the test fails (or with --nocapture).
    eprintln!(
        "--- cargo umsan {} -> {:?}\n{}\n{}",
        args.join(" "),
        o.status,
        stdout(&o),
        stderr(&o)
    );
    o
}

/// `csrc/parse.c:LINE:` of the seeded read in examples/cargo.
fn seeded_location() -> String {
    marked_location("cargo", "csrc/parse.c")
}

/// `FILE:LINE:` of the line marked `umsan reports this line` in
/// `examples/<example>/<file>`.
fn marked_location(example: &str, file: &str) -> String {
    let src = repo_root().join("examples").join(example).join(file);
    let text = std::fs::read_to_string(src).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("umsan reports this line"))
        .unwrap_or_else(|| panic!("marked line in {file}"))
        + 1;
    format!("{file}:{line}:")
}

/// The entries of the example's normal target directory, with their
/// modification times (empty if it does not exist).
fn normal_target_snapshot() -> Vec<(PathBuf, std::time::SystemTime)> {
    let dir = repo_root().join("examples/cargo/target");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| (e.path(), e.metadata().unwrap().modified().unwrap()))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn example_project_end_to_end() {
    let Some(exe) = install() else { return };
    let before = normal_target_snapshot();
    let seeded = seeded_location();

    // 1. The whole suite: dependencies' C clean, the seeded read reported,
    //    the run fails.
    let o = cargo_umsan(&exe, &["test"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(!o.status.success(), "cargo umsan test must fail");
    for t in [
        "sqlite_in_memory_roundtrip",
        "zlib_compress_uncompress_roundtrip",
        "zstd_compress_decompress_roundtrip",
        "clean_count_digits",
        "clean_buffer_from_rust",
        "clean_callback_from_c",
        "clean_parse_initialized_path",
    ] {
        assert!(
            out.contains(&format!("test {t} ... ok")),
            "{t} did not pass"
        );
    }
    assert_eq!(
        err.matches("WARNING: umsan:").count(),
        1,
        "exactly one report (the seeded one)"
    );
    assert!(err.contains("WARNING: umsan: use-of-uninitialized-value"));
    let summary = err
        .lines()
        .find(|l| l.starts_with("SUMMARY: umsan:"))
        .expect("a SUMMARY line");
    assert!(
        summary.contains(&seeded) && summary.ends_with(" in parse"),
        "{summary} (want {seeded})"
    );
    assert!(err.contains("exit status: 77"), "the test binary exits 77");
    // Built in the umsan target directory, for the host target.
    assert!(e2e_dir()
        .join("target/umsan")
        .join(HOST)
        .join("debug")
        .is_dir());

    // 2. Without the seeded test, everything passes.
    let o = cargo_umsan(&exe, &["test", "--", "--skip", "seeded"]);
    assert!(
        o.status.success(),
        "cargo umsan test -- --skip seeded must pass"
    );
    assert!(!stderr(&o).contains("WARNING: umsan"));
    // Doctests call the C too, so they link the runtime as well.
    assert!(
        stdout(&o).contains("src/lib.rs - count_digits (line"),
        "doctest ran"
    );

    // 3. `run`: the program's own exit status, 77 on a report.
    let o = cargo_umsan(&exe, &["run", "-q", "--bin", "parse-arg", "--", "x"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "parse(\"x\") = 1\n");
    let o = cargo_umsan(&exe, &["run", "-q", "--bin", "parse-arg", "--", "y"]);
    assert_eq!(o.status.code(), Some(77));
    assert!(stderr(&o).contains(&seeded), "report at {seeded}");

    // 4. nextest, when installed: the same finding, a failing run.
    let have_nextest = Command::new("cargo")
        .args(["nextest", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if have_nextest {
        let o = cargo_umsan(&exe, &["nextest", "run", "--no-fail-fast"]);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!o.status.success());
        assert_eq!(all.matches("WARNING: umsan:").count(), 1, "one report");
        assert!(all.contains(&seeded));
        assert!(all.contains("7 passed, 1 failed"), "nextest summary");
    } else {
        eprintln!("SKIP (nextest part): cargo-nextest is not installed");
    }

    // The normal build cache was not touched.
    assert_eq!(normal_target_snapshot(), before);
}

/// C++ built by the `cc` crate (`.cpp(true)`) goes through `umsan-c++`:
/// the seeded read of a field a constructor forgot is reported, the clean
/// C++ (strings, containers, an exception caught) is not. The e2e `bin`
/// directory has no `umsan-c++`, so `cargo umsan` makes its own link.
#[test]
fn cxx_project_end_to_end() {
    let Some(exe) = install() else { return };
    let seeded = marked_location("cargo-cxx", "csrc/shapes.cpp");

    let o = cargo_umsan_in("cargo-cxx", "target-cxx", &exe, &["test"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(!o.status.success(), "cargo umsan test must fail");
    for t in ["clean_containers_strings_exceptions", "clean_square"] {
        assert!(
            out.contains(&format!("test {t} ... ok")),
            "{t} did not pass"
        );
    }
    assert_eq!(
        err.matches("WARNING: umsan:").count(),
        1,
        "exactly one report"
    );
    let summary = err
        .lines()
        .find(|l| l.starts_with("SUMMARY: umsan:"))
        .expect("a SUMMARY line");
    assert!(
        summary.contains(&seeded) && summary.ends_with(" in shapes_is_large"),
        "{summary} (want {seeded})"
    );
    // The origin: the C++ `new` of the rectangle.
    assert!(err.contains("Uninitialized value was created by a heap allocation"));
    assert!(err.contains("in operator new"), "origin names operator new");
    assert!(err.contains("exit status: 77"));
    let link = e2e_dir().join("target-cxx/umsan/umsan-bin/umsan-c++");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        e2e_dir().join("bin/umsan-cc"),
        "umsan-c++ made next to the build"
    );

    // Without the seeded test: clean, doctest included.
    let o = cargo_umsan_in(
        "cargo-cxx",
        "target-cxx",
        &exe,
        &["test", "--", "--skip", "seeded"],
    );
    assert!(
        o.status.success(),
        "cargo umsan test -- --skip seeded must pass"
    );
    assert!(!stderr(&o).contains("WARNING: umsan"));
    assert!(
        stdout(&o).contains("src/lib.rs - total_area (line"),
        "doctest ran"
    );

    // `run`: clean output as natively; 77 on the seeded path.
    let o = cargo_umsan_in(
        "cargo-cxx",
        "target-cxx",
        &exe,
        &["run", "-q", "--bin", "shape-arg", "--", "square", "4"],
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "square 4: large = true\n");
    let o = cargo_umsan_in(
        "cargo-cxx",
        "target-cxx",
        &exe,
        &["run", "-q", "--bin", "shape-arg", "--", "rect", "4"],
    );
    assert_eq!(o.status.code(), Some(77));
    assert!(stderr(&o).contains(&seeded), "report at {seeded}");
}
