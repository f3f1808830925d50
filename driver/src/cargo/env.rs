//! Stage two: the environment `cargo umsan` gives cargo. Pure functions of
//! a [`Setup`] and the current environment, so every rule is unit-tested.
//!
//! | variable | value | why |
//! |---|---|---|
//! | `CARGO_BUILD_TARGET` | the host triple (unless `--target` was given) | as `--target <host>`: build scripts and proc macros are built for the host *without* our flags, so they stay uninstrumented and link without the runtime |
//! | `CARGO_TARGET_DIR` | `<target dir>/umsan` (unless `--target-dir` was given) | the normal build cache stays untouched |
//! | `CC_<target>`, `CC_<target_with_underscores>` | absolute path of `umsan-cc` | the `cc` crate's most specific compiler variables, ahead of `TARGET_CC`, `HOST_CC` and `CC` |
//! | `CFLAGS_<target>` | the user's value, then [`C_FLAGS`] and a toolchain stamp | debug info for `file:line` in reports; the stamp changes with the pass or runtime, so `cc` build scripts (which declare `rerun-if-env-changed` for it) rebuild their C |
//! | `CXX_<target>`, `CXX_<target_with_underscores>`, `CXXFLAGS_<target>` | `umsan-c++`; flags as for C | C++ built by the `cc` crate (`.cpp(true)`, the `cxx` crate's bridge) goes through `umsan-c++` the same way |
//! | `CARGO_TARGET_<TRIPLE>_RUSTFLAGS` or `CARGO_ENCODED_RUSTFLAGS` | the user's flags, then [`link_args`] | the runtime in every binary and test binary; see [`layer_rustflags`] |
//! | `CARGO_ENCODED_RUSTDOCFLAGS` | the user's flags, then [`link_args`] | doctests link the C too |
//! | `RUSTC_WRAPPER` | `""` when the wrapper is a compiler cache `cc` would put in front of the C compiler, other than sccache | see [`neutralize_wrapper`] |
//!
//! `UMSAN_OPTIONS` and everything else pass through unchanged.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::Path;

use crate::cc::PREINIT_ANCHOR;

/// Flags `cargo umsan` adds to every `cc`-crate C and C++ compile (after
/// the user's): full debug info, so reports name `file:line`.
pub const C_FLAGS: &[&str] = &["-g"];

/// Name of the macro carrying the toolchain stamp in [`C_FLAGS`]' company.
pub const STAMP_MACRO: &str = "__UMSAN_TOOLCHAIN_STAMP__";

/// Separator of cargo's `CARGO_ENCODED_*FLAGS` variables.
pub const ENCODED_SEP: char = '\x1f';

/// Compiler caches the `cc` crate puts in front of the C compiler when
/// `RUSTC_WRAPPER` names one of them (compared by file stem, ignoring case).
pub const C_CAPABLE_WRAPPERS: &[&str] = &["sccache", "cachepot", "buildcache", "kache"];

/// Of [`C_CAPABLE_WRAPPERS`], those known to cache umsan's objects
/// correctly (`umsan-cc` puts its configuration digest into the
/// preprocessed output: see `cc::cache`; `driver/tests/caches.rs`).
pub const UMSAN_AWARE_WRAPPERS: &[&str] = &["sccache"];

/// What the environment is assembled from.
#[derive(Clone, Debug)]
pub struct Setup<'a> {
    /// The target triple the C is compiled for.
    pub target: &'a str,
    /// Set `CARGO_BUILD_TARGET` to [`Setup::target`] (the user did not pass
    /// `--target`).
    pub build_target: bool,
    /// Set `CARGO_TARGET_DIR` to this (the user did not pass `--target-dir`).
    pub target_dir: Option<&'a Path>,
    /// Absolute path of `umsan-cc`.
    pub umsan_cc: &'a Path,
    /// Absolute path of `umsan-c++`.
    pub umsan_cxx: &'a Path,
    /// Absolute path of the runtime archive to link into Rust binaries
    /// (the localized copy, see [`super::runtime`]).
    pub runtime: &'a Path,
    /// Identifies the pass plugin and runtime in use (hex).
    pub stamp: &'a str,
}

