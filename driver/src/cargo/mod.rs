//! `cargo umsan`: build and test Rust projects whose `-sys` crates compile C
//! with the `cc` crate, with that C instrumented by umsan.
//!
//! `cargo umsan test|build|run|nextest run [cargo args…]` runs the same
//! cargo command with an environment that
//!
//! - makes every `cc`-crate C compile for the target go through `umsan-cc`
//!   (`CC_<target>`, plus `-g` in `CFLAGS_<target>` for `file:line`), and
//!   every C++ compile (`.cpp(true)`, `cxx` bridges) through `umsan-c++`
//!   (`CXX_<target>`, `CXXFLAGS_<target>`),
//! - links the runtime into every binary, test binary and doctest
//!   (`-Clink-arg=` flags layered after the user's RUSTFLAGS/RUSTDOCFLAGS),
//! - builds with an explicit `--target <host>` (as `CARGO_BUILD_TARGET`),
//!   so build scripts and proc macros get neither the flags nor the C
//!   compiler's runtime, as cargo-careful and cargo-fuzz do,
//! - uses its own target directory, `<target dir>/umsan`,
//! - keeps compiler caches other than sccache (via `RUSTC_WRAPPER`) away
//!   from the C (sccache sees umsan's configuration: `cc::cache`).
//!
//! Rust code is not instrumented. At the boundary the pass treats values
//! from uninstrumented code as initialized, and Rust's heap goes through
//! the runtime's interposed `malloc`, which leaves it clean; so memory Rust
//! writes and hands to C, and C callbacks' arguments from Rust, never cause
//! reports. The runtime exits 77 on a report (see `UMSAN_OPTIONS`), which
//! fails the test binary and so `cargo test`; cargo's exit status is
//! `cargo umsan`'s.
//!
//! Stages, as in [`crate::cc`]: [`args::parse`] reads the command line,
//! [`env::environment`] assembles the environment (pure, unit-tested),
//! [`runtime`] prepares the runtime archive; [`prepare`] ties them to the
//! running process (probing `rustc`, `cargo metadata`, the tool locations)
//! and returns the [`Plan`] the binary executes.

pub mod args;
pub mod env;
pub mod runtime;

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::process::Command;

pub use args::{ArgsError, Invocation};
pub use env::{EnvChanges, EnvError};
pub use runtime::RuntimeError;

use crate::cc::resources::{self, ResourceError};

/// The subdirectory of the project's target directory that `cargo umsan`
/// builds into.
pub const TARGET_SUBDIR: &str = "umsan";

/// File name of the compiler wrapper, looked for next to `cargo-umsan`.
pub const UMSAN_CC: &str = "umsan-cc";

/// File name of the C++ wrapper (a symlink to `umsan-cc`), looked for next
/// to `cargo-umsan`; made in the umsan target directory when missing
/// (`cargo install` installs no symlinks).
pub const UMSAN_CXX: &str = "umsan-c++";

/// Anything that stops `cargo umsan` before cargo runs.
#[derive(Debug)]
pub enum Error {
    /// The command line.
    Args(ArgsError),
    /// An environment variable that cannot be layered on.
    Env(EnvError),
    /// A missing tool, plugin or runtime.
    Resource(ResourceError),
    /// Preparing the runtime archive.
    Runtime(RuntimeError),
    /// A helper command (`rustc -vV`, `cargo metadata`) failed or said
    /// something unexpected.
    Probe { command: String, detail: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Args(e) => e.fmt(f),
            Error::Env(e) => e.fmt(f),
            Error::Resource(e) => e.fmt(f),
            Error::Runtime(e) => e.fmt(f),
            Error::Probe { command, detail } => write!(f, "`{command}` failed: {detail}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Resource(e) => e.source(),
            Error::Runtime(e) => e.source(),
            _ => None,
        }
    }
}

impl From<ArgsError> for Error {
    fn from(e: ArgsError) -> Self {
        Error::Args(e)
    }
}
impl From<EnvError> for Error {
    fn from(e: EnvError) -> Self {
        Error::Env(e)
    }
}
impl From<ResourceError> for Error {
    fn from(e: ResourceError) -> Self {
        Error::Resource(e)
    }
}
impl From<RuntimeError> for Error {
    fn from(e: RuntimeError) -> Self {
        Error::Runtime(e)
    }
}

/// The cargo command to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// cargo (`$CARGO`, else `cargo`).
    pub cargo: OsString,
    /// Its arguments: the subcommand, then the user's arguments unchanged.
    pub args: Vec<OsString>,
    /// Changes to its environment.
    pub env: EnvChanges,
    /// The target directory it builds into (`None`: the user's
    /// `--target-dir`).
    pub target_dir: Option<PathBuf>,
}

