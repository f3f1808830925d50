//! The environment of the command `umsan ci` runs: `CC`, `CXX`, `PATH` and
//! `UMSAN_OPTIONS`. Pure functions of the parent's values, so that they can
//! be tested without touching the process environment.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The option keys `umsan ci` sets (and so takes from the user's value).
pub const OWNED_OPTIONS: [&str; 2] = ["log_path", "report_format"];

/// `UMSAN_OPTIONS` for the command: the user's options (`user`), less
/// `log_path` and `report_format`, followed by `log_path=<log_prefix>` and
/// `report_format=json`. `halt_on_error`, `exitcode` and anything else the
/// user set are kept, in order.
pub fn umsan_options(user: Option<&str>, log_prefix: &Path) -> String {
    let mut parts: Vec<String> = user
        .unwrap_or("")
        .split(':')
        .filter(|kv| !kv.trim().is_empty())
        .filter(|kv| {
            let key = kv.split_once('=').map_or(*kv, |(k, _)| k).trim();
            !OWNED_OPTIONS.contains(&key)
        })
        .map(str::to_string)
        .collect();
    parts.push(format!("log_path={}", log_prefix.display()));
    parts.push("report_format=json".to_string());
    parts.join(":")
}

/// Whether a `CC` value already names umsan-cc (possibly behind a launcher
/// such as `ccache umsan-cc`), in which case it is left alone.
pub fn cc_is_umsan(cc: &OsStr) -> bool {
    cc.to_string_lossy()
        .split_whitespace()
        .any(|word| Path::new(word).file_name() == Some(OsStr::new("umsan-cc")))
}

/// The `CC` to set, or `None` to keep the user's.
pub fn cc_value(user_cc: Option<&OsStr>, umsan_cc: &Path) -> Option<OsString> {
    match user_cc {
        Some(cc) if cc_is_umsan(cc) => None,
        _ => Some(umsan_cc.as_os_str().to_os_string()),
    }
}

/// Whether a `CXX` value already names umsan-c++ (possibly behind a
/// launcher), in which case it is left alone.
pub fn cxx_is_umsan(cxx: &OsStr) -> bool {
    cxx.to_string_lossy()
        .split_whitespace()
        .any(|word| Path::new(word).file_name() == Some(OsStr::new("umsan-c++")))
}

/// The `CXX` to set (`umsan-c++` next to `umsan-cc`), or `None` to keep
/// the user's: C++ in the build (a C library's C++ test program) is then
/// instrumented and linked with the runtime too.
pub fn cxx_value(user_cxx: Option<&OsStr>, umsan_cc: &Path) -> Option<OsString> {
    match user_cxx {
        Some(cxx) if cxx_is_umsan(cxx) => None,
        _ => Some(umsan_cc.with_file_name("umsan-c++").into_os_string()),
    }
}

/// `PATH` with `dir` (the directory of umsan-cc) in front, so that a build
/// that calls `umsan-cc` by name finds the same one.
pub fn path_value(user_path: Option<&OsStr>, dir: &Path) -> OsString {
    let mut dirs: Vec<PathBuf> = vec![dir.to_path_buf()];
    if let Some(p) = user_path {
        dirs.extend(std::env::split_paths(p).filter(|d| d != dir));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| user_path.unwrap_or_default().to_os_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cxx_is_umsan_cxx_next_to_umsan_cc() {
        let ours = Path::new("/opt/umsan/bin/umsan-cc");
        assert_eq!(cxx_value(None, ours), Some("/opt/umsan/bin/umsan-c++".into()));
        assert_eq!(cxx_value(Some("g++".as_ref()), ours), Some("/opt/umsan/bin/umsan-c++".into()));
        assert_eq!(cxx_value(Some("ccache /x/umsan-c++".as_ref()), ours), None);
    }

    #[test]
    fn options_override_only_log_path_and_format() {
        let prefix = Path::new("/tmp/x/report");
        assert_eq!(
            umsan_options(None, prefix),
            "log_path=/tmp/x/report:report_format=json"
        );
        assert_eq!(
            umsan_options(
                Some("halt_on_error=0:log_path=/a:report_format=text::exitcode=3"),
                prefix
            ),
            "halt_on_error=0:exitcode=3:log_path=/tmp/x/report:report_format=json"
        );
    }

    #[test]
    fn cc_choice() {
        let ours = Path::new("/opt/umsan/bin/umsan-cc");
        assert_eq!(cc_value(None, ours), Some(ours.into()));
        assert_eq!(cc_value(Some("gcc".as_ref()), ours), Some(ours.into()));
        assert_eq!(cc_value(Some("/x/umsan-cc".as_ref()), ours), None);
        assert_eq!(cc_value(Some("ccache umsan-cc".as_ref()), ours), None);
        assert_eq!(
            cc_value(Some("/x/umsan-cc-wrapper".as_ref()), ours),
            Some(ours.into())
        );
    }

    #[test]
    fn path_puts_our_dir_first_once() {
        let dir = Path::new("/opt/umsan/bin");
        assert_eq!(
            path_value(Some("/usr/bin:/opt/umsan/bin:/bin".as_ref()), dir),
            OsString::from("/opt/umsan/bin:/usr/bin:/bin")
        );
        assert_eq!(path_value(None, dir), OsString::from("/opt/umsan/bin"));
    }
}
