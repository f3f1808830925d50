//! The compiler wrapper: turn a `cc`-style command line into the clang
//! command that compiles with the umsan pass and links the umsan runtime.
//!
//! Two stages, as in ripgrep: [`args::parse`] turns raw argv into a
//! [`args::ParsedArgs`] (classification, umsan's own settings, clang's
//! arguments), then [`plan`] assembles the clang command from it and the
//! [`Resources`]. The binary only runs the [`Plan`].
//!
//! The assembled command is
//!
//! ```text
//! clang [[-fno-omit-frame-pointer] -fno-discard-value-names -fno-assume-sane-operator-new] USER-ARGS -D__UMSAN__=1 -I<dir of umsan.h>  (unless info query)
//!       [-fpass-plugin=<abs libumsan_pass.so>]                   (-c, -S, linking)
//!       [-Wl,-u,__umsan_preinit_anchor
//!        -Wl,--export-dynamic-symbol=__umsan_* -Wl,--export-dynamic-symbol=umsan_*
//!        [-x none] <slim copy of libumsan_rt.a> -lpthread -ldl -lm]  (links an executable)
//! ```
//!
//! with the pass options in the environment variable
//! [`umsan_abi::PASS_OPTIONS_ENV`] of the clang process only. Invariants:
//! the optimisation level and debug info are the user's; user arguments keep
//! their order; `-fno-omit-frame-pointer` (with origins only: origin
//! stacks walk the frame-pointer chain) comes first so that a user's
//! `-fomit-frame-pointer` still wins. `-D__UMSAN__=1` and
//! `-fno-omit-frame-pointer` are left out when every input is plain
//! assembler or a linker input (clang would warn that they are unused), and
//! an information query (`--version`, `-print-*`, `-v` alone, no input at
//! all) is passed through unchanged.

pub mod args;
pub mod cache;
pub mod distributed;
pub mod flags;
pub mod ignorelist;
pub mod options;
pub mod print_flags;
pub mod resources;
pub mod response;
pub mod slim;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use args::Mode;
pub use cache::CacheError;
use flags::InputKind;
pub use options::OptionError;
pub use resources::ResourceError;

/// Symbol the runtime defines so that `-u` pulls its constructor in.
pub const PREINIT_ANCHOR: &str = "__umsan_preinit_anchor";

/// Symbols of the runtime's C++ archive members (`operator new` wrappers,
/// landing pads) that `umsan-c++` links into every executable.
pub const CXX_RUNTIME_ANCHORS: [&str; 2] = ["__umsan_Znwm", "__umsan_landing_pad"];

/// Anything that stops `umsan-cc` before clang runs.
#[derive(Debug)]
pub enum Error {
    /// A usage error in umsan's own flags.
    Option(OptionError),
    /// A missing plugin, runtime, header or clang.
    Resource(ResourceError),
    /// A file of the configuration that cannot be read, or the
    /// configuration header that cannot be written.
    Cache(CacheError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Option(e) => e.fmt(f),
            Error::Resource(e) => e.fmt(f),
            Error::Cache(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Option(_) => None,
            Error::Resource(e) => e.source(),
            Error::Cache(e) => e.source(),
        }
    }
}

impl From<OptionError> for Error {
    fn from(e: OptionError) -> Self {
        Error::Option(e)
    }
}

impl From<CacheError> for Error {
    fn from(e: CacheError) -> Self {
        Error::Cache(e)
    }
}

impl From<ResourceError> for Error {
    fn from(e: ResourceError) -> Self {
        Error::Resource(e)
    }
}

/// Where the wrapper finds things, and the environment it depends on.
/// [`Resources::from_process`] fills it in for the running executable.
#[derive(Clone, Debug)]
pub struct Resources {
    /// Directory of the running executable (plugin and runtime are found
    /// relative to it, lazily, only when needed).
    pub exe_dir: PathBuf,
    /// The clang to run.
    pub clang: PathBuf,
    /// Directory holding `umsan.h`.
    pub include_dir: PathBuf,
    /// The current directory (relative config and response files).
    pub cwd: PathBuf,
    /// Value of `UMSAN_CONFIG`, if set.
    pub config_env: Option<String>,
    /// Where generated files go (`$XDG_CACHE_HOME`, `~/.cache`, or the
    /// temporary directory): the configuration header of [`cache`].
    pub cache_root: PathBuf,
}