impl Plan {
    /// The command, with its environment changes applied.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(&self.cargo);
        cmd.args(&self.args);
        for (k, v) in &self.env {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd
    }
}

/// Everything [`plan`] needs from the outside world, found by [`prepare`].
#[derive(Clone, Debug)]
pub struct Context {
    /// cargo to run.
    pub cargo: OsString,
    /// The host triple (`rustc -vV`).
    pub host: String,
    /// The project's target directory (`cargo metadata`), when the user did
    /// not pass `--target-dir`.
    pub project_target_dir: Option<PathBuf>,
    /// Absolute path of `umsan-cc`.
    pub umsan_cc: PathBuf,
    /// Absolute path of `umsan-c++`.
    pub umsan_cxx: PathBuf,
    /// The localized runtime archive.
    pub runtime: PathBuf,
    /// The toolchain stamp (pass plugin and runtime).
    pub stamp: String,
}

/// Assemble the plan from a parsed command line, the context and the
/// current environment `get`. Pure.
pub fn plan(
    inv: &Invocation,
    cx: &Context,
    get: &dyn Fn(&str) -> Option<OsString>,
) -> Result<Plan, Error> {
    let env_target = get("CARGO_BUILD_TARGET")
        .and_then(|t| t.into_string().ok())
        .filter(|t| !t.is_empty());
    let (target, build_target) = match (&inv.target, env_target) {
        (Some(t), _) => (t.clone(), false),
        (None, Some(t)) => (t, false),
        (None, None) => (cx.host.clone(), true),
    };
    let target_dir = umsan_target_dir(inv, cx);
    let setup = env::Setup {
        target: &target,
        build_target,
        target_dir: target_dir.as_deref(),
        umsan_cc: &cx.umsan_cc,
        umsan_cxx: &cx.umsan_cxx,
        runtime: &cx.runtime,
        stamp: &cx.stamp,
    };
    let env = env::environment(&setup, get)?;
    let mut args = inv.subcommand.clone();
    args.extend(inv.rest.iter().cloned());
    Ok(Plan {
        cargo: cx.cargo.clone(),
        args,
        env,
        target_dir,
    })
}

/// `<project target dir>/umsan`, unless the user chose `--target-dir`.
fn umsan_target_dir(inv: &Invocation, cx: &Context) -> Option<PathBuf> {
    if inv.target_dir.is_some() {
        return None;
    }
    cx.project_target_dir
        .as_ref()
        .map(|d| d.join(TARGET_SUBDIR))
}

/// Parse `argv`, find the tools, prepare the runtime and assemble the plan
/// for the running process.
pub fn prepare(argv: &[OsString]) -> Result<Plan, Error> {
    let inv = args::parse(argv)?;
    let get = |k: &str| std::env::var_os(k);
    let cargo = get("CARGO").unwrap_or_else(|| "cargo".into());

    let host = host_triple(&get("RUSTC").unwrap_or_else(|| "rustc".into()))?;
    // The project's target directory, and where the localized runtime goes:
    // the umsan target directory, or the user's own `--target-dir`.
    let (project_target_dir, build_dir) = match &inv.target_dir {
        Some(dir) => {
            let cwd = std::env::current_dir().map_err(|source| ResourceError::Process {
                what: "the current directory",
                source,
            })?;
            (None, cwd.join(dir))
        }
        None => {
            let dir = project_target_dir(&cargo, inv.manifest_path.as_deref())?;
            let build_dir = dir.join(TARGET_SUBDIR);
            (Some(dir), build_dir)
        }
    };

    let exe_dir = resources::exe_dir()?;
    let umsan_cc = exe_dir.join(UMSAN_CC);
    if !umsan_cc.is_file() {
        return Err(ResourceError::NotFound {
            what: "umsan-cc",
            searched: vec![umsan_cc],
        }
        .into());
    }
    let umsan_cxx = cxx_wrapper(&exe_dir, &umsan_cc, &build_dir)?;
    let plugin = resources::plugin(&exe_dir)?;
    let rt = resources::runtime(&exe_dir)?;
    let rt_hash = runtime::hash_file(&rt)?;
    let stamp = runtime::stamp(&[rt_hash, runtime::hash_file(&plugin)?]);
    let runtime = runtime::localized(&rt, rt_hash, &build_dir)?;

    let cx = Context {
        cargo,
        host,
        project_target_dir,
        umsan_cc,
        umsan_cxx,
        runtime,
        stamp,
    };
    plan(&inv, &cx, &get)
}

