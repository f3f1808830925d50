//! Stage one: the command line of `cargo umsan`.
//!
//! Everything after the subcommand is cargo's (or nextest's) and is
//! forwarded untouched. `cargo umsan` only *looks* at the few options that
//! change what it has to set up, and only before a `--` (after it, the
//! arguments belong to the test binaries or the program being run):
//!
//! - `--target TRIPLE` / `--target=TRIPLE`: the user chose the target; the
//!   C compiler is set for that triple instead of the host.
//! - `--target-dir DIR` / `--target-dir=DIR`: the user chose the target
//!   directory; `cargo umsan` does not redirect it.
//! - `--manifest-path PATH` / `--manifest-path=PATH`: which project to ask
//!   `cargo metadata` about.

use std::ffi::{OsStr, OsString};
use std::fmt;

/// What `cargo umsan` was asked to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    /// The cargo subcommand (`test`, `build`, `run`, `nextest`, …), then,
    /// for `nextest`, its own subcommand (`run`, `list`, …).
    pub subcommand: Vec<OsString>,
    /// The remaining arguments, forwarded unchanged after the subcommand.
    pub rest: Vec<OsString>,
    /// `--target` given by the user, if any.
    pub target: Option<String>,
    /// `--target-dir` given by the user, if any.
    pub target_dir: Option<OsString>,
    /// `--manifest-path` given by the user, if any.
    pub manifest_path: Option<OsString>,
}

/// A command line `cargo umsan` cannot work with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgsError {
    /// No subcommand at all (or only `-h`/`--help`): show the usage.
    Usage,
    /// An option `cargo umsan` needs to read is missing its value.
    MissingValue(&'static str),
    /// `--target` with a value that is not UTF-8.
    NonUtf8Target,
}

impl fmt::Display for ArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgsError::Usage => f.write_str(USAGE),
            ArgsError::MissingValue(opt) => write!(f, "option `{opt}` needs a value"),
            ArgsError::NonUtf8Target => f.write_str("the value of `--target` is not UTF-8"),
        }
    }
}

impl std::error::Error for ArgsError {}

/// The usage text.
pub const USAGE: &str = "\
Usage: cargo umsan <COMMAND> [cargo args...]

Build and test a Rust project with the C code of its `cc`-built crates
(`-sys` crates, build.rs) instrumented by umsan.

Commands (anything else is passed to cargo too):
  test          cargo test, with umsan
  build         cargo build, with umsan
  run           cargo run, with umsan
  nextest run   cargo nextest run, with umsan

Everything after the command goes to cargo unchanged. The build uses its own
target directory (`<target dir>/umsan`) and builds for `--target <host>`.
A umsan report makes the program (or test binary) exit with status 77.

Environment: UMSAN_OPTIONS (runtime options), RUSTFLAGS/RUSTDOCFLAGS
(layered before umsan's own), CFLAGS (cc crate), UMSAN_CONFIG (function
models for umsan-cc).";

/// Subcommands that take a subcommand of their own, forwarded with it.
const NESTED: &[&str] = &["nextest"];

/// Parse `argv` (without the program name). A leading `umsan` (as cargo
/// passes it to `cargo-umsan`) is skipped.
pub fn parse(argv: &[OsString]) -> Result<Invocation, ArgsError> {
    let mut it = argv.iter().peekable();
    if it.peek().is_some_and(|a| *a == "umsan") {
        it.next();
    }
    let first = it.next().ok_or(ArgsError::Usage)?;
    if first == "-h" || first == "--help" || first == "help" {
        return Err(ArgsError::Usage);
    }
    let mut subcommand = vec![first.clone()];
    if NESTED.iter().any(|n| first == *n) {
        // `nextest run`, `nextest list`, … (but not an option like `--help`).
        if let Some(next) = it.next_if(|a| !a.to_string_lossy().starts_with('-')) {
            subcommand.push(next.clone());
        }
    }
    let rest: Vec<OsString> = it.cloned().collect();

    let mut inv = Invocation {
        subcommand,
        rest: rest.clone(),
        target: None,
        target_dir: None,
        manifest_path: None,
    };
    let mut i = 0;
    while i < rest.len() {
        let arg = &rest[i];
        if arg == "--" {
            break;
        }
        for (name, slot) in [
            ("--target", Slot::Target),
            ("--target-dir", Slot::TargetDir),
            ("--manifest-path", Slot::ManifestPath),
        ] {
            let value = if arg == name {
                i += 1;
                Some(rest.get(i).cloned().ok_or(ArgsError::MissingValue(name))?)
            } else {
                strip_eq(arg, name)
            };
            if let Some(v) = value {
                match slot {
                    Slot::Target => {
                        let t = v.into_string().map_err(|_| ArgsError::NonUtf8Target)?;
                        inv.target = Some(t);
                    }
                    Slot::TargetDir => inv.target_dir = Some(v),
                    Slot::ManifestPath => inv.manifest_path = Some(v),
                }
                break;
            }
        }
        i += 1;
    }
    Ok(inv)
}

