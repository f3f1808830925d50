//! umsan's own compiler flags (`-fumsan-*`, `-fno-umsan-*`) and how they
//! reach the pass.
//!
//! | flag | default | meaning |
//! |---|---|---|
//! | `-fumsan-config=FILE` (repeatable) | — | TOML function models |
//! | `-fumsan-track-origins` / `-fno-umsan-track-origins` | on | record origins |
//! | `-fumsan-eager-checks` / `-fno-umsan-eager-checks` | off | check arguments and return values at calls |
//! | `-fumsan-recover` / `-fno-umsan-recover` | on | a report can return (`halt_on_error=0`); off: checks end in a `noreturn` call, faster code, the first report always ends the process |
//! | `-fumsan-msan-compat` / `-fno-umsan-msan-compat` | on | source prepared for MemorySanitizer: `__has_feature(memory_sanitizer)`, `no_sanitize("memory")`, `-fsanitize-ignorelist=` (see `super::plan`) |
//! | `-fumsan-uninit-locals` / `-fno-umsan-uninit-locals` | on | from -O1 on, a local left uninitialized on some path stays uninitialized through optimization (the pass's `uninit_locals`); off: as MemorySanitizer, such paths may be folded away |
//!
//! Environment `UMSAN_CONFIG` names more config files (`:`-separated), read
//! before the command-line ones. The last of a flag and its negation wins.
//! Any other flag with one of the two prefixes is an error.
//!
//! The pass receives the result in the environment variable
//! [`umsan_abi::PASS_OPTIONS_ENV`], as `key=value` pairs separated by `;`:
//! `track-origins=1;eager-checks=0;config=/abs/a.toml:/abs/b.toml` (the
//! `config` pair is absent when there are no config files).

use std::fmt;
use std::path::{Path, PathBuf};

/// Prefixes that mark a flag as umsan's own.
pub const OWN_PREFIXES: &[&str] = &["-fumsan-", "-fno-umsan-"];

/// All valid spellings, for error messages.
pub const VALID_FLAGS: &[&str] = &[
    "-fumsan-config=FILE",
    "-fumsan-track-origins",
    "-fno-umsan-track-origins",
    "-fumsan-eager-checks",
    "-fno-umsan-eager-checks",
    "-fumsan-recover",
    "-fno-umsan-recover",
    "-fumsan-msan-compat",
    "-fno-umsan-msan-compat",
    "-fumsan-uninit-locals",
    "-fno-umsan-uninit-locals",
];

/// Environment variable naming config files, `:`-separated.
pub const CONFIG_ENV: &str = "UMSAN_CONFIG";

/// Is `arg` one of umsan's own flags (valid or not)?
pub fn is_own_flag(arg: &str) -> bool {
    OWN_PREFIXES.iter().any(|p| arg.starts_with(p))
}

/// Settings for the pass, from umsan's own flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassOptions {
    /// Record where uninitialized values were created.
    pub track_origins: bool,
    /// Report uninitialized arguments and return values at calls.
    pub eager_checks: bool,
    /// Execution may continue after a report (`halt_on_error=0`).
    pub recover: bool,
    /// Absolute paths of TOML model files, in order.
    pub configs: Vec<PathBuf>,
    /// Source prepared for MemorySanitizer is honoured (interface.md §1b).
    /// In the pass options (`msan-compat=1`) only when clang's front end
    /// compiles every input: see `super::plan`.
    pub msan_compat: bool,
    /// Locals keep their uninitialized state through optimization.
    pub uninit_locals: bool,
}

impl Default for PassOptions {
    fn default() -> Self {
        PassOptions {
            track_origins: true,
            eager_checks: false,
            recover: true,
            configs: Vec::new(),
            msan_compat: true,
            uninit_locals: true,
        }
    }
}

/// A problem with umsan's own flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionError {
    /// A `-fumsan-`/`-fno-umsan-` flag that does not exist.
    Unknown(String),
    /// `-fumsan-config` without `=FILE`, or with an empty `FILE`.
    MissingValue(String),
    /// A config file that does not exist (or is not a file).
    ConfigNotFound { path: PathBuf, from: ConfigSource },
    /// A config file whose absolute path contains `:` or `;`, which the
    /// options passed to the pass cannot carry.
    UnsupportedPath(PathBuf),
    /// `-fsanitize=memory` (or `kernel-memory`): umsan replaces it.
    MsanFlag(String),
    /// A `-fsanitize-ignorelist=` file that cannot be used.
    Ignorelist(super::ignorelist::IgnorelistError),
}

