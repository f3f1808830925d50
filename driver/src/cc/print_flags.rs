//! `umsan flags`: what a hand-written Makefile needs, pkg-config style.
//!
//! ```make
//! CC     := $(shell umsan flags --cc)
//! CXX    := $(shell umsan flags --cxx)
//! CFLAGS += $(shell umsan flags --cflags -fumsan-config=models.toml)
//! ```
//!
//! `--cc`/`--cxx` print the absolute paths of `umsan-cc`/`umsan-c++` next
//! to the running executable. `--cflags` prints `-g` (file:line in reports)
//! and the given umsan flags, checked now (an unknown flag or a missing
//! config file is an error when the Makefile is read, not in the middle of
//! the build) and normalized: config files as absolute paths, so the flags
//! work from any directory (recursive make), and toggles reduced to the
//! ones that differ from the defaults. `umsan-cc` links the runtime itself:
//! no link flags are needed.

use std::fmt;
use std::path::{Path, PathBuf};

use super::options::{self, OptionError, PassOptions};

/// What to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query {
    Cc,
    Cxx,
    Cflags,
}

/// Why nothing could be printed.
#[derive(Debug)]
pub enum FlagsError {
    /// A bad umsan flag.
    Option(OptionError),
    /// Not one of umsan's own flags.
    NotOwn(String),
    /// A wrapper that is not next to the running executable.
    Missing(PathBuf),
}

impl fmt::Display for FlagsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagsError::Option(e) => e.fmt(f),
            FlagsError::NotOwn(a) => write!(
                f,
                "'{a}' is not an umsan flag (only -fumsan-*/-fno-umsan-* flags are checked and printed)"
            ),
            FlagsError::Missing(p) => write!(f, "{} does not exist", p.display()),
        }
    }
}

impl std::error::Error for FlagsError {}

impl From<OptionError> for FlagsError {
    fn from(e: OptionError) -> Self {
        FlagsError::Option(e)
    }
}

/// The line to print for `query` (without the newline). `exe_dir`: where
/// the wrappers are; `cwd`: relative config files are resolved against it.
pub fn print_flags(
    query: Query,
    umsan_flags: &[String],
    exe_dir: &Path,
    cwd: &Path,
) -> Result<String, FlagsError> {
    let mut opts = PassOptions::default();
    for f in umsan_flags {
        if !options::is_own_flag(f) {
            return Err(FlagsError::NotOwn(f.clone()));
        }
        opts.apply_flag(f, cwd)?;
    }
    let tool = |name: &str| {
        let p = exe_dir.join(name);
        if p.is_file() {
            Ok(p.display().to_string())
        } else {
            Err(FlagsError::Missing(p))
        }
    };
    match query {
        Query::Cc => tool("umsan-cc"),
        Query::Cxx => tool("umsan-c++"),
        Query::Cflags => Ok(cflags(&opts)
            .iter()
            .map(|a| shell_quote(a))
            .collect::<Vec<_>>()
            .join(" ")),
    }
}

/// `-g`, then the flags that give `opts` (defaults left out).
fn cflags(opts: &PassOptions) -> Vec<String> {
    let default = PassOptions::default();
    let mut out = vec!["-g".to_owned()];
    if opts.track_origins != default.track_origins {
        out.push("-fno-umsan-track-origins".into());
    }
    if opts.eager_checks != default.eager_checks {
        out.push("-fumsan-eager-checks".into());
    }
    if opts.recover != default.recover {
        out.push("-fno-umsan-recover".into());
    }
    out.extend(
        opts.configs
            .iter()
            .map(|c| format!("-fumsan-config={}", c.display())),
    );
    out
}

/// `a` quoted for the shell when it needs to be.
fn shell_quote(a: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_=./,:+@%".contains(c);
    if !a.is_empty() && a.chars().all(plain) {
        a.to_owned()
    } else {
        format!("'{}'", a.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cflags_are_checked_and_normalized() {
        let dir = std::env::temp_dir().join(format!("umsan-pflags-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("bin")).unwrap();
        let dir = dir.canonicalize().unwrap();
        std::fs::write(dir.join("m.toml"), "").unwrap();
        std::fs::write(dir.join("my models.toml"), "").unwrap();
        std::fs::write(dir.join("bin/umsan-cc"), "").unwrap();
        let bin = dir.join("bin");
        let p = |q, flags: &[&str]| {
            let flags: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
            print_flags(q, &flags, &bin, &dir)
        };
        assert_eq!(p(Query::Cflags, &[]).unwrap(), "-g");
        assert_eq!(
            p(
                Query::Cflags,
                &[
                    "-fumsan-config=m.toml",
                    "-fno-umsan-track-origins",
                    "-fumsan-track-origins",
                    "-fno-umsan-recover"
                ]
            )
            .unwrap(),
            format!(
                "-g -fno-umsan-recover -fumsan-config={}/m.toml",
                dir.display()
            )
        );
        assert_eq!(
            p(Query::Cflags, &["-fumsan-config=my models.toml"]).unwrap(),
            format!("-g '-fumsan-config={}/my models.toml'", dir.display())
        );
        let err = p(Query::Cflags, &["-fumsan-config=gone.toml"]).unwrap_err();
        assert!(err.to_string().contains("gone.toml"), "{err}");
        let err = p(Query::Cflags, &["-O2"]).unwrap_err();
        assert!(
            err.to_string().contains("'-O2' is not an umsan flag"),
            "{err}"
        );
        assert_eq!(
            p(Query::Cc, &[]).unwrap(),
            bin.join("umsan-cc").display().to_string()
        );
        let err = p(Query::Cxx, &[]).unwrap_err();
        assert!(
            err.to_string().contains("umsan-c++ does not exist"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
