//! `umsan ci`: run a build and test command under umsan and turn the reports
//! of every process it started into SARIF, JUnit and GitHub annotations.
//!
//! ```text
//! umsan ci [--sarif FILE] [--junit FILE] [--github] -- COMMAND [ARGS…]
//! ```
//!
//! # How it works
//!
//! 1. The output files are opened (created, truncated) first, so that an
//!    unwritable one is a usage error before anything runs.
//! 2. A fresh private log directory is created (removed at the end), and
//!    COMMAND runs directly (no shell; write `sh -c '…'` for one), with
//!    inherited stdio and:
//!    - `CC=<absolute umsan-cc>` (the one next to the `umsan` executable),
//!      unless `CC` already names umsan-cc;
//!    - `CXX=<absolute umsan-c++>` (next to umsan-cc), unless `CXX` already
//!      names umsan-c++: the build's C++ is instrumented too, and its C++
//!      programs link the runtime the instrumented C needs;
//!    - `PATH` with umsan-cc's directory in front, so `umsan-cc` by name is
//!      the same one;
//!    - `UMSAN_OPTIONS`: the user's options with `log_path=<dir>/report`
//!      and `report_format=json` in place of their own values of these two
//!      keys (`halt_on_error`, `exitcode`, … are kept).
//! 3. Every `<dir>/report.<pid>` is parsed ([`report`]); malformed lines are
//!    skipped with a warning. Reports are merged into findings by kind,
//!    primary location and function ([`findings`]), with locations relative
//!    to the git work tree, or the current directory outside one
//!    ([`paths`]).
//! 4. The outputs are written ([`sarif`], [`junit`], [`github`]) and a
//!    summary table goes to stderr ([`summary`]).
//!
//! # Exit status
//!
//! | status | when |
//! |---|---|
//! | 0 | COMMAND succeeded and nothing was found |
//! | 1 | something was found (whatever COMMAND's status) |
//! | COMMAND's status (128 + signal if killed) | COMMAND failed and nothing was found |
//! | 2 | usage error, an output file that cannot be written, or umsan itself failed |
//! | 127 | COMMAND could not be started |
//!
//! The library returns a typed [`Error`]; the `umsan` binary maps it to
//! [`Error::exit_code`].

pub mod env;
pub mod findings;
pub mod github;
pub mod junit;
pub mod paths;
pub mod report;
pub mod sarif;
pub mod summary;

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use crate::cc::resources;
use findings::Finding;
use paths::SourceRoot;

/// File name prefix of the runtime's log files in the log directory.
pub const LOG_PREFIX: &str = "report";
/// Exit status when something was found.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status of a usage error or a failure of umsan itself.
pub const EXIT_USAGE: u8 = 2;
/// Exit status when COMMAND cannot be started (as a shell's).
pub const EXIT_NOT_STARTED: u8 = 127;

/// What stops `umsan ci`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is wrong.
    #[error("{0}")]
    Usage(String),
    /// An output file cannot be created or written.
    #[error("cannot write {}: {source}", path.display())]
    Output {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// COMMAND could not be started.
    #[error("cannot run `{}`: {source}", program.to_string_lossy())]
    Spawn {
        /// The program.
        program: OsString,
        /// Why.
        source: io::Error,
    },
    /// umsan-cc (or the umsan installation) could not be found.
    #[error("{0}")]
    Resource(#[from] resources::ResourceError),
    /// Any other I/O failure (the log directory, the current directory).
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// Why it failed.
        source: io::Error,
    },
}

impl Error {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Spawn { .. } => EXIT_NOT_STARTED,
            _ => EXIT_USAGE,
        }
    }
}

/// Validated settings of one `umsan ci` run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Where to write SARIF.
    pub sarif: Option<PathBuf>,
    /// Where to write JUnit XML.
    pub junit: Option<PathBuf>,
    /// Whether to print GitHub workflow commands (and the step summary).
    pub github: bool,
    /// The command and its arguments (non-empty).
    pub command: Vec<OsString>,
}

