//! Executables built by `umsan-cc` are no larger than MemorySanitizer's:
//! the runtime is linked as a slim copy (reachable code only, no debug
//! info; `umsan_driver::cc::slim`). For a trivial program at `-g -O2`,
//! umsan's file must be no larger than `clang-19 -fsanitize=memory`'s, and
//! its text+data within 1.5x; reports are still symbolized.

mod common;
use common::Scratch;
use std::path::Path;
use std::process::Command;

const UMSAN_CC: &str = env!("CARGO_BIN_EXE_umsan-cc");

/// (file size, text + data) of an executable, from binutils' `size`.
fn sizes(exe: &Path) -> (u64, u64) {
    let file = std::fs::metadata(exe).unwrap().len();
    let out = Command::new("size").arg(exe).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let nums: Vec<u64> = text
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .take(2)
        .map(|n| n.parse().unwrap())
        .collect();
    (file, nums[0] + nums[1])
}

#[test]
fn trivial_program_is_no_larger_than_msan() {
    let dir = Path::new(UMSAN_CC).parent().unwrap();
    if !dir.join("libumsan_rt.a").is_file() || !dir.join("libumsan_pass.so").is_file() {
        eprintln!("SKIP: the pass plugin or runtime is not built (run `cargo build --release`)");
        return;
    }
    let s = Scratch::in_suite("size", "trivial");
    s.write(
        "t.c",
        // (The volatile pointer hides the fresh block from the optimizer.)
        "#include <stdio.h>\n#include <stdlib.h>\nint *volatile block;\n\
         int main(int argc, char **argv) {\n    block = malloc(sizeof(int));\n    \
         if (*block) puts(argv[0]);\n    free(block);\n    return argc - 1;\n}\n",
    );
    let build = |cc: &str, flags: &[&str], out: &str| {
        let o = Command::new(cc)
            .current_dir(&s.0)
            .env("XDG_CACHE_HOME", s.path("cache"))
            .args(["-g", "-O2"])
            .args(flags)
            .args(["t.c", "-o", out])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{cc}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        sizes(&s.path(out))
    };
    let (u_file, u_mem) = build(UMSAN_CC, &[], "u");
    let (m_file, m_mem) = build("clang-19", &["-fsanitize=memory"], "m");
    eprintln!("umsan: {u_file} bytes, text+data {u_mem}; msan: {m_file} bytes, text+data {m_mem}");
    assert!(
        u_file <= m_file,
        "umsan {u_file} bytes > msan {m_file} bytes"
    );
    assert!(
        u_mem * 2 <= m_mem * 3,
        "umsan text+data {u_mem} > 1.5 x msan's {m_mem}"
    );

    // Reports are still symbolized, with the origin's stack.
    let o = Command::new(s.path("u")).output().unwrap();
    assert_eq!(o.status.code(), Some(77));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(" in main ") && err.contains("t.c:6:"), "{err}");
    assert!(
        err.contains("SUMMARY: umsan: use-of-uninitialized-value"),
        "{err}"
    );
    assert!(err.contains("in malloc") && err.contains("t.c:5:"), "{err}");
}