#[derive(Clone, Copy)]
enum Slot {
    Target,
    TargetDir,
    ManifestPath,
}

/// `--name=value` → `value`.
fn strip_eq(arg: &OsStr, name: &str) -> Option<OsString> {
    let s = arg.to_str()?;
    s.strip_prefix(name)?.strip_prefix('=').map(OsString::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<OsString> {
        s.split_whitespace().map(OsString::from).collect()
    }

    fn strs(v: &[OsString]) -> Vec<&str> {
        v.iter().map(|a| a.to_str().unwrap()).collect()
    }

    #[test]
    fn subcommands() {
        let inv = parse(&argv("umsan test --release -- --skip seeded")).unwrap();
        assert_eq!(strs(&inv.subcommand), ["test"]);
        assert_eq!(strs(&inv.rest), ["--release", "--", "--skip", "seeded"]);

        // Called directly, without cargo's `umsan`.
        let inv = parse(&argv("build -p foo")).unwrap();
        assert_eq!(strs(&inv.subcommand), ["build"]);

        let inv = parse(&argv("umsan nextest run -E test(x)")).unwrap();
        assert_eq!(strs(&inv.subcommand), ["nextest", "run"]);
        assert_eq!(strs(&inv.rest), ["-E", "test(x)"]);

        let inv = parse(&argv("umsan nextest --help")).unwrap();
        assert_eq!(strs(&inv.subcommand), ["nextest"]);
        assert_eq!(strs(&inv.rest), ["--help"]);
    }

    #[test]
    fn usage() {
        assert_eq!(parse(&argv("umsan")), Err(ArgsError::Usage));
        assert_eq!(parse(&argv("")), Err(ArgsError::Usage));
        assert_eq!(parse(&argv("umsan --help")), Err(ArgsError::Usage));
        assert!(ArgsError::Usage
            .to_string()
            .contains("cargo umsan <COMMAND>"));
    }

    #[test]
    fn options_read_before_dash_dash_only() {
        let inv = parse(&argv(
            "umsan test --target aarch64-unknown-linux-gnu --target-dir=/t --manifest-path x/Cargo.toml",
        ))
        .unwrap();
        assert_eq!(inv.target.as_deref(), Some("aarch64-unknown-linux-gnu"));
        assert_eq!(inv.target_dir, Some("/t".into()));
        assert_eq!(inv.manifest_path, Some("x/Cargo.toml".into()));
        // Forwarded as they were.
        assert_eq!(inv.rest.len(), 5);

        let inv = parse(&argv(
            "umsan run --target=x86_64-unknown-linux-gnu -- --target-dir y",
        ))
        .unwrap();
        assert_eq!(inv.target.as_deref(), Some("x86_64-unknown-linux-gnu"));
        assert_eq!(inv.target_dir, None);

        // Look-alikes are not the options.
        let inv = parse(&argv("umsan test --targets --target-dirx=1")).unwrap();
        assert_eq!(inv.target, None);
        assert_eq!(inv.target_dir, None);
    }

    #[test]
    fn missing_values() {
        assert_eq!(
            parse(&argv("umsan test --target")),
            Err(ArgsError::MissingValue("--target"))
        );
        assert_eq!(
            parse(&argv("umsan build --target-dir")),
            Err(ArgsError::MissingValue("--target-dir"))
        );
    }
}