/// Changes to make to cargo's environment: `Some(value)` sets, `None`
/// removes. Ordered, for stable output and tests.
pub type EnvChanges = BTreeMap<String, Option<OsString>>;

/// A variable that cannot be layered on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvError {
    /// A value `cargo umsan` must read or extend is not UTF-8.
    NotUtf8(String),
}

impl fmt::Display for EnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvError::NotUtf8(what) => write!(f, "{what} is not UTF-8"),
        }
    }
}

impl std::error::Error for EnvError {}

/// The rustc (and rustdoc) flags that link the runtime into a binary: the
/// same link line `umsan-cc` uses, as `-Clink-arg=` flags (one token each).
pub fn link_args(runtime: &Path) -> Result<Vec<String>, EnvError> {
    let rt = runtime
        .to_str()
        .ok_or_else(|| EnvError::NotUtf8(format!("the runtime path {}", runtime.display())))?;
    Ok([
        format!("-Wl,-u,{PREINIT_ANCHOR}"),
        "-Wl,--export-dynamic-symbol=__umsan_*".to_owned(),
        "-Wl,--export-dynamic-symbol=umsan_*".to_owned(),
        rt.to_owned(),
    ]
    .iter()
    .map(|a| format!("-Clink-arg={a}"))
    .collect())
}

/// The environment changes for `setup`, given the current environment
/// `get`.
pub fn environment(
    setup: &Setup<'_>,
    get: &dyn Fn(&str) -> Option<OsString>,
) -> Result<EnvChanges, EnvError> {
    let mut env = EnvChanges::new();
    let t = setup.target;
    if setup.build_target {
        env.insert("CARGO_BUILD_TARGET".into(), Some(t.into()));
    }
    if let Some(dir) = setup.target_dir {
        env.insert("CARGO_TARGET_DIR".into(), Some(dir.into()));
    }

    // The C and C++ compilers, under both spellings the `cc` crate looks up
    // first, and their flags: the user's first (cc joins CFLAGS,
    // HOST_/TARGET_CFLAGS and both CFLAGS_<target> spellings; this one comes
    // last), then ours.
    for (compiler, flags, tool) in [
        ("CC", "CFLAGS", setup.umsan_cc),
        ("CXX", "CXXFLAGS", setup.umsan_cxx),
    ] {
        for name in [
            format!("{compiler}_{t}"),
            format!("{compiler}_{}", t.replace(['-', '.'], "_")),
        ] {
            env.insert(name, Some(tool.into()));
        }
        let flags_var = format!("{flags}_{t}");
        let mut value = utf8(get(&flags_var), &flags_var)?.unwrap_or_default();
        for flag in C_FLAGS
            .iter()
            .map(|f| f.to_string())
            .chain([format!("-D{STAMP_MACRO}=0x{}", setup.stamp)])
        {
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(&flag);
        }
        env.insert(flags_var, Some(value.into()));
    }

    let ours = link_args(setup.runtime)?;
    env.extend(layer_rustflags(t, &ours, get)?);
    env.extend(layer_encoded("RUSTDOCFLAGS", &ours, get)?);
    env.extend(neutralize_wrapper(get));
    Ok(env)
}

