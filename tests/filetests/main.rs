//! The umsan file-test harness (`cargo test --release -p umsan-tests --test filetests`).
//!
//! Test cases are files; each carries its own build/run header and its
//! expectations (the cranelift filetests model). See `tests/README.md`.
//!
//! - `c/<topic>/<name>.c@O0`, `…@O2` — C programs built with `umsan-cc`.
//! - `cpp/<topic>/<name>.cpp@O0`, `…@O2` — C++ programs built with
//!   `umsan-c++` (same header and markers; not run in oracle mode).
//! - `ir/<name>.ll` — the pass run by `opt-19`, output FileCheck'ed.
//! - `acceptance/zlib`, `acceptance/lua` — real C libraries built with
//!   `umsan-cc`: no reports, same output as a native build.
//!
//! `UMSAN_TEST_ORACLE=msan` runs the C corpus with clang's MemorySanitizer
//! instead of umsan (IR and acceptance cases are then ignored): a check of
//! the corpus itself.

mod acceptance;
mod c;
mod ir;
mod util;

use libtest_mimic::{Arguments, Failed, Trial};

fn to_failed(r: util::Outcome) -> Result<(), Failed> {
    r.map_err(Failed::from)
}

fn main() {
    let args = Arguments::from_args();
    let san = c::Sanitizer::from_env();
    let oracle = san == c::Sanitizer::Msan;
    let root = util::tests_dir();
    let mut trials = Vec::new();

    // C tests.
    let c_root = root.join("c");
    for path in util::find_files(&c_root, ".c") {
        match c::parse(&path, &c_root) {
            Ok(t) => {
                for mode in t.modes.clone() {
                    let name = format!("c/{}@{mode}", t.rel);
                    let ignored = oracle && t.oracle_skip;
                    let t = t.clone();
                    trials.push(
                        Trial::test(name, move || to_failed(c::run_case(&t, &mode, san)))
                            .with_ignored_flag(ignored),
                    );
                }
            }
            Err(e) => {
                let rel = path.strip_prefix(&c_root).unwrap_or(&path).display().to_string();
                trials.push(Trial::test(format!("c/{rel}"), move || Err(Failed::from(e))));
            }
        }
    }

    // C++ tests: built with umsan-c++ (native reference: clang++-19). Not
    // in oracle mode: MemorySanitizer with the system's uninstrumented
    // libstdc++ reports false uses in the clean cases (e.g. in
    // `std::string`'s out-of-line code) and before the real one in the
    // report cases; it needs an instrumented standard library.
    let cpp_root = root.join("cpp");
    for path in util::find_files(&cpp_root, ".cpp") {
        match c::parse(&path, &cpp_root) {
            Ok(t) => {
                for mode in t.modes.clone() {
                    let name = format!("cpp/{}@{mode}", t.rel);
                    let t = t.clone();
                    trials.push(
                        Trial::test(name, move || to_failed(c::run_case(&t, &mode, san))).with_ignored_flag(oracle),
                    );
                }
            }
            Err(e) => {
                let rel = path.strip_prefix(&cpp_root).unwrap_or(&path).display().to_string();
                trials.push(Trial::test(format!("cpp/{rel}"), move || Err(Failed::from(e))));
            }
        }
    }

    // The demo programs double as C tests.
    let ex_root = util::workspace_root().join("examples");
    for path in util::find_files(&ex_root.join("demo"), ".c") {
        match c::parse(&path, &ex_root) {
            Ok(t) => {
                for mode in t.modes.clone() {
                    let name = format!("examples/{}@{mode}", t.rel);
                    let t = t.clone();
                    trials.push(Trial::test(name, move || to_failed(c::run_case(&t, &mode, san))));
                }
            }
            Err(e) => {
                let name = format!("examples/{}", path.display());
                trials.push(Trial::test(name, move || Err(Failed::from(e))));
            }
        }
    }

    // IR tests.
    for path in util::find_files(&root.join("ir"), ".ll") {
        let name = format!("ir/{}", path.strip_prefix(root.join("ir")).unwrap().display());
        trials.push(Trial::test(name, move || to_failed(ir::run_case(&path))).with_ignored_flag(oracle));
    }

    // Acceptance.
    trials.push(
        Trial::test("acceptance/zlib", || to_failed(acceptance::zlib()))
            .with_kind("acceptance")
            .with_ignored_flag(oracle),
    );
    trials.push(
        Trial::test("acceptance/lua", || to_failed(acceptance::lua()))
            .with_kind("acceptance")
            .with_ignored_flag(oracle),
    );

    libtest_mimic::run(&args, trials).exit();
}