impl Resources {
    /// Resources of the running process: its executable, `PATH`,
    /// `UMSAN_CLANG`, `UMSAN_CONFIG`, the cache directory, the current
    /// directory.
    pub fn from_process() -> Result<Resources, Error> {
        use std::env::{current_dir, var_os};
        let exe_dir = resources::exe_dir()?;
        let cwd = current_dir().map_err(|source| ResourceError::Process {
            what: "the current directory",
            source,
        })?;
        let clang = resources::clang(var_os(resources::CLANG_ENV), var_os("PATH"))?;
        let cache = resources::cache_root(var_os("XDG_CACHE_HOME"), var_os("HOME"));
        let include_dir = resources::include_dir(&exe_dir, &cache)?;
        let config_env = var_os(options::CONFIG_ENV).map(|v| v.to_string_lossy().into_owned());
        Ok(Resources {
            exe_dir,
            clang,
            include_dir,
            cwd,
            config_env,
            cache_root: cache,
        })
    }
}

/// The clang command to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The clang executable.
    pub clang: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// The value of [`umsan_abi::PASS_OPTIONS_ENV`] for clang, when the pass runs.
    pub pass_options: Option<String>,
    /// `--version` was asked for: run clang, then print umsan's version line.
    pub print_version: bool,
    /// Warnings for umsan-cc to print before running clang.
    pub warnings: Vec<String>,
}

impl Plan {
    /// The command, with the pass options in its environment only.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(&self.clang);
        cmd.args(&self.args);
        if let Some(value) = &self.pass_options {
            cmd.env(umsan_abi::PASS_OPTIONS_ENV, value);
        }
        cmd
    }
}

/// Which compiler the wrapper stands in for. Everything but the driver
/// mode is the same for both: the flags, the pass, the runtime (one
/// runtime for mixed C/C++ programs; its C++ part is linked only when
/// instrumented C++ needs it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// `umsan-cc`: clang.
    C,
    /// `umsan-c++`: clang++ (clang in `--driver-mode=g++`: C++ for `.c`
    /// inputs too, and the system's C++ standard library linked).
    Cxx,
}

impl Language {
    /// The wrapper's name, in messages and `--version`.
    pub fn tool_name(self) -> &'static str {
        match self {
            Language::C => "umsan-cc",
            Language::Cxx => "umsan-c++",
        }
    }

    /// The language of a wrapper invoked as `argv0`: a name ending in `++`
    /// (`umsan-c++`, usually a symlink to `umsan-cc`, as `clang++` is to
    /// `clang`) is C++.
    pub fn from_argv0(argv0: &std::ffi::OsStr) -> Language {
        let name = Path::new(argv0).file_name().unwrap_or(argv0).to_string_lossy();
        if name.ends_with("++") {
            Language::Cxx
        } else {
            Language::C
        }
    }

    /// Arguments in front of everything else for clang.
    fn driver_mode(self) -> Option<&'static str> {
        match self {
            Language::C => None,
            Language::Cxx => Some("--driver-mode=g++"),
        }
    }
}

/// The line `umsan-cc --version` prints after clang's version.
pub fn version_line() -> String {
    version_line_for(Language::C)
}

/// The line the wrapper for `language` prints after clang's `--version`.
pub fn version_line_for(language: Language) -> String {
    format!(
        "{} {} (umsan pass + runtime)",
        language.tool_name(),
        env!("CARGO_PKG_VERSION")
    )
}

/// The output of `umsan-cc --umsan-cache-key` (see [`cache::cache_key`]):
/// for ccache's `compiler_check`.
pub fn cache_key(res: &Resources) -> Result<String, Error> {
    let exe = std::env::current_exe().map_err(|source| ResourceError::Process {
        what: "the location of the executable",
        source,
    })?;
    let plugin = resources::plugin(&res.exe_dir)?;
    let mut env_options = options::PassOptions::default();
    if let Some(value) = &res.config_env {
        env_options.apply_env(value, &res.cwd)?;
    }
    Ok(cache::cache_key(
        &exe,
        &plugin,
        &res.clang,
        &env_options.configs,
    )?)
}

