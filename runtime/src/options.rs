//! `UMSAN_OPTIONS`: colon-separated `key=value` runtime options.
//!
//! | key             | values                         | default  |
//! |-----------------|--------------------------------|----------|
//! | `halt_on_error` | `0`, `1`, `false`, `true`      | `1`      |
//! | `exitcode`      | integer `0..=255`              | `77`     |
//! | `log_path`      | path; reports go to `PATH.PID` (`stderr` = stderr) | stderr |
//! | `report_format` | `text`, `json`                 | `text`   |
//!
//! Empty segments (`a=1::b=2`, a trailing `:`) are ignored. An unknown key,
//! a segment without `=`, or a bad value is an error; [`parse`] returns a
//! message naming the offending key/value and listing the valid ones, and
//! start-up turns it into `==PID==ERROR: umsan: UMSAN_OPTIONS: <message>`
//! and `_exit(1)`.

use std::sync::OnceLock;

/// Format of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// The human-readable block of interface.md section 4.
    Text,
    /// One JSON object per line.
    Json,
}

/// Parsed runtime options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Exit right after the first report.
    pub halt_on_error: bool,
    /// Exit status used when halting on a report.
    pub exitcode: i32,
    /// Reports go to `log_path.PID` instead of stderr.
    pub log_path: Option<String>,
    /// Report format.
    pub report_format: ReportFormat,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            halt_on_error: true,
            exitcode: 77,
            log_path: None,
            report_format: ReportFormat::Text,
        }
    }
}

/// The valid keys, for error messages.
pub const KEYS: &[&str] = &["halt_on_error", "exitcode", "log_path", "report_format"];

/// Parse the text of `UMSAN_OPTIONS`.
pub fn parse(text: &str) -> Result<Options, String> {
    let mut o = Options::default();
    for seg in text.split(':') {
        if seg.is_empty() {
            continue;
        }
        let Some((key, value)) = seg.split_once('=') else {
            return Err(format!(
                "missing '=' in '{seg}' (expected key=value; valid keys: {})",
                KEYS.join(", ")
            ));
        };
        match key {
            "halt_on_error" => {
                o.halt_on_error = match value {
                    "1" | "true" => true,
                    "0" | "false" => false,
                    _ => {
                        return Err(format!(
                            "invalid value '{value}' for halt_on_error (valid: 0, 1, false, true)"
                        ))
                    }
                }
            }
            "exitcode" => {
                o.exitcode = match value.parse::<i32>() {
                    Ok(v) if (0..=255).contains(&v) => v,
                    _ => {
                        return Err(format!(
                            "invalid value '{value}' for exitcode (valid: an integer from 0 to 255)"
                        ))
                    }
                }
            }
            "log_path" => {
                if value.is_empty() {
                    return Err(
                        "empty value for log_path (valid: a file path prefix, or 'stderr')"
                            .to_string(),
                    );
                }
                o.log_path = if value == "stderr" {
                    None
                } else {
                    Some(value.to_string())
                };
            }
            "report_format" => {
                o.report_format = match value {
                    "text" => ReportFormat::Text,
                    "json" => ReportFormat::Json,
                    _ => {
                        return Err(format!(
                            "invalid value '{value}' for report_format (valid: text, json)"
                        ))
                    }
                }
            }
            _ => {
                return Err(format!(
                    "unknown option '{key}' (valid options: {})",
                    KEYS.join(", ")
                ))
            }
        }
    }
    Ok(o)
}

static OPTIONS: OnceLock<Options> = OnceLock::new();

/// `halt_on_error` as changed at run time by `__msan_set_keep_going`
/// (-1: not changed, else 0 or 1).
static HALT_OVERRIDE: core::sync::atomic::AtomicI8 = core::sync::atomic::AtomicI8::new(-1);

/// Change `halt_on_error` for the rest of the run.
pub fn set_halt_on_error(halt: bool) {
    HALT_OVERRIDE.store(halt as i8, core::sync::atomic::Ordering::Relaxed);
}

/// `halt_on_error` in force: the option, unless changed at run time.
pub fn halt_on_error() -> bool {
    match HALT_OVERRIDE.load(core::sync::atomic::Ordering::Relaxed) {
        -1 => get().halt_on_error,
        v => v != 0,
    }
}

/// Install the options parsed at start-up (first call wins).
pub fn install(o: Options) {
    let _ = OPTIONS.set(o);
}

/// The options in force (defaults before start-up).
pub fn get() -> &'static Options {
    OPTIONS.get_or_init(Options::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Options {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn err(text: &str, needles: &[&str]) {
        let e = parse(text).expect_err(text);
        for n in needles {
            assert!(e.contains(n), "{text:?}: error {e:?} lacks {n:?}");
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(ok(""), Options::default());
        let d = Options::default();
        assert!(d.halt_on_error);
        assert_eq!(d.exitcode, 77);
        assert_eq!(d.log_path, None);
        assert_eq!(d.report_format, ReportFormat::Text);
    }

    #[test]
    fn all_keys() {
        let o = ok("halt_on_error=0:exitcode=3:log_path=/tmp/x:report_format=json");
        assert_eq!(
            o,
            Options {
                halt_on_error: false,
                exitcode: 3,
                log_path: Some("/tmp/x".into()),
                report_format: ReportFormat::Json,
            }
        );
        assert!(ok("halt_on_error=true").halt_on_error);
        assert!(!ok("halt_on_error=false").halt_on_error);
        assert!(ok("halt_on_error=0:halt_on_error=1").halt_on_error);
        assert_eq!(ok("exitcode=0").exitcode, 0);
        assert_eq!(ok("exitcode=255").exitcode, 255);
        assert_eq!(ok("report_format=text").report_format, ReportFormat::Text);
        assert_eq!(ok("log_path=stderr").log_path, None);
    }

    #[test]
    fn empty_segments_are_ignored() {
        assert_eq!(ok(":exitcode=5::").exitcode, 5);
    }

    #[test]
    fn errors_name_the_problem() {
        err(
            "foo=1",
            &["unknown option 'foo'", "halt_on_error", "report_format"],
        );
        err("halt_on_error", &["missing '='", "halt_on_error"]);
        err(
            "halt_on_error=yes",
            &["'yes'", "halt_on_error", "0, 1, false, true"],
        );
        err("exitcode=256", &["'256'", "exitcode", "0 to 255"]);
        err("exitcode=-1", &["'-1'", "exitcode"]);
        err("exitcode=abc", &["'abc'", "exitcode"]);
        err("exitcode=", &["''", "exitcode"]);
        err(
            "report_format=xml",
            &["'xml'", "report_format", "text, json"],
        );
        err("log_path=", &["log_path"]);
        err("exitcode=1:bogus", &["missing '='", "'bogus'"]);
    }
}