/// Where a config file was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigSource {
    Flag,
    Env,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionError::Unknown(flag) => write!(
                f,
                "unknown option '{flag}' (valid options: {})",
                VALID_FLAGS.join(", ")
            ),
            OptionError::MissingValue(flag) => {
                write!(f, "option '{flag}' needs a file: use -fumsan-config=FILE")
            }
            OptionError::ConfigNotFound { path, from } => {
                let via = match from {
                    ConfigSource::Flag => "-fumsan-config",
                    ConfigSource::Env => CONFIG_ENV,
                };
                let what = if path.is_dir() { "is a directory, not a file" } else { "does not exist" };
                write!(f, "config file '{}' (from {via}) {what}", path.display())
            }
            OptionError::MsanFlag(flag) => write!(
                f,
                "'{flag}': umsan-cc replaces MemorySanitizer, drop this flag \
                 (source prepared for MemorySanitizer works as it is: \
                 __has_feature(memory_sanitizer) is true, <sanitizer/msan_interface.h> is provided, \
                 no_sanitize(\"memory\") and -fsanitize-ignorelist= are honoured)"
            ),
            OptionError::Ignorelist(e) => e.fmt(f),
            OptionError::UnsupportedPath(path) => write!(
                f,
                "config file path '{}' contains ':' or ';', which umsan cannot pass on",
                path.display()
            ),
        }
    }
}

impl std::error::Error for OptionError {}

impl PassOptions {
    /// Apply one own flag (`is_own_flag(flag)` must hold). Relative config
    /// paths are resolved against `cwd`.
    pub fn apply_flag(&mut self, flag: &str, cwd: &Path) -> Result<(), OptionError> {
        match flag {
            "-fumsan-track-origins" => self.track_origins = true,
            "-fno-umsan-track-origins" => self.track_origins = false,
            "-fumsan-eager-checks" => self.eager_checks = true,
            "-fno-umsan-eager-checks" => self.eager_checks = false,
            "-fumsan-recover" => self.recover = true,
            "-fno-umsan-recover" => self.recover = false,
            "-fumsan-msan-compat" => self.msan_compat = true,
            "-fno-umsan-msan-compat" => self.msan_compat = false,
            "-fumsan-uninit-locals" => self.uninit_locals = true,
            "-fno-umsan-uninit-locals" => self.uninit_locals = false,
            "-fumsan-config" | "-fumsan-config=" => {
                return Err(OptionError::MissingValue(flag.to_owned()))
            }
            _ => match flag.strip_prefix("-fumsan-config=") {
                Some(file) => self.add_config(file, cwd, ConfigSource::Flag)?,
                None => return Err(OptionError::Unknown(flag.to_owned())),
            },
        }
        Ok(())
    }

    /// Add the config files named by the value of `UMSAN_CONFIG` (empty
    /// entries are ignored).
    pub fn apply_env(&mut self, value: &str, cwd: &Path) -> Result<(), OptionError> {
        value
            .split(':')
            .filter(|s| !s.is_empty())
            .try_for_each(|file| self.add_config(file, cwd, ConfigSource::Env))
    }

    fn add_config(
        &mut self,
        file: &str,
        cwd: &Path,
        from: ConfigSource,
    ) -> Result<(), OptionError> {
        let path = cwd.join(file);
        let not_found = || OptionError::ConfigNotFound {
            path: PathBuf::from(file),
            from,
        };
        if !path.is_file() {
            return Err(not_found());
        }
        let abs = path.canonicalize().map_err(|_| not_found())?;
        if abs.to_string_lossy().contains([':', ';']) {
            return Err(OptionError::UnsupportedPath(abs));
        }
        self.configs.push(abs);
        Ok(())
    }

