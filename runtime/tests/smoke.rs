//! End-to-end check of the runtime: C programs (`tests/programs/*.c`) that call
//! the runtime entry points directly (no instrumentation pass needed) are
//! compiled with `clang-19 -g -O0`, linked with `libumsan_rt.a` the way
//! `umsan-cc` links it, and run; their reports, exit codes and log files are
//! checked. Skipped (with a message) when `clang-19` is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const CLANG: &str = "clang-19";

/// The release `libumsan_rt.a` (the one `umsan-cc` links), brought up to
/// date first with `cargo build --release -p umsan-runtime` (a no-op when
/// it is current; `cargo test` itself does not produce the staticlib).
fn runtime_lib() -> PathBuf {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let o = Command::new(env!("CARGO"))
            .args(["build", "--release", "-p", "umsan-runtime"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "building the runtime failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        // target/<profile>/deps/smoke-HASH -> target/
        let exe = std::env::current_exe().unwrap();
        let target = exe.ancestors().nth(3).unwrap();
        let lib = target.join("release/libumsan_rt.a");
        assert!(lib.exists(), "{} not found", lib.display());
        lib
    })
    .clone()
}

fn have_clang() -> bool {
    Command::new(CLANG)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

fn work_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("umsan-rt-smoke");
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

/// Compile `tests/programs/NAME.c` (once per test process) and return the binary.
fn build(name: &str) -> PathBuf {
    build_variant(name, name, &[])
}

/// Compile `tests/programs/NAME.c` with extra compiler flags into the
/// binary `out_name` (once per test process).
fn build_variant(name: &str, out_name: &str, flags: &[&str]) -> PathBuf {
    let out = work_dir().join(out_name);
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !out.exists() {
        let o = Command::new(CLANG)
            .args(["-g", "-O0", "-Wall", "-pthread"])
            .args(flags)
            .arg(src_dir().join(format!("{name}.c")))
            .arg("-o")
            .arg(&out)
            .arg(runtime_lib())
            .arg("-Wl,-u,__umsan_preinit_anchor")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "compiling {name}.c failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    out
}

fn run(name: &str, args: &[&str], options: Option<&str>) -> Output {
    run_binary(build(name), args, options)
}

fn run_binary(exe: PathBuf, args: &[&str], options: Option<&str>) -> Output {
    let mut c = Command::new(exe);
    c.args(args).env_remove("UMSAN_OPTIONS");
    if let Some(o) = options {
        c.env("UMSAN_OPTIONS", o);
    }
    c.output().unwrap()
}

/// Line number of the line of `tests/programs/NAME.c` carrying `/* MARKER */`.
fn line_of(name: &str, marker: &str) -> usize {
    let text = std::fs::read_to_string(src_dir().join(format!("{name}.c"))).unwrap();
    let needle = format!("/* {marker} */");
    text.lines()
        .position(|l| l.contains(&needle))
        .expect(marker)
        + 1
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

macro_rules! require_clang {
    () => {
        if !have_clang() {
            eprintln!("skipping: {CLANG} not found");
            return;
        }
    };
}

/// Check a text report's structure; returns its frame lines.
fn check_text_report(err: &str, kind: &str) -> Vec<String> {
    let lines: Vec<&str> = err.lines().collect();
    let first = lines[0];
    assert!(
        first.starts_with("==") && first.ends_with(&format!("==WARNING: umsan: {kind}")),
        "bad first line in:\n{err}"
    );
    let frames: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with("    #"))
        .map(|l| l.to_string())
        .collect();
    assert!(!frames.is_empty(), "no frames in:\n{err}");
    for f in &frames {
        assert!(
            !f.contains("umsan_rt") && !f.contains(" in __umsan") && !f.contains("_Unwind"),
            "runtime frame in report:\n{err}"
        );
    }
    assert!(
        err.contains(&format!("\n\nSUMMARY: umsan: {kind} ")),
        "no SUMMARY in:\n{err}"
    );
    frames
}

#[test]
fn check_initialized_reports_and_halts() {
    require_clang!();
    let o = run("report", &["check"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(77), "{err}");
    let frames = check_text_report(&err, "use-of-uninitialized-value");
    let line = line_of("report", "LINE_CHECK");
    assert!(
        frames[0].starts_with("    #0 0x")
            && frames[0].contains(" in check_it ")
            && frames[0].ends_with(&format!("report.c:{line}:5")),
        "frame #0: {}\n{err}",
        frames[0]
    );
    assert!(
        frames[1].starts_with("    #1 0x") && frames[1].contains(" in main "),
        "{err}"
    );
    assert!(
        err.contains(&format!("report.c:{line}:5 in check_it\n")),
        "{err}"
    );
    assert_eq!(err.matches("WARNING").count(), 1);
}

#[test]
fn copy_out_names_the_byte_range() {
    require_clang!();
    let o = run("report", &["copyout"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(77), "{err}");
    let frames = check_text_report(&err, "uninit-copy-out");
    assert_eq!(
        err.lines().nth(1),
        Some("  bytes [8, 16) of 64 are uninitialized"),
        "{err}"
    );
    let line = line_of("report", "LINE_COPYOUT");
    assert!(
        frames[0].contains(" in main ") && frames[0].contains(&format!("report.c:{line}:")),
        "{err}"
    );
}

#[test]
fn keep_going_deduplicates_and_keeps_exit_status() {
    require_clang!();
    let o = run("report", &["check"], Some("halt_on_error=0"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert_eq!(err.matches("WARNING: umsan").count(), 1, "{err}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "end of main\n");

    let o = run("report", &["two"], Some("halt_on_error=false"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert_eq!(err.matches("WARNING: umsan").count(), 2, "{err}");
    for m in ["LINE_TWO_A", "LINE_TWO_B"] {
        assert!(
            err.contains(&format!("report.c:{}:", line_of("report", m))),
            "{err}"
        );
    }

    let o = run("report", &["clean"], None);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(stderr(&o), "");
}

#[test]
fn exitcode_option() {
    require_clang!();
    let o = run("report", &["check"], Some("exitcode=5"));
    assert_eq!(o.status.code(), Some(5));
    let o = run("report", &["check"], Some("exitcode=0:halt_on_error=1"));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn threads_are_serialized() {
    require_clang!();
    let o = run("report", &["threads"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(77), "{err}");
    assert_eq!(err.matches("WARNING: umsan").count(), 1, "{err}");
    assert_eq!(err.matches("SUMMARY: umsan").count(), 1, "{err}");
    let line = line_of("report", "LINE_THREAD");
    assert!(
        err.contains("in thread_main ") && err.contains(&format!("report.c:{line}:")),
        "{err}"
    );

    let o = run("report", &["threads"], Some("halt_on_error=0"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert_eq!(err.matches("WARNING: umsan").count(), 1, "{err}");
}

#[test]
fn log_path_writes_path_dot_pid() {
    require_clang!();
    let dir = work_dir().join("logs");
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join("rep");
    let o = run(
        "report",
        &["copyout"],
        Some(&format!("log_path={}", prefix.display())),
    );
    assert_eq!(o.status.code(), Some(77));
    assert_eq!(stderr(&o), "");
    let logs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    let name = logs[0].file_name().unwrap().to_string_lossy().into_owned();
    let pid = name.strip_prefix("rep.").expect(&name);
    assert!(pid.parse::<u32>().is_ok(), "{name}");
    let text = std::fs::read_to_string(&logs[0]).unwrap();
    assert!(
        text.starts_with(&format!("=={pid}==WARNING: umsan: uninit-copy-out\n")),
        "{text}"
    );
    check_text_report(&text, "uninit-copy-out");

    let o = run("report", &["clean"], Some("log_path=/nonexistent-dir/x"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("==ERROR: umsan: cannot open log_path file '/nonexistent-dir/x."),
        "{err}"
    );
}

#[test]
fn json_reports_are_one_line() {
    require_clang!();
    let o = run(
        "report",
        &["copyout"],
        Some("report_format=json:halt_on_error=0"),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let line = line_of("report", "LINE_COPYOUT");
    assert!(
        err.starts_with("{\"kind\":\"uninit-copy-out\",\"pid\":"),
        "{err}"
    );
    assert!(
        err.contains("\"bytes\":{\"start\":8,\"end\":16,\"size\":64}"),
        "{err}"
    );
    assert!(err.contains("\"function\":\"main\",\"file\":\""), "{err}");
    assert!(
        err.contains(&format!("report.c\",\"line\":{line},\"column\":")),
        "{err}"
    );
    assert!(
        err.contains("\"origin\":null,\"summary\":\"uninit-copy-out "),
        "{err}"
    );
    assert!(err.ends_with("}\n"), "{err}");
}

#[test]
fn bad_options_are_fatal() {
    require_clang!();
    for (opts, needle) in [
        ("bogus=1", "unknown option 'bogus'"),
        ("halt_on_error", "missing '='"),
        ("halt_on_error=2", "'2' for halt_on_error"),
        ("exitcode=256", "'256' for exitcode"),
        ("report_format=xml", "'xml' for report_format"),
    ] {
        let o = run("report", &["clean"], Some(opts));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{opts}: {err}");
        assert!(err.starts_with("=="), "{err}");
        assert!(err.contains("==ERROR: umsan: UMSAN_OPTIONS: "), "{err}");
        assert!(err.contains(needle), "{opts}: {err}");
        assert!(o.stdout.is_empty(), "program ran despite bad options");
    }
}

#[test]
fn api_and_allocation_hooks() {
    require_clang!();
    let o = run("api", &[], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "OK\n");
}

// ---------------------------------------------------------------------------
// Origin tracking (tests/programs/origins.c)
// ---------------------------------------------------------------------------

/// `origins MODE` with the origin switch defined.
fn run_origins(mode: &str, options: Option<&str>) -> Output {
    run_binary(build("origins"), &[mode], options)
}

/// `origins MODE` built without `__umsan_track_origins`.
fn run_no_origins(mode: &str) -> Output {
    run_binary(
        build_variant("origins", "origins-no-origins", &["-DNO_ORIGINS"]),
        &[mode],
        None,
    )
}

/// The origin part of a text report: the `  Uninitialized value was
/// created by ...` line and its frames. Checks it sits between the stack
/// and the blank line before SUMMARY.
fn origin_block(err: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = err.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  Uninitialized value was created by a "))
        .unwrap_or_else(|| panic!("no origin in:\n{err}"));
    assert!(
        lines[at - 1].starts_with("    #"),
        "origin not after the stack:\n{err}"
    );
    let frames: Vec<String> = lines[at + 1..]
        .iter()
        .take_while(|l| l.starts_with("    #"))
        .map(|l| l.to_string())
        .collect();
    assert!(!frames.is_empty(), "origin without frames:\n{err}");
    assert_eq!(lines[at + 1 + frames.len()], "", "{err}");
    assert!(
        lines[at + 2 + frames.len()].starts_with("SUMMARY: umsan: "),
        "{err}"
    );
    for (i, f) in frames.iter().enumerate() {
        assert!(f.starts_with(&format!("    #{i} 0x")), "{err}");
        assert!(
            !f.contains(" in __umsan") && !f.contains("umsan_rt"),
            "runtime frame in origin:\n{err}"
        );
    }
    (lines[at].to_string(), frames)
}

/// Check a heap origin: `#0 0x.. in ALLOC_FN`, then the allocating call.
fn check_heap_origin(err: &str, alloc_fn: &str, func: &str, marker: &str) {
    let (head, frames) = origin_block(err);
    assert_eq!(
        head, "  Uninitialized value was created by a heap allocation",
        "{err}"
    );
    assert!(
        frames[0].ends_with(&format!(" in {alloc_fn}"))
            && frames[0].split_whitespace().count() == 4,
        "frame #0 should be just `#0 0x.. in {alloc_fn}`:\n{err}"
    );
    let line = line_of("origins", marker);
    assert!(
        frames[1].contains(&format!(" in {func} "))
            && frames[1].contains(&format!("origins.c:{line}:")),
        "frame #1 should be the {alloc_fn} call in {func} (line {line}):\n{err}"
    );
}

#[test]
fn heap_origin_names_the_allocation() {
    require_clang!();
    for mode in ["heap", "warning", "move", "set"] {
        let o = run_origins(mode, None);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(77), "{mode}: {err}");
        check_text_report(&err, "use-of-uninitialized-value");
        check_heap_origin(&err, "malloc", "make_buffer", "LINE_MALLOC");
        let (_, frames) = origin_block(&err);
        assert!(frames[2].contains(" in main "), "{mode}: {err}");
    }
}

#[test]
fn heap_origin_of_other_allocation_functions() {
    require_clang!();
    let o = run_origins("realloc", None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(77), "{err}");
    check_heap_origin(&err, "realloc", "main", "LINE_REALLOC");
    let o = run_origins("memalign", None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(77), "{err}");
    check_heap_origin(&err, "posix_memalign", "main", "LINE_MEMALIGN");
}

#[test]
fn stack_origin_names_variable_and_function() {
    require_clang!();
    for (mode, kind) in [
        ("stack", "use-of-uninitialized-value"),
        ("stack-copyout", "uninit-copy-out"),
    ] {
        let o = run_origins(mode, None);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(77), "{mode}: {err}");
        check_text_report(&err, kind);
        let (head, frames) = origin_block(&err);
        assert_eq!(
            head,
            "  Uninitialized value was created by a stack allocation of 'buf' in parse_header",
            "{err}"
        );
        let line = line_of("origins", "LINE_STACK");
        assert!(
            frames[0].contains(" in parse_header ")
                && frames[0].contains(&format!("origins.c:{line}:")),
            "{err}"
        );
        assert!(frames[1].contains(" in main "), "{err}");
    }
}

#[test]
fn origins_in_json() {
    require_clang!();
    let o = run_origins("heap", Some("report_format=json"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(77), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let line = line_of("origins", "LINE_MALLOC");
    assert!(
        err.contains("\"origin\":{\"kind\":\"heap\",\"variable\":null,\"function\":null,\"frames\":[{\"pc\":\"0x"),
        "{err}"
    );
    assert!(
        err.contains("\"function\":\"malloc\",\"file\":null,\"line\":null,\"column\":null,\"module\":null},{\"pc\":\"0x"),
        "{err}"
    );
    assert!(
        err.contains("\"function\":\"make_buffer\",\"file\":\"")
            && err.contains(&format!("origins.c\",\"line\":{line},")),
        "{err}"
    );
    let o = run_origins("stack", Some("report_format=json"));
    let err = stderr(&o);
    assert!(
        err.contains("\"origin\":{\"kind\":\"stack\",\"variable\":\"buf\",\"function\":\"parse_header\",\"frames\":[{"),
        "{err}"
    );
}

#[test]
fn origins_from_threads_are_shared_and_deduplicated() {
    require_clang!();
    let o = run_origins("threads", None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "origins\n");
}

/// Random shadow moves (short and long, aligned and not, overlapping in
/// both directions) against a byte-level model: the shadow is exact and
/// every uninitialized byte keeps an origin it came with.
#[test]
fn random_moves_keep_shadow_and_origins() {
    require_clang!();
    let o = run_origins("move-random", None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "moves ok\n");
}

#[test]
fn no_origins_without_the_switch() {
    require_clang!();
    for mode in [
        "heap",
        "warning",
        "stack",
        "stack-copyout",
        "move",
        "realloc",
        "memalign",
    ] {
        let o = run_no_origins(mode);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(77), "{mode}: {err}");
        assert!(
            !err.contains("Uninitialized value was created"),
            "{mode}: {err}"
        );
        assert!(err.contains("\n\nSUMMARY: umsan: "), "{err}");
    }
    let o = run_no_origins("threads");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "no origins\n");
    let o = Command::new(build_variant(
        "origins",
        "origins-no-origins",
        &["-DNO_ORIGINS"],
    ))
    .arg("heap")
    .env("UMSAN_OPTIONS", "report_format=json")
    .output()
    .unwrap();
    assert!(stderr(&o).contains("\"origin\":null,"), "{}", stderr(&o));
}

/// Every name of the ABI (entry points, allocation wrappers, TLS slots) and
/// of the public API is defined by the archive `umsan-cc` links.
#[test]
fn archive_defines_every_abi_symbol() {
    let Ok(o) = Command::new("nm")
        .arg("--defined-only")
        .arg(runtime_lib())
        .output()
    else {
        eprintln!("skipping: nm not found");
        return;
    };
    let out = String::from_utf8_lossy(&o.stdout);
    let defined: std::collections::HashSet<&str> = out
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let (_addr, kind, name) = (it.next()?, it.next()?, it.next()?);
            "TBDR".contains(kind).then_some(name)
        })
        .collect();
    use umsan_abi::{rt, tls, ALLOC_WRAPPERS};
    let mut names = vec![
        rt::WARNING,
        rt::COPY_OUT_CHECK,
        rt::POISON,
        rt::UNPOISON,
        rt::POISON_STACK,
        rt::SET_ORIGIN,
        rt::MOVE_SHADOW,
        rt::MEMCPY,
        rt::MEMMOVE,
        rt::MEMSET,
        tls::PARAM,
        tls::RETVAL,
        tls::PARAM_TAG,
        tls::RETVAL_TAG,
        tls::PARAM_ORIGIN,
        tls::RETVAL_ORIGIN,
        "umsan_memmove_metadata",
        "umsan_poison",
        "umsan_unpoison",
        "umsan_check_initialized",
        "umsan_test_initialized",
        "__umsan_preinit_anchor",
    ];
    for &(libc_name, wrapper) in ALLOC_WRAPPERS {
        // C++'s operator new is libstdc++'s (or the program's), not ours.
        if !libc_name.starts_with("_Zn") {
            names.push(libc_name);
        }
        names.push(wrapper);
    }
    for n in names {
        assert!(
            defined.contains(n),
            "{n} is not defined by {}",
            runtime_lib().display()
        );
    }
}

/// `scripts/localize-archive.sh` makes an archive that links into a Rust
/// binary (no duplicate std / allocator symbols) and works there.
#[test]
fn localized_archive_links_into_rust_binaries() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/localize-archive.sh");
    let local = work_dir().join("libumsan_rt_local.a");
    let o = Command::new("sh")
        .arg(&script)
        .arg(runtime_lib())
        .arg(&local)
        .output()
        .unwrap();
    if !o.status.success() {
        let err = String::from_utf8_lossy(&o.stderr);
        if err.contains("not found") {
            eprintln!("skipping: {err}");
            return;
        }
        panic!("localize-archive.sh failed:\n{err}");
    }
    let exe = work_dir().join("rust_host");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let o = Command::new(rustc)
        .arg(src_dir().join("rust_host.rs"))
        .arg("-o")
        .arg(&exe)
        .arg(format!("-Clink-arg={}", local.display()))
        .arg("-Clink-arg=-Wl,-u,__umsan_preinit_anchor")
        .output()
        .unwrap();
    assert!(o.status.success(), "rustc failed:\n{}", stderr(&o));
    let o = Command::new(&exe).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "OK\n");
    // A report from Rust code names its frames demangled, without hash.
    let o = Command::new(&exe).arg("report").env("UMSAN_OPTIONS", "halt_on_error=0").output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let frames = check_text_report(&err, "use-of-uninitialized-value");
    assert!(frames[0].contains(" in rust_host::seeded_uninit_check"), "{err}");
    assert!(!err.contains("_ZN") && !err.contains("17h"), "mangled name in:\n{err}");
}

/// The build-id of `path` in hex, from `readelf -n` (None without readelf).
fn build_id_of(path: &str) -> Option<String> {
    let o = Command::new("readelf").args(["-n", path]).output().ok()?;
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let line = text.lines().find(|l| l.trim_start().starts_with("Build ID:"))?;
    Some(line.trim_start().trim_start_matches("Build ID:").trim().to_string())
}

#[test]
fn libc_frames_are_named() {
    require_clang!();
    let o = run("report", &["check"], None);
    let err = stderr(&o);
    let frames = check_text_report(&err, "use-of-uninitialized-value");
    let libc: Vec<&String> = frames.iter().filter(|f| f.contains("libc")).collect();
    assert!(!libc.is_empty(), "{err}");
    // Exported functions are named from libc's dynamic symbol table.
    assert!(err.contains(" in __libc_start_main "), "{err}");
    // Its local ones from its separate debug file, when installed
    // (Debian: libc6-dbg), as MemorySanitizer's symbolizer does.
    let libc_path = "/lib/x86_64-linux-gnu/libc.so.6";
    let debug = build_id_of(libc_path)
        .map(|id| format!("/usr/lib/debug/.build-id/{}/{}.debug", &id[..2], &id[2..]));
    if debug.is_some_and(|d| Path::new(&d).is_file()) {
        assert!(
            frames.iter().any(|f| f.contains(" in __libc_start_call_main ")),
            "libc's debug file is installed but its local function is unnamed:\n{err}"
        );
    } else {
        eprintln!("(libc's debug file not installed: only exported libc functions are named)");
    }
}