/// What a run found, and how COMMAND ended.
#[derive(Debug)]
pub struct Outcome {
    /// The deduplicated findings.
    pub findings: Vec<Finding>,
    /// COMMAND's exit status.
    pub status: ExitStatus,
}

impl Outcome {
    /// The exit status of `umsan ci` (see the module docs).
    pub fn exit_code(&self) -> u8 {
        exit_code(!self.findings.is_empty(), status_code(self.status))
    }
}

/// The exit status for a run with or without findings whose command
/// exited with `command_code` (0 for success).
pub fn exit_code(found: bool, command_code: i32) -> u8 {
    if found {
        EXIT_FINDINGS
    } else if command_code == 0 {
        0
    } else {
        u8::try_from(command_code)
            .ok()
            .filter(|&c| c != 0)
            .unwrap_or(EXIT_FINDINGS)
    }
}

/// A child's status as a shell would show it: the exit code, or 128 +
/// signal number when killed.
pub fn status_code(status: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1)
}

/// Run `umsan ci` with `settings`: run COMMAND, collect, write the outputs
/// and print the summary. The caller exits with [`Outcome::exit_code`].
pub fn run(settings: &Settings) -> Result<Outcome, Error> {
    let (program, args) = settings.command.split_first().ok_or_else(|| {
        Error::Usage("no command given: use `umsan ci [OPTIONS] -- COMMAND…`".into())
    })?;
    let mut outputs = Outputs::open(settings)?;
    let umsan_cc = find_umsan_cc()?;
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        what: "cannot determine the current directory".into(),
        source,
    })?;

    let log_dir = LogDir::create()?;
    let mut cmd = Command::new(program);
    cmd.args(args);
    configure_env(&mut cmd, &umsan_cc, &log_dir.path().join(LOG_PREFIX));
    let status = cmd.status().map_err(|source| Error::Spawn {
        program: program.clone(),
        source,
    })?;

    let (reports, warnings) = report::collect(log_dir.path(), LOG_PREFIX)?;
    for w in &warnings {
        eprintln!("umsan: warning: {w}");
    }
    let root = SourceRoot::discover(&cwd);
    let found = findings::dedup(reports, &root);

    let command_text = display_command(&settings.command);
    outputs.write(&found, &root, &command_text)?;
    if settings.github {
        print_github(&found, &command_text)?;
    }
    eprint!("{}", summary::table(&found));
    if !status.success() {
        eprintln!("umsan: command exited with status {}", status_code(status));
    }
    Ok(Outcome {
        findings: found,
        status,
    })
}

/// The environment of COMMAND (see the module docs).
fn configure_env(cmd: &mut Command, umsan_cc: &Path, log_prefix: &Path) {
    if let Some(cc) = env::cc_value(std::env::var_os("CC").as_deref(), umsan_cc) {
        cmd.env("CC", cc);
    }
    if let Some(cxx) = env::cxx_value(std::env::var_os("CXX").as_deref(), umsan_cc) {
        cmd.env("CXX", cxx);
    }
    if let Some(dir) = umsan_cc.parent() {
        cmd.env(
            "PATH",
            env::path_value(std::env::var_os("PATH").as_deref(), dir),
        );
    }
    let user = std::env::var("UMSAN_OPTIONS").ok();
    cmd.env(
        "UMSAN_OPTIONS",
        env::umsan_options(user.as_deref(), log_prefix),
    );
}

/// `umsan-cc` next to the running executable.
fn find_umsan_cc() -> Result<PathBuf, Error> {
    let dir = resources::exe_dir()?;
    let candidate = dir.join("umsan-cc");
    if candidate.is_file() {
        Ok(candidate)
    } else {
        Err(resources::ResourceError::NotFound {
            what: "umsan-cc",
            searched: vec![candidate],
        }
        .into())
    }
}