    /// The value of [`umsan_abi::PASS_OPTIONS_ENV`] for the pass.
    pub fn to_env_value(&self) -> String {
        let mut s = format!(
            "track-origins={};eager-checks={}",
            u8::from(self.track_origins),
            u8::from(self.eager_checks)
        );
        if !self.recover {
            s.push_str(";recover=0");
        }
        if self.msan_compat {
            s.push_str(";msan-compat=1");
        }
        if !self.uninit_locals {
            s.push_str(";uninit-locals=0");
        }
        if !self.configs.is_empty() {
            let paths: Vec<String> = self
                .configs
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            s.push_str(";config=");
            s.push_str(&paths.join(":"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("umsan-opts-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn defaults_and_toggles() {
        let cwd = Path::new("/");
        let mut o = PassOptions::default();
        assert_eq!(o.to_env_value(), "track-origins=1;eager-checks=0;msan-compat=1");
        o.apply_flag("-fno-umsan-msan-compat", cwd).unwrap();
        assert_eq!(o.to_env_value(), "track-origins=1;eager-checks=0");
        for f in ["-fno-umsan-track-origins", "-fumsan-eager-checks"] {
            o.apply_flag(f, cwd).unwrap();
        }
        assert_eq!(o.to_env_value(), "track-origins=0;eager-checks=1");
        o.apply_flag("-fno-umsan-uninit-locals", cwd).unwrap();
        assert_eq!(o.to_env_value(), "track-origins=0;eager-checks=1;uninit-locals=0");
        o.apply_flag("-fumsan-uninit-locals", cwd).unwrap();
        assert_eq!(o.to_env_value(), "track-origins=0;eager-checks=1");
        // The last one wins.
        for f in ["-fumsan-track-origins", "-fno-umsan-eager-checks", "-fumsan-msan-compat"] {
            o.apply_flag(f, cwd).unwrap();
        }
        assert_eq!(o, PassOptions::default());
        o.apply_flag("-fno-umsan-recover", cwd).unwrap();
        assert_eq!(o.to_env_value(), "track-origins=1;eager-checks=0;recover=0;msan-compat=1");
        o.apply_flag("-fumsan-recover", cwd).unwrap();
        assert_eq!(o, PassOptions::default());
    }

    #[test]
    fn own_flag_detection() {
        assert!(is_own_flag("-fumsan-x"));
        assert!(is_own_flag("-fno-umsan-config"));
        assert!(!is_own_flag("-fsanitize=memory"));
        assert!(!is_own_flag("-fumsan"));
    }

    #[test]
    fn unknown_flags_are_errors() {
        let cwd = Path::new("/");
        for f in [
            "-fumsan-x",
            "-fno-umsan-config=a.toml",
            "-fumsan-track-origins=2",
            "-fumsan-",
            "-fno-umsan-",
            "-fumsan-eager-check",
        ] {
            let err = PassOptions::default().apply_flag(f, cwd).unwrap_err();
            assert_eq!(err, OptionError::Unknown(f.to_owned()));
            let msg = err.to_string();
            assert!(msg.starts_with(&format!("unknown option '{f}'")), "{msg}");
            assert!(msg.contains("-fumsan-config=FILE") && msg.contains("-fno-umsan-eager-checks"));
        }
    }

    #[test]
    fn config_needs_a_value() {
        for f in ["-fumsan-config", "-fumsan-config="] {
            let err = PassOptions::default()
                .apply_flag(f, Path::new("/"))
                .unwrap_err();
            assert_eq!(err, OptionError::MissingValue(f.to_owned()));
            assert!(err.to_string().contains("-fumsan-config=FILE"));
        }
    }

    #[test]
    fn configs_are_checked_and_made_absolute() {
        let dir = scratch("cfg");
        std::fs::write(dir.join("a.toml"), "").unwrap();
        std::fs::write(dir.join("b.toml"), "").unwrap();
        let dir = dir.canonicalize().unwrap();
        let mut o = PassOptions::default();
        o.apply_env(":a.toml::", &dir).unwrap();
        o.apply_flag("-fumsan-config=b.toml", &dir).unwrap();
        o.apply_flag(
            &format!("-fumsan-config={}", dir.join("a.toml").display()),
            Path::new("/"),
        )
        .unwrap();
        let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
        assert_eq!(o.configs, [a.clone(), b.clone(), a.clone()]);
        assert_eq!(
            o.to_env_value(),
            format!(
                "track-origins=1;eager-checks=0;msan-compat=1;config={}:{}:{}",
                a.display(),
                b.display(),
                a.display()
            )
        );

        let err = o.apply_flag("-fumsan-config=nope.toml", &dir).unwrap_err();
        assert_eq!(
            err,
            OptionError::ConfigNotFound {
                path: "nope.toml".into(),
                from: ConfigSource::Flag
            }
        );
        assert!(err.to_string().contains("'nope.toml'"), "{err}");
        std::fs::write(dir.join("a;b.toml"), "").unwrap();
        let err = o.apply_flag("-fumsan-config=a;b.toml", &dir).unwrap_err();
        assert_eq!(err, OptionError::UnsupportedPath(dir.join("a;b.toml")));
        assert!(err.to_string().contains("a;b.toml"), "{err}");
        // A directory is not a config file.
        assert!(o.apply_flag("-fumsan-config=.", &dir).is_err());
        let err = o.apply_env("a.toml:gone.toml", &dir).unwrap_err();
        assert_eq!(
            err,
            OptionError::ConfigNotFound {
                path: "gone.toml".into(),
                from: ConfigSource::Env
            }
        );
        assert!(err.to_string().contains("UMSAN_CONFIG"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
