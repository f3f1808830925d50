//! Options of the pass. `umsan-cc` hands them over in the environment
//! variable [`umsan_abi::PASS_OPTIONS_ENV`] as `key=value` pairs separated by
//! `;` (the same works for `opt-19 -passes=umsan`). Unknown keys and bad
//! values are errors: an option that is silently ignored is a bug report
//! waiting to happen.

use std::path::PathBuf;

/// Every tunable of the instrumentation, with its default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Record and report where uninitialized values were created.
    pub track_origins: bool,
    /// Check arguments at calls and return values at returns.
    pub eager_checks: bool,
    /// A report may return (`halt_on_error=0`). Off: each check ends in a
    /// `noreturn` call, as MemorySanitizer's default, so the code after it
    /// knows the value was initialized.
    pub recover: bool,
    /// TOML model files (`-fumsan-config=`).
    pub configs: Vec<PathBuf>,
    /// Largest constant-size memory operation on shadow emitted inline; larger
    /// ones become calls.
    pub max_inline_shadow_bytes: u64,
    /// Relational comparisons (`<`, `>=`…) between two values that may both
    /// be partly uninitialized are uninitialized only if those bits could
    /// change the outcome. Off by default (then: if any bit is
    /// uninitialized, as MemorySanitizer does), because it costs ~15% of
    /// run time; comparisons against a constant are always exact.
    pub exact_relational: bool,
    /// A function with more checks and origin stores than this calls the
    /// runtime for each (`__umsan_maybe_warning`, `__umsan_maybe_store_origin`)
    /// instead of branching to a cold block of its own, as MemorySanitizer
    /// does above its `-msan-instrumentation-with-call-threshold` (also
    /// 3500): the machine code of huge functions (interpreter loops) is then
    /// about as large as the uninstrumented one's and compiles in a fraction
    /// of the time. 0: never. Not with `recover=0`, whose checks end the
    /// program inline.
    pub call_threshold: u64,
    /// Developer aid: print every instruction that takes the strict
    /// fallback (`umsan: strict fallback: <function>: <instruction>`) to
    /// stderr. Set by the environment variable [`LOG_FALLBACK_ENV`] (any
    /// value but empty or `0`), or `log-fallback=1`.
    pub log_fallback: bool,
    /// clang's front end was given `-fsanitize=memory` (msan-compat, set by
    /// `umsan-cc` for source inputs): a defined function without
    /// `sanitize_memory` is one MemorySanitizer would not sanitize
    /// (`no_sanitize("memory")`, ignorelist). See `instrument::msan_compat`.
    pub msan_compat: bool,
    /// From -O1 on, give every small local a definite uninitialized value
    /// where its life starts, so that the optimizer cannot fold a path
    /// that leaves it uninitialized away (`instrument::uninit_locals`).
    pub uninit_locals: bool,
}

/// Environment variable that turns [`Options::log_fallback`] on (read by
/// the pass itself, so it also works under `umsan-cc`/`umsan-c++`).
pub const LOG_FALLBACK_ENV: &str = "UMSAN_PASS_LOG_FALLBACK";

impl Default for Options {
    fn default() -> Self {
        Options {
            track_origins: false,
            eager_checks: false,
            recover: true,
            configs: Vec::new(),
            max_inline_shadow_bytes: 64,
            exact_relational: false,
            call_threshold: 3500,
            log_fallback: false,
            msan_compat: false,
            uninit_locals: true,
        }
    }
}

fn parse_bool(key: &str, v: &str) -> Result<bool, String> {
    match v {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(format!("{key}: expected 0 or 1, got '{v}'")),
    }
}

impl Options {
    /// Parses the `key=value;key=value` form.
    pub fn parse(s: &str) -> Result<Options, String> {
        let mut o = Options::default();
        for item in s.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| format!("pass option '{item}' is not of the form key=value"))?;
            match key {
                "track-origins" => o.track_origins = parse_bool(key, value)?,
                "eager-checks" => o.eager_checks = parse_bool(key, value)?,
                "recover" => o.recover = parse_bool(key, value)?,
                "exact-relational" => o.exact_relational = parse_bool(key, value)?,
                "log-fallback" => o.log_fallback = parse_bool(key, value)?,
                "msan-compat" => o.msan_compat = parse_bool(key, value)?,
                "uninit-locals" => o.uninit_locals = parse_bool(key, value)?,
                "config" => o.configs.extend(value.split(':').filter(|p| !p.is_empty()).map(PathBuf::from)),
                "call-threshold" => {
                    o.call_threshold =
                        value.parse().map_err(|_| format!("{key}: expected a count, got '{value}'"))?
                }
                "max-inline-shadow-bytes" => {
                    o.max_inline_shadow_bytes =
                        value.parse().map_err(|_| format!("{key}: expected a byte count, got '{value}'"))?
                }
                _ => {
                    return Err(format!(
                        "unknown pass option '{key}' (known: track-origins, eager-checks, recover, exact-relational, config, max-inline-shadow-bytes, call-threshold, log-fallback, msan-compat, uninit-locals)"
                    ))
                }
            }
        }
        Ok(o)
    }

    /// The options in effect for this process.
    pub fn from_env() -> Result<Options, String> {
        let mut o = match std::env::var(umsan_abi::PASS_OPTIONS_ENV) {
            Ok(s) => Options::parse(&s).map_err(|e| format!("{}: {e}", umsan_abi::PASS_OPTIONS_ENV))?,
            Err(_) => Options::default(),
        };
        if std::env::var(LOG_FALLBACK_ENV).is_ok_and(|v| !v.is_empty() && v != "0") {
            o.log_fallback = true;
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_keys() {
        let o = Options::parse("track-origins=1;eager-checks=true;config=/a.toml:/b.toml").unwrap();
        assert!(o.track_origins && o.eager_checks);
        assert_eq!(o.configs, vec![PathBuf::from("/a.toml"), PathBuf::from("/b.toml")]);
        assert_eq!(Options::parse("").unwrap(), Options::default());
        assert_eq!(Options::parse("call-threshold=0").unwrap().call_threshold, 0);
        assert!(Options::parse("msan-compat=1").unwrap().msan_compat);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(Options::parse("track-origins=2").unwrap_err().contains("track-origins"));
        assert!(Options::parse("colour=blue").unwrap_err().contains("unknown pass option 'colour'"));
        assert!(Options::parse("eager-checks").unwrap_err().contains("key=value"));
        assert!(Options::parse("call-threshold=many").unwrap_err().contains("call-threshold"));
    }
}