/// The command as one line, each argument quoted if it needs to be.
pub fn display_command(command: &[OsString]) -> String {
    command
        .iter()
        .map(|a| shell_quote(&a.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Print annotations on stdout and append the step summary.
fn print_github(found: &[Finding], command_text: &str) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    for line in github::annotations(found) {
        let _ = writeln!(lock, "{line}");
    }
    let _ = lock.flush();
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        let text = github::step_summary(found, command_text);
        append(&path, &text).map_err(|source| Error::Output { path, source })?;
    }
    Ok(())
}

fn append(path: &Path, text: &str) -> io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// The output files, opened before COMMAND runs. Files that were never
/// written (COMMAND could not start, another output failed to open) are
/// removed on drop rather than left empty.
struct Outputs {
    sarif: Option<(PathBuf, File)>,
    junit: Option<(PathBuf, File)>,
    written: bool,
}

impl Outputs {
    fn open(settings: &Settings) -> Result<Outputs, Error> {
        let open = |p: &Option<PathBuf>| -> Result<Option<(PathBuf, File)>, Error> {
            p.as_ref()
                .map(|path| {
                    File::create(path)
                        .map(|f| (path.clone(), f))
                        .map_err(|source| Error::Output {
                            path: path.clone(),
                            source,
                        })
                })
                .transpose()
        };
        if settings.sarif.is_some() && settings.sarif == settings.junit {
            return Err(Error::Usage(
                "--sarif and --junit name the same file".into(),
            ));
        }
        let mut outputs = Outputs {
            sarif: open(&settings.sarif)?,
            junit: None,
            written: false,
        };
        outputs.junit = open(&settings.junit)?;
        Ok(outputs)
    }

    fn write(&mut self, found: &[Finding], root: &SourceRoot, command: &str) -> Result<(), Error> {
        if let Some((path, file)) = &mut self.sarif {
            let log = sarif::log(found, root);
            let mut text = serde_json::to_string_pretty(&log).expect("JSON values serialize");
            text.push('\n');
            write_all(path, file, &text)?;
        }
        if let Some((path, file)) = &mut self.junit {
            write_all(path, file, &junit::document(found, command))?;
        }
        self.written = true;
        Ok(())
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        if self.written {
            return;
        }
        for (path, _) in self.sarif.iter().chain(self.junit.iter()) {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn write_all(path: &Path, file: &mut File, text: &str) -> Result<(), Error> {
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|source| Error::Output {
            path: path.to_path_buf(),
            source,
        })
}

/// A private, fresh directory for the runtime's logs, removed on drop.
pub struct LogDir(PathBuf);

impl LogDir {
    /// Create `<tmp>/umsan-ci-<pid>-<n>` (mode 0700).
    pub fn create() -> Result<LogDir, Error> {
        use std::os::unix::fs::DirBuilderExt;
        let base = std::env::temp_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut last_err = None;
        for n in 0..100u32 {
            let dir = base.join(format!("umsan-ci-{}-{stamp:x}-{n}", std::process::id()));
            match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
                Ok(()) => return LogDir::checked(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = Some(e),
                Err(e) => {
                    last_err = Some(e);
                    break;
                }
            }
        }
        Err(Error::Io {
            what: format!("cannot create a log directory in {}", base.display()),
            source: last_err.unwrap_or_else(|| io::Error::other("no name left")),
        })
    }

    /// The runtime splits `UMSAN_OPTIONS` at `:`, so the path cannot hold one.
    fn checked(dir: PathBuf) -> Result<LogDir, Error> {
        let dir = LogDir(dir);
        if dir.0.as_os_str().as_encoded_bytes().contains(&b':') {
            return Err(Error::Io {
                what: format!(
                    "the log directory {} contains ':', which UMSAN_OPTIONS cannot hold (set TMPDIR)",
                    dir.0.display()
                ),
                source: io::Error::from(io::ErrorKind::InvalidInput),
            });
        }
        Ok(dir)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for LogDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