/// Assemble the clang command of `umsan-cc` for `argv` (without the
/// program name).
pub fn plan(argv: &[OsString], res: &Resources) -> Result<Plan, Error> {
    plan_for(Language::C, argv, res)
}

/// Assemble the clang command of the wrapper for `language`.
pub fn plan_for(language: Language, argv: &[OsString], res: &Resources) -> Result<Plan, Error> {
    // A remote compile of distcc: the preprocessed file carries the models
    // (see `distributed`).
    let (parsed, remote_cwd) = match distributed::parse_embedded(argv, res)? {
        Some(found) => found,
        None => (args::parse(argv, &res.cwd, res.config_env.as_deref())?, None),
    };
    let class = &parsed.classification;
    let front_end = class.uses_front_end();

    // in front of the user's arguments
    let mut before: Vec<OsString> = language.driver_mode().into_iter().map(OsString::from).collect();
    let mut after: Vec<OsString> = Vec::new(); // after them (before a `--`)
    let mut trailing: Vec<OsString> = Vec::new(); // after everything, for the linker

    if class.mode.generates_code() && front_end {
        if parsed.options.track_origins {
            // Origin stacks (of heap allocations) follow the frame-pointer
            // chain; reports unwind with the unwind tables and need none.
            before.push("-fno-omit-frame-pointer".into());
        }
        // Value names let reports name stack variables (as with MemorySanitizer).
        before.push("-fno-discard-value-names".into());
        // As clang's own -fsanitize=memory: a new-expression's result is not
        // `noalias`, so the optimizer does not read a fresh block as `undef`
        // and fold away the uninitialized read umsan must report (the block
        // of `int *a = new int[4]; if (a[2] > 0)` at -O2). An unused
        // allocation is still elided, as natively. A user's own
        // -fassume-sane-operator-new comes later and wins.
        before.push("-fno-assume-sane-operator-new".into());
    }
    // A remote compile records the preprocessing host's directory (a
    // user's own -fdebug-compilation-dir comes later and wins).
    if let Some(cwd) = &remote_cwd {
        before.push(format!("-fdebug-compilation-dir={cwd}").into());
    }
    // Preprocessed inputs do not use -D/-I (clang would warn).
    let only_preprocessed = !class.inputs.is_empty()
        && class.inputs.iter().all(|k| *k == InputKind::Preprocessed);
    // Information queries compile nothing (and `-v` alone would warn that
    // `-D`/`-I` are unused): leave them exactly as the user wrote them.
    if class.mode != Mode::Info {
        if front_end && !only_preprocessed {
            after.push("-D__UMSAN__=1".into());
        }
        // Source prepared for MemorySanitizer: clang's front end (only: a
        // driver-level -fsanitize=memory would run MSan's pass and link its
        // runtime) answers `__has_feature(memory_sanitizer)` and marks what
        // MSan would sanitize; MSan's pass is neutralized by the plugin.
        // Also for a preprocessed file (a distcc remote compile): the marks
        // are code generation, and must be those of a local compile.
        if front_end && parsed.options.msan_compat {
            after.extend(["-Xclang", "-fsanitize=memory"].map(OsString::from));
            for list in &parsed.ignorelists {
                after.push("-Xclang".into());
                after.push(concat_os("-fsanitize-ignorelist=", list));
            }
        }
        if !only_preprocessed {
            after.push(concat_os("-I", &res.include_dir));
        }
    }
    // Compiler caches must see everything the object depends on (see
    // `cache`): whenever a C source is preprocessed, force-include the
    // configuration header and name the plugin and model files as
    // dependencies.
    if class.mode != Mode::Info && class.inputs.contains(&InputKind::Source) {
        after.extend(cache::header_args(&parsed, res)?);
    }

    let mut pass_options = None;
    if class.mode.generates_code() && front_end {
        distributed::check_clang(&res.clang).map_err(CacheError::Inconsistent)?;
    }
    if class.mode.generates_code() {
        let plugin = resources::plugin(&res.exe_dir)?;
        after.push(concat_os("-fpass-plugin=", &plugin));
        // The pass reads "no sanitize_memory" as no_sanitize only when the
        // front end compiled every input (IR inputs carry no such marks).
        let mut options = parsed.options.clone();
        options.msan_compat &= !class.inputs.contains(&flags::InputKind::Ir);
        pass_options = Some(options.to_env_value());
    }
    let mut warnings = Vec::new();
    if class.links_executable() {
        let runtime = resources::runtime(&res.exe_dir)?;
        // Only what the program can reach, without debug info (see `slim`).
        let (runtime, warning) = slim::link_runtime(&runtime, &res.cache_root);
        warnings.extend(warning);
        after.extend(
            [
                format!("-Wl,-u,{PREINIT_ANCHOR}"),
                "-Wl,--export-dynamic-symbol=__umsan_*".into(),
                "-Wl,--export-dynamic-symbol=umsan_*".into(),
                "-Wl,--export-dynamic-symbol=__msan_*".into(),
            ]
            .map(OsString::from),
        );
        if language == Language::Cxx {
            // The runtime's C++ members, which instrumented shared objects
            // loaded by this program may need even if it does not.
            after.extend(CXX_RUNTIME_ANCHORS.iter().map(|s| OsString::from(format!("-Wl,-u,{s}"))));
        }
        // A `-x LANG` still in effect would make clang read the archive as LANG.
        if class.language_in_effect {
            trailing.extend(["-x", "none"].map(OsString::from));
        }
        trailing.push(runtime.into_os_string());
        trailing.extend(["-lpthread", "-ldl", "-lm"].map(OsString::from));
    }

    let mut user = parsed.clang_args;
    let mut args = before;
    match parsed.dash_dash {
        // Everything after `--` is an input: put our flags in front of it.
        Some(at) => {
            let rest = user.split_off(at);
            args.extend(user);
            args.extend(after);
            args.extend(trailing);
            args.extend(rest);
        }
        None => {
            args.extend(user);
            args.extend(after);
            args.extend(trailing);
        }
    }

    Ok(Plan {
        clang: res.clang.clone(),
        args,
        pass_options,
        print_version: class.version && class.mode == Mode::Info,
        warnings,
    })
}