/// `umsan-c++` next to `umsan-cc`, or else a symlink to `umsan-cc` named
/// `umsan-c++` in `<build_dir>/umsan-bin/` (the wrapper picks its language
/// from the name it is called by, and finds its plugin and runtime through
/// the resolved executable).
pub fn cxx_wrapper(
    exe_dir: &std::path::Path,
    umsan_cc: &std::path::Path,
    build_dir: &std::path::Path,
) -> Result<PathBuf, Error> {
    let beside = exe_dir.join(UMSAN_CXX);
    if beside.is_file() {
        return Ok(beside);
    }
    let dir = build_dir.join("umsan-bin");
    let link = dir.join(UMSAN_CXX);
    if std::fs::read_link(&link).is_ok_and(|t| t == umsan_cc) {
        return Ok(link);
    }
    let io = |path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source| RuntimeError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    // A fresh link under a temporary name, renamed over any old one
    // (concurrent runs are safe).
    let tmp = dir.join(format!(".{UMSAN_CXX}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(umsan_cc, &tmp).map_err(io(&tmp))?;
    std::fs::rename(&tmp, &link).map_err(io(&link))?;
    Ok(link)
}

/// The host triple, from `rustc -vV`.
pub fn host_triple(rustc: &std::ffi::OsStr) -> Result<String, Error> {
    let out = run_probe(Command::new(rustc).arg("-vV"))?;
    parse_host(&out).ok_or_else(|| Error::Probe {
        command: format!("{} -vV", rustc.to_string_lossy()),
        detail: "no `host:` line in its output".into(),
    })
}

/// The `host:` line of `rustc -vV` output.
pub fn parse_host(rustc_vv: &str) -> Option<String> {
    rustc_vv
        .lines()
        .find_map(|l| l.strip_prefix("host:"))
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
}

/// The project's target directory, from `cargo metadata` (which honours
/// `CARGO_TARGET_DIR`, `build.target-dir` and the workspace root).
pub fn project_target_dir(
    cargo: &std::ffi::OsStr,
    manifest_path: Option<&std::ffi::OsStr>,
) -> Result<PathBuf, Error> {
    let mut cmd = Command::new(cargo);
    cmd.args(["metadata", "--no-deps", "--format-version", "1"]);
    if let Some(m) = manifest_path {
        cmd.arg("--manifest-path").arg(m);
    }
    let out = run_probe(&mut cmd)?;
    parse_target_dir(&out).ok_or_else(|| Error::Probe {
        command: "cargo metadata".into(),
        detail: "no `target_directory` in its output".into(),
    })
}

/// `target_directory` from `cargo metadata` JSON output.
pub fn parse_target_dir(metadata: &str) -> Option<PathBuf> {
    let v: serde_json::Value = serde_json::from_str(metadata).ok()?;
    v.get("target_directory")?.as_str().map(PathBuf::from)
}

/// Run a probe, returning its stdout; its stderr goes into the error.
fn run_probe(cmd: &mut Command) -> Result<String, Error> {
    let desc = format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = cmd.output().map_err(|e| Error::Probe {
        command: desc.clone(),
        detail: e.to_string(),
    })?;
    if !out.status.success() {
        return Err(Error::Probe {
            command: desc,
            detail: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    String::from_utf8(out.stdout).map_err(|_| Error::Probe {
        command: desc,
        detail: "output is not UTF-8".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn cx() -> Context {
        Context {
            cargo: "cargo".into(),
            host: "x86_64-unknown-linux-gnu".into(),
            project_target_dir: Some("/p/target".into()),
            umsan_cc: "/u/umsan-cc".into(),
            umsan_cxx: "/u/umsan-c++".into(),
            runtime: "/p/target/umsan/umsan-rt/1/libumsan_rt.a".into(),
            stamp: "00".into(),
        }
    }

    fn plan_for(argv: &str, vars: &[(&str, &str)]) -> Plan {
        let argv: Vec<OsString> = argv.split_whitespace().map(OsString::from).collect();
        let inv = args::parse(&argv).unwrap();
        let vars: BTreeMap<&str, &str> = vars.iter().copied().collect();
        let mut cx = cx();
        if inv.target_dir.is_some() {
            cx.project_target_dir = None;
        }
        plan(&inv, &cx, &|k| vars.get(k).map(OsString::from)).unwrap()
    }

    fn var<'a>(p: &'a Plan, k: &str) -> Option<&'a str> {
        p.env
            .get(k)
            .and_then(|v| v.as_ref())
            .and_then(|v| v.to_str())
    }

    #[test]
    fn test_command() {
        let p = plan_for("umsan test --release -- --skip seeded", &[]);
        let args: Vec<&str> = p.args.iter().map(|a| a.to_str().unwrap()).collect();
        assert_eq!(args, ["test", "--release", "--", "--skip", "seeded"]);
        assert_eq!(p.target_dir, Some(PathBuf::from("/p/target/umsan")));
        assert_eq!(var(&p, "CARGO_TARGET_DIR"), Some("/p/target/umsan"));
        assert_eq!(
            var(&p, "CARGO_BUILD_TARGET"),
            Some("x86_64-unknown-linux-gnu")
        );
        assert_eq!(var(&p, "CC_x86_64_unknown_linux_gnu"), Some("/u/umsan-cc"));
        assert_eq!(
            var(&p, "CXX_x86_64_unknown_linux_gnu"),
            Some("/u/umsan-c++")
        );
        let cmd = p.command();
        assert_eq!(cmd.get_program(), "cargo");
        assert!(cmd
            .get_envs()
            .any(|(k, v)| k == "CC_x86_64-unknown-linux-gnu" && v == Some("/u/umsan-cc".as_ref())));
    }

    #[test]
    fn nextest_and_user_choices() {
        let p = plan_for(
            "umsan nextest run --target-dir /mine --target i686-unknown-linux-gnu",
            &[],
        );
        let args: Vec<&str> = p.args.iter().map(|a| a.to_str().unwrap()).collect();
        assert_eq!(
            args,
            [
                "nextest",
                "run",
                "--target-dir",
                "/mine",
                "--target",
                "i686-unknown-linux-gnu"
            ]
        );
        assert_eq!(p.target_dir, None);
        assert_eq!(var(&p, "CARGO_TARGET_DIR"), None);
        assert_eq!(var(&p, "CARGO_BUILD_TARGET"), None);
        assert_eq!(var(&p, "CC_i686_unknown_linux_gnu"), Some("/u/umsan-cc"));

        // A target from the environment is the user's too.
        let p = plan_for(
            "umsan build",
            &[("CARGO_BUILD_TARGET", "aarch64-unknown-linux-gnu")],
        );
        assert_eq!(var(&p, "CARGO_BUILD_TARGET"), None);
        assert_eq!(var(&p, "CC_aarch64_unknown_linux_gnu"), Some("/u/umsan-cc"));
    }

    #[test]
    fn cxx_wrapper_beside_or_made() {
        let root = std::env::temp_dir().join(format!("umsan-cxx-wrapper-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (exe, build) = (root.join("bin"), root.join("t/umsan"));
        std::fs::create_dir_all(&exe).unwrap();
        let cc = exe.join(UMSAN_CC);
        std::fs::write(&cc, "").unwrap();
        // Not installed beside umsan-cc: a symlink in the build directory,
        // made once and reused.
        let made = cxx_wrapper(&exe, &cc, &build).unwrap();
        assert_eq!(made, build.join("umsan-bin").join(UMSAN_CXX));
        assert_eq!(std::fs::read_link(&made).unwrap(), cc);
        assert_eq!(cxx_wrapper(&exe, &cc, &build).unwrap(), made);
        // Beside umsan-cc (the build's symlink): that one.
        std::os::unix::fs::symlink(UMSAN_CC, exe.join(UMSAN_CXX)).unwrap();
        assert_eq!(cxx_wrapper(&exe, &cc, &build).unwrap(), exe.join(UMSAN_CXX));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn probes_output_parsing() {
        let vv = "rustc 1.95.0\nbinary: rustc\nhost: x86_64-unknown-linux-gnu\nrelease: 1.95.0\n";
        assert_eq!(parse_host(vv).as_deref(), Some("x86_64-unknown-linux-gnu"));
        assert_eq!(parse_host("rustc 1.0\n"), None);
        let md = r#"{"packages":[],"target_directory":"/w/p/target","version":1}"#;
        assert_eq!(parse_target_dir(md), Some(PathBuf::from("/w/p/target")));
        assert_eq!(parse_target_dir("{}"), None);
        assert_eq!(parse_target_dir("not json"), None);
    }

    #[test]
    fn errors_read_well() {
        let e = Error::Probe {
            command: "cargo metadata".into(),
            detail: "could not find `Cargo.toml`".into(),
        };
        assert_eq!(
            e.to_string(),
            "`cargo metadata` failed: could not find `Cargo.toml`"
        );
        let e: Error = ArgsError::MissingValue("--target").into();
        assert_eq!(e.to_string(), "option `--target` needs a value");
    }
}