/// Put `ours` after the user's rustc flags, wherever cargo would take the
/// user's from (cargo uses exactly one source, first found):
///
/// 1. `CARGO_ENCODED_RUSTFLAGS` set: append to it.
/// 2. `RUSTFLAGS` set: `CARGO_ENCODED_RUSTFLAGS` = its words, then ours.
/// 3. Otherwise `CARGO_TARGET_<TRIPLE>_RUSTFLAGS` (its current value, then
///    ours). Cargo merges it with `target.<triple>.rustflags` from config
///    files; it only applies to units built for the target, never to build
///    scripts (we build with an explicit target). If one of our flags
///    contains whitespace (this variable is split on it), fall back to
///    `CARGO_ENCODED_RUSTFLAGS`.
pub fn layer_rustflags(
    target: &str,
    ours: &[String],
    get: &dyn Fn(&str) -> Option<OsString>,
) -> Result<EnvChanges, EnvError> {
    if get("CARGO_ENCODED_RUSTFLAGS").is_some() || get("RUSTFLAGS").is_some() {
        return layer_encoded("RUSTFLAGS", ours, get);
    }
    if ours.iter().any(|f| f.contains(char::is_whitespace)) {
        return layer_encoded("RUSTFLAGS", ours, get);
    }
    let var = format!(
        "CARGO_TARGET_{}_RUSTFLAGS",
        target.to_uppercase().replace(['-', '.'], "_")
    );
    let mut words: Vec<String> = utf8(get(&var), &var)?
        .map(|v| v.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    words.extend(ours.iter().cloned());
    Ok(EnvChanges::from([(var, Some(words.join(" ").into()))]))
}

/// `CARGO_ENCODED_<base>` = the user's flags (from `CARGO_ENCODED_<base>`,
/// else the words of `<base>`), then `ours`.
pub fn layer_encoded(
    base: &str,
    ours: &[String],
    get: &dyn Fn(&str) -> Option<OsString>,
) -> Result<EnvChanges, EnvError> {
    let encoded_var = format!("CARGO_ENCODED_{base}");
    let mut flags: Vec<String> = match utf8(get(&encoded_var), &encoded_var)? {
        Some(e) if e.is_empty() => Vec::new(),
        Some(e) => e.split(ENCODED_SEP).map(str::to_owned).collect(),
        None => utf8(get(base), base)?
            .map(|v| v.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    flags.extend(ours.iter().cloned());
    let value = flags.join(&ENCODED_SEP.to_string());
    Ok(EnvChanges::from([(encoded_var, Some(value.into()))]))
}

/// Keep unknown compiler caches away from the C compiler: the `cc` crate
/// runs `<cache> umsan-cc …` when `RUSTC_WRAPPER` is sccache (or a similar
/// cache). sccache caches umsan's objects correctly (it hashes the
/// preprocessed output, which carries umsan's configuration digest), so it
/// is kept; for the others `RUSTC_WRAPPER` is set to `""` (cargo: no
/// wrapper, overriding config files). Also when neither `RUSTC_WRAPPER` nor
/// `CARGO_BUILD_RUSTC_WRAPPER` is set (a wrapper from a config file could
/// be any of them). Any other wrapper the user set in the environment is
/// kept.
pub fn neutralize_wrapper(get: &dyn Fn(&str) -> Option<OsString>) -> EnvChanges {
    let user = get("RUSTC_WRAPPER").or_else(|| get("CARGO_BUILD_RUSTC_WRAPPER"));
    match user {
        Some(w) if !w.is_empty() && (!is_c_capable_wrapper(&w) || is_umsan_aware_wrapper(&w)) => {
            EnvChanges::new()
        }
        _ => EnvChanges::from([("RUSTC_WRAPPER".to_owned(), Some(OsString::new()))]),
    }
}

/// Would the `cc` crate use wrapper `w` for C compiles too?
pub fn is_c_capable_wrapper(w: &OsStr) -> bool {
    stem_in(w, C_CAPABLE_WRAPPERS)
}

/// Does wrapper `w` cache umsan's objects correctly?
pub fn is_umsan_aware_wrapper(w: &OsStr) -> bool {
    stem_in(w, UMSAN_AWARE_WRAPPERS)
}

fn stem_in(w: &OsStr, names: &[&str]) -> bool {
    Path::new(w)
        .file_stem()
        .and_then(OsStr::to_str)
        .is_some_and(|stem| names.iter().any(|c| c.eq_ignore_ascii_case(stem)))
}

fn utf8(v: Option<OsString>, what: &str) -> Result<Option<String>, EnvError> {
    v.map(|v| {
        v.into_string()
            .map_err(|_| EnvError::NotUtf8(what.to_owned()))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const HOST: &str = "x86_64-unknown-linux-gnu";

    /// Run [`environment`] with `vars` as the current environment and a
    /// fixed setup; return the changes as `NAME=value` lines (`NAME` alone
    /// for a removal), `\x1f` shown as `|`.
    fn check(vars: &[(&str, &str)], build_target: bool, target: &str) -> Vec<String> {
        let vars: BTreeMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        let dir = PathBuf::from("/p/target/umsan");
        let setup = Setup {
            target,
            build_target,
            target_dir: build_target.then_some(dir.as_path()),
            umsan_cc: Path::new("/u/bin/umsan-cc"),
            umsan_cxx: Path::new("/u/bin/umsan-c++"),
            runtime: Path::new("/p/target/umsan/umsan-rt/ab/libumsan_rt.a"),
            stamp: "1234",
        };
        let env = environment(&setup, &|k| vars.get(k).cloned()).unwrap();
        env.into_iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={}", v.to_str().unwrap().replace(ENCODED_SEP, "|")),
                None => k,
            })
            .collect()
    }

    const LINK: &str = "-Clink-arg=-Wl,-u,__umsan_preinit_anchor \
                        -Clink-arg=-Wl,--export-dynamic-symbol=__umsan_* \
                        -Clink-arg=-Wl,--export-dynamic-symbol=umsan_* \
                        -Clink-arg=/p/target/umsan/umsan-rt/ab/libumsan_rt.a";

    fn encoded(prefix: &str) -> String {
        let link = LINK.replace(' ', "|");
        if prefix.is_empty() {
            link
        } else {
            format!("{prefix}|{link}")
        }
    }

    #[test]
    fn plain_environment() {
        assert_eq!(
            check(&[], true, HOST),
            vec![
                "CARGO_BUILD_TARGET=x86_64-unknown-linux-gnu".to_owned(),
                format!("CARGO_ENCODED_RUSTDOCFLAGS={}", encoded("")),
                "CARGO_TARGET_DIR=/p/target/umsan".to_owned(),
                format!("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS={LINK}"),
                "CC_x86_64-unknown-linux-gnu=/u/bin/umsan-cc".to_owned(),
                "CC_x86_64_unknown_linux_gnu=/u/bin/umsan-cc".to_owned(),
                "CFLAGS_x86_64-unknown-linux-gnu=-g -D__UMSAN_TOOLCHAIN_STAMP__=0x1234".to_owned(),
                "CXXFLAGS_x86_64-unknown-linux-gnu=-g -D__UMSAN_TOOLCHAIN_STAMP__=0x1234"
                    .to_owned(),
                "CXX_x86_64-unknown-linux-gnu=/u/bin/umsan-c++".to_owned(),
                "CXX_x86_64_unknown_linux_gnu=/u/bin/umsan-c++".to_owned(),
                "RUSTC_WRAPPER=".to_owned(),
            ]
        );
    }

    #[test]
    fn user_target_and_target_dir_are_kept() {
        let env = check(&[], false, "aarch64-unknown-linux-gnu");
        assert!(!env.iter().any(|e| e.starts_with("CARGO_BUILD_TARGET")));
        assert!(!env.iter().any(|e| e.starts_with("CARGO_TARGET_DIR")));
        assert!(env.contains(&"CC_aarch64_unknown_linux_gnu=/u/bin/umsan-cc".to_owned()));
        assert!(env.contains(&"CXX_aarch64_unknown_linux_gnu=/u/bin/umsan-c++".to_owned()));
        assert!(env
            .iter()
            .any(|e| e.starts_with("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS=")));
    }

    #[test]
    fn user_flags_come_first() {
        // RUSTFLAGS: words, then ours, encoded.
        let env = check(&[("RUSTFLAGS", " -Copt-level=1  --cfg foo ")], true, HOST);
        assert!(env.contains(&format!(
            "CARGO_ENCODED_RUSTFLAGS={}",
            encoded("-Copt-level=1|--cfg|foo")
        )));
        assert!(!env.iter().any(|e| e.starts_with("CARGO_TARGET_X86_64")));

        // CARGO_ENCODED_RUSTFLAGS wins over RUSTFLAGS, as in cargo.
        let env = check(
            &[
                ("RUSTFLAGS", "-Cignored"),
                ("CARGO_ENCODED_RUSTFLAGS", "--cfg\x1fa b"),
            ],
            true,
            HOST,
        );
        assert!(env.contains(&format!("CARGO_ENCODED_RUSTFLAGS={}", encoded("--cfg|a b"))));
        // Set but empty: no user flags.
        let env = check(&[("CARGO_ENCODED_RUSTFLAGS", "")], true, HOST);
        assert!(env.contains(&format!("CARGO_ENCODED_RUSTFLAGS={}", encoded(""))));

        // The per-target variable is extended.
        let env = check(
            &[(
                "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS",
                "-Ctarget-cpu=native",
            )],
            true,
            HOST,
        );
        assert!(env.contains(&format!(
            "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS=-Ctarget-cpu=native {LINK}"
        )));

        // rustdoc the same way.
        let env = check(&[("RUSTDOCFLAGS", "--cfg docs")], true, HOST);
        assert!(env.contains(&format!(
            "CARGO_ENCODED_RUSTDOCFLAGS={}",
            encoded("--cfg|docs")
        )));

        // CFLAGS_<target>: the user's, then ours.
        let env = check(&[("CFLAGS_x86_64-unknown-linux-gnu", "-O1")], true, HOST);
        assert!(env.contains(
            &"CFLAGS_x86_64-unknown-linux-gnu=-O1 -g -D__UMSAN_TOOLCHAIN_STAMP__=0x1234".to_owned()
        ));
        // CXXFLAGS_<target> likewise, independently of the C flags.
        let env = check(
            &[("CXXFLAGS_x86_64-unknown-linux-gnu", "-std=c++17")],
            true,
            HOST,
        );
        assert!(env.contains(
            &"CXXFLAGS_x86_64-unknown-linux-gnu=-std=c++17 -g -D__UMSAN_TOOLCHAIN_STAMP__=0x1234"
                .to_owned()
        ));
        assert!(env.contains(
            &"CFLAGS_x86_64-unknown-linux-gnu=-g -D__UMSAN_TOOLCHAIN_STAMP__=0x1234".to_owned()
        ));
    }

    #[test]
    fn runtime_path_with_spaces_is_encoded() {
        let ours = link_args(Path::new("/my dir/libumsan_rt.a")).unwrap();
        let env = layer_rustflags(HOST, &ours, &|_| None).unwrap();
        let v = env["CARGO_ENCODED_RUSTFLAGS"].clone().unwrap();
        assert!(v
            .to_str()
            .unwrap()
            .ends_with("\x1f-Clink-arg=/my dir/libumsan_rt.a"));
    }

    #[test]
    fn wrappers() {
        let w = |v: &[(&str, &str)]| {
            let m: BTreeMap<&str, &str> = v.iter().copied().collect();
            neutralize_wrapper(&|k| m.get(k).map(OsString::from))
        };
        let off = EnvChanges::from([("RUSTC_WRAPPER".to_owned(), Some(OsString::new()))]);
        assert_eq!(w(&[]), off);
        // sccache sees umsan's configuration: kept.
        assert_eq!(
            w(&[("RUSTC_WRAPPER", "/usr/bin/sccache")]),
            EnvChanges::new()
        );
        assert_eq!(w(&[("RUSTC_WRAPPER", "SCCACHE.EXE")]), EnvChanges::new());
        assert_eq!(w(&[("RUSTC_WRAPPER", "/usr/bin/buildcache")]), off);
        assert_eq!(w(&[("CARGO_BUILD_RUSTC_WRAPPER", "cachepot")]), off);
        assert_eq!(w(&[("RUSTC_WRAPPER", "")]), off);
        assert_eq!(
            w(&[("RUSTC_WRAPPER", "/opt/my-wrapper")]),
            EnvChanges::new()
        );
        assert!(!is_c_capable_wrapper(OsStr::new("ccache-like")));
    }

    #[test]
    fn not_utf8_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let bad = OsString::from_vec(vec![0xff]);
        let err = layer_encoded("RUSTFLAGS", &[], &|k| {
            (k == "RUSTFLAGS").then(|| bad.clone())
        })
        .unwrap_err();
        assert_eq!(err, EnvError::NotUtf8("RUSTFLAGS".into()));
        assert_eq!(err.to_string(), "RUSTFLAGS is not UTF-8");
    }
}