fn concat_os(prefix: &str, path: &Path) -> OsString {
    let mut s = OsString::from(prefix);
    s.push(path.as_os_str());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        root: PathBuf,
        res: Resources,
    }

    impl Fixture {
        fn new(name: &str) -> Fixture {
            let root =
                std::env::temp_dir().join(format!("umsan-plan-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let exe_dir = root.join("bin");
            std::fs::create_dir_all(&exe_dir).unwrap();
            let root = root.canonicalize().unwrap();
            let exe_dir = root.join("bin");
            std::fs::write(exe_dir.join(resources::PLUGIN_NAME), "").unwrap();
            std::fs::write(exe_dir.join(resources::RUNTIME_NAME), "").unwrap();
            let res = Resources {
                exe_dir,
                clang: "clang-19".into(),
                include_dir: "/inc".into(),
                cwd: root.clone(),
                config_env: None,
                cache_root: root.join("cache"),
            };
            Fixture { root, res }
        }

        fn plan(&self, args: &str) -> Result<Plan, Error> {
            let argv: Vec<OsString> = args.split_whitespace().map(OsString::from).collect();
            plan(&argv, &self.res)
        }

        /// The planned arguments, with the fixture's directory shown as `R`.
        fn args(&self, args: &str) -> String {
            let p = self.plan(args).unwrap();
            let s: Vec<String> = p
                .args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            // The configuration header's path holds a digest: show it as `H`.
            if let Some(i) = s.iter().position(|a| a == "-include") {
                let h = &s[i + 1];
                assert!(
                    h.starts_with(&self.root.join("cache/umsan/config/").display().to_string())
                        && h.ends_with("/umsan-config.h"),
                    "{h}"
                );
            }
            let mut out = Vec::new();
            let mut it = s.into_iter();
            while let Some(a) = it.next() {
                let header = a == "-include";
                out.push(a);
                if header {
                    it.next();
                    out.push("H".into());
                }
            }
            out.join(" ").replace(&self.root.display().to_string(), "R")
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }

    const LINK: &str = "-Wl,-u,__umsan_preinit_anchor -Wl,--export-dynamic-symbol=__umsan_* \
                        -Wl,--export-dynamic-symbol=umsan_* -Wl,--export-dynamic-symbol=__msan_*";
    const RT: &str = "R/bin/libumsan_rt.a -lpthread -ldl -lm";
    /// The configuration header and the dependency on the plugin (see `cache`).
    const CFG: &str = "-include H -Xclang -fdepfile-entry=R/bin/libumsan_pass.so";

    #[test]
    fn commands() {
        let f = Fixture::new("cmds");
        let cases: Vec<(&str, String)> = vec![
            ("-c a.c -o a.o -O2 -g", format!("-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new -c a.c -o a.o -O2 -g -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG} -fpass-plugin=R/bin/libumsan_pass.so")),
            ("-E a.c", format!("-E a.c -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG}")),
            ("-M a.c", format!("-M a.c -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG}")),
            ("-dumpmachine", "-dumpmachine".into()),
            ("-v", "-v".into()),
            ("--version", "--version".into()),
            ("a.c -o a", format!("-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new a.c -o a -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG} -fpass-plugin=R/bin/libumsan_pass.so {LINK} {RT}")),
            ("a.o b.a -o a", format!("a.o b.a -o a -I/inc -fpass-plugin=R/bin/libumsan_pass.so {LINK} {RT}")),
            ("-shared -fPIC a.c -o a.so", format!("-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new -shared -fPIC a.c -o a.so -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG} -fpass-plugin=R/bin/libumsan_pass.so")),
            ("-r a.o -o b.o", "-r a.o -o b.o -I/inc -fpass-plugin=R/bin/libumsan_pass.so".into()),
            ("-c a.s", "-c a.s -I/inc -fpass-plugin=R/bin/libumsan_pass.so".into()),
            ("-x c - -o a", format!("-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new -x c - -o a -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG} -fpass-plugin=R/bin/libumsan_pass.so {LINK} -x none {RT}")),
            ("a.c -- b.c", format!("-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new a.c -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG} -fpass-plugin=R/bin/libumsan_pass.so {LINK} {RT} -- b.c")),
            // Preprocessed input: no -D/-I (unused), no configuration header;
            // the front end's msan-compat marks as for the source.
            ("-c a.i", "-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new -c a.i -Xclang -fsanitize=memory -fpass-plugin=R/bin/libumsan_pass.so".into()),
            // No code, no plugin (so it works before the plugin is built).
            ("-fsyntax-only a.c", format!("-fsyntax-only a.c -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc {CFG}")),
        ];
        for (input, want) in cases {
            assert_eq!(f.args(input), want, "{input}");
        }
    }

    #[test]
    fn cxx_is_clang_in_gxx_mode_with_the_same_additions() {
        let f = Fixture::new("cxx");
        let args = |a: &str| {
            let argv: Vec<OsString> = a.split_whitespace().map(OsString::from).collect();
            let p = plan_for(Language::Cxx, &argv, &f.res).unwrap();
            let mut s: Vec<String> = p.args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
            // The configuration header's path holds a digest: `H`, as in `Fixture::args`.
            if let Some(i) = s.iter().position(|a| a == "-include") {
                s[i + 1] = "H".into();
            }
            s.join(" ").replace(&f.root.display().to_string(), "R")
        };
        assert_eq!(
            args("a.cpp b.o -o a -fumsan-eager-checks"),
            format!("--driver-mode=g++ {}", f.args("a.cpp b.o -o a -fumsan-eager-checks")).replace(
                " R/bin/libumsan_rt.a",
                " -Wl,-u,__umsan_Znwm -Wl,-u,__umsan_landing_pad R/bin/libumsan_rt.a"
            )
        );
        assert_eq!(
            args("-c a.cpp"),
            format!("--driver-mode=g++ {}", f.args("-c a.cpp"))
        );
        assert_eq!(args("--version"), "--driver-mode=g++ --version");
        assert_eq!(
            args("-c -x c++ - -o a.o"),
            "--driver-mode=g++ -fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new -c -x c++ - -o a.o \
             -D__UMSAN__=1 -Xclang -fsanitize=memory -I/inc -include H \
             -Xclang -fdepfile-entry=R/bin/libumsan_pass.so -fpass-plugin=R/bin/libumsan_pass.so"
        );
        for (name, lang) in [
            ("umsan-c++", Language::Cxx),
            ("/usr/bin/umsan-c++", Language::Cxx),
            ("umsan-cc", Language::C),
            ("/x/c++.d/umsan-cc", Language::C),
        ] {
            assert_eq!(Language::from_argv0(name.as_ref()), lang, "{name}");
        }
        assert_eq!(version_line_for(Language::Cxx).split(' ').next(), Some("umsan-c++"));
    }

    #[test]
    fn pass_options_only_when_the_pass_runs() {
        let f = Fixture::new("env");
        let p = f
            .plan("-c a.c -fno-umsan-track-origins -fumsan-eager-checks")
            .unwrap();
        // Without origins nothing walks the frame-pointer chain.
        assert!(!p.args.iter().any(|a| a == "-fno-omit-frame-pointer"));
        assert_eq!(
            p.pass_options.as_deref(),
            Some("track-origins=0;eager-checks=1;msan-compat=1")
        );
        let cmd = p.command();
        let envs: Vec<_> = cmd.get_envs().collect();
        assert_eq!(envs.len(), 1);
        assert_eq!(envs[0].0, umsan_abi::PASS_OPTIONS_ENV);
        assert_eq!(f.plan("-E a.c").unwrap().pass_options, None);
        assert!(f.plan("--version").unwrap().print_version);
        assert!(!f.plan("-c a.c").unwrap().print_version);
    }

    #[test]
    fn missing_resources_only_matter_when_needed() {
        let f = Fixture::new("missing");
        std::fs::remove_file(f.res.exe_dir.join(resources::RUNTIME_NAME)).unwrap();
        assert!(f.plan("-c a.c").is_ok());
        let err = f.plan("a.c -o a").unwrap_err();
        assert!(
            matches!(err, Error::Resource(ResourceError::NotFound { .. })),
            "{err}"
        );
        std::fs::remove_file(f.res.exe_dir.join(resources::PLUGIN_NAME)).unwrap();
        assert!(f.plan("-E a.c").is_ok());
        let err = f.plan("-c a.c").unwrap_err();
        assert!(err.to_string().contains("libumsan_pass.so"), "{err}");
    }

    #[test]
    fn msan_compat() {
        let f = Fixture::new("msan");
        // Off: no front-end flag, no pass option.
        let p = f.plan("-c a.c -fno-umsan-msan-compat").unwrap();
        assert!(!p.args.iter().any(|a| a == "-fsanitize=memory"));
        assert_eq!(p.pass_options.as_deref(), Some("track-origins=1;eager-checks=0"));
        // IR inputs carry no sanitize_memory marks: the pass must not read
        // their absence as no_sanitize.
        let p = f.plan("-c a.ll").unwrap();
        assert_eq!(p.pass_options.as_deref(), Some("track-origins=1;eager-checks=0"));
        assert!(p.args.iter().any(|a| a == "-fsanitize=memory"));
        // Plain assembler and linking: no front end, no flag.
        assert!(!f.args("-c a.s").contains("-fsanitize=memory"));
        assert!(!f.args("a.o -o a").contains("-fsanitize=memory"));
        assert!(f.args("-E a.c").contains("-Xclang -fsanitize=memory"));
        // Ignorelists: checked, absolute, handed to the front end; the
        // user's flag stays (clang uses it for other sanitizers).
        std::fs::write(f.root.join("ign.txt"), "[memory]\nfun:skip_*\n").unwrap();
        assert_eq!(
            f.args("-c a.c -fsanitize-ignorelist=ign.txt"),
            "-fno-omit-frame-pointer -fno-discard-value-names -fno-assume-sane-operator-new -c a.c -fsanitize-ignorelist=ign.txt \
             -D__UMSAN__=1 -Xclang -fsanitize=memory -Xclang -fsanitize-ignorelist=R/ign.txt -I/inc \
             -include H -Xclang -fdepfile-entry=R/bin/libumsan_pass.so -fpass-plugin=R/bin/libumsan_pass.so"
        );
        // -fno-sanitize-ignorelist drops the ones before it.
        assert!(!f.args("-c a.c -fsanitize-ignorelist=ign.txt -fno-sanitize-ignorelist").contains("R/ign.txt"));
        // Without msan-compat the file is clang's business only.
        assert!(f.plan("-c a.c -fsanitize-ignorelist=nope.txt -fno-umsan-msan-compat").is_ok());
        std::fs::write(f.root.join("bad.txt"), "fun:a\n\nfunction b\n").unwrap();
        let err = f.plan("-c a.c -fsanitize-ignorelist=bad.txt").unwrap_err().to_string();
        assert_eq!(err, "ignorelist 'bad.txt' line 3: malformed line 'function b' (expected 'fun:PATTERN' or 'src:PATTERN')");
        let err = f.plan("-c a.c -fsanitize-blacklist=nope.txt").unwrap_err().to_string();
        assert!(err.contains("'nope.txt'") && err.contains("does not exist"), "{err}");
        // -fsanitize=memory would run MemorySanitizer itself: refused.
        for flag in ["-fsanitize=memory", "-fsanitize=undefined,memory", "-fsanitize=kernel-memory"] {
            let err = f.plan(&format!("-c a.c {flag}")).unwrap_err();
            assert!(matches!(&err, Error::Option(OptionError::MsanFlag(x)) if x == flag), "{err}");
            assert!(err.to_string().contains("drop this flag"), "{err}");
        }
        // Other sanitizers pass through unchanged.
        assert!(f.args("-c a.c -fsanitize=undefined -fno-sanitize=memory").contains("-fsanitize=undefined -fno-sanitize=memory"));
    }

    #[test]
    fn preprocessed_file_carries_the_configuration() {
        let f = Fixture::new("dist");
        let empty_plugin = format!("{:032x}", cache::hash_file(&f.res.exe_dir.join(resources::PLUGIN_NAME)).unwrap());
        let i = f.root.join("x.i");
        let write = |plugin: &str| {
            let pragmas = format!(
                "#pragma umsan_plugin \"{plugin}\"\n#pragma umsan_cwd \"/there\"\n\
                 #pragma umsan_model \"/there/m.toml\" \"# models\\n\"\nint x;\n"
            );
            std::fs::write(&i, pragmas).unwrap();
        };
        write(&empty_plugin);
        // The model named on the command line does not exist here: the
        // file's own is used, and the debug directory is the file's.
        let p = f.plan("-g -c x.i -fumsan-config=m.toml").unwrap();
        let opts = p.pass_options.unwrap();
        let model = opts.split("config=").nth(1).unwrap();
        assert!(model.ends_with("/m.toml") && model.contains("/cache/umsan/models/"), "{opts}");
        assert_eq!(std::fs::read_to_string(model).unwrap(), "# models\n");
        assert!(p.args.iter().any(|a| a == "-fdebug-compilation-dir=/there"), "{:?}", p.args);

        write("0123");
        let err = f.plan("-c x.i -fumsan-config=m.toml").unwrap_err().to_string();
        assert!(err.contains("pass plugin 0123") && err.contains("same umsan build"), "{err}");
    }

    #[test]
    fn option_errors() {
        let f = Fixture::new("opterr");
        let err = f.plan("-c a.c -fumsan-foo").unwrap_err();
        assert!(matches!(err, Error::Option(OptionError::Unknown(_))));
        assert!(err.to_string().starts_with("unknown option '-fumsan-foo'"));
        let err = f.plan("-c a.c -fumsan-config=nope.toml").unwrap_err();
        assert!(err.to_string().contains("nope.toml"));
    }
}
