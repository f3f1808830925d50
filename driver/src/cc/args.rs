//! Stage one: raw argv → what the invocation does, umsan's own settings, and
//! the arguments clang should receive.
//!
//! Classification looks through `@response-files` (see [`super::response`])
//! and uses the tables in [`super::flags`]. clang receives the original
//! arguments with umsan's own flags removed; a response file is passed
//! through unexpanded unless it contains one of umsan's own flags (clang
//! would reject those), in which case its expansion is passed instead.

use std::ffi::OsString;
use std::path::Path;

use super::flags::{is_info_query, takes_separate_value, InputKind};
use super::options::{is_own_flag, OptionError, PassOptions};
use super::response;

/// What a clang invocation does, as far as umsan is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Prints information only (`--version`, `-print-*`, `-dumpmachine`;
    /// `-v` or `-###` without inputs), or has no input at all.
    Info,
    /// Preprocesses only: `-E`, or `-M`/`-MM` without `-MD`/`-MMD`.
    Preprocess,
    /// `-fsyntax-only`.
    SyntaxOnly,
    /// Compiles without linking: `-c`, `-S` (also with `-emit-llvm`).
    Compile,
    /// Compiles (if needed) and links.
    Link,
}

impl Mode {
    /// Does clang generate code (so the pass plugin runs)?
    pub fn generates_code(self) -> bool {
        matches!(self, Mode::Compile | Mode::Link)
    }
}

/// The classified command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub mode: Mode,
    /// `--version` was given: clang prints its version and stops.
    pub version: bool,
    /// `-shared`: the link produces a shared object.
    pub shared: bool,
    /// `-r`: a relocatable (partial) link.
    pub relocatable: bool,
    /// The kind of every input, in order (`-l` libraries included).
    pub inputs: Vec<InputKind>,
    /// A `-x LANG` other than `-x none` is still in effect after the last
    /// argument (so a file appended to the command would be read as LANG).
    pub language_in_effect: bool,
}

impl Classification {
    /// Does clang run its front end or optimizer on some input? True with no
    /// inputs (nothing to warn about then), false when every input is plain
    /// assembler or a linker input.
    pub fn uses_front_end(&self) -> bool {
        self.inputs.is_empty() || self.inputs.iter().any(|k| k.uses_front_end())
    }

    /// Does the invocation link an executable (so the runtime is linked in)?
    pub fn links_executable(&self) -> bool {
        self.mode == Mode::Link && !self.shared && !self.relocatable
    }
}

/// The result of stage one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedArgs {
    pub classification: Classification,
    pub options: PassOptions,
    /// The arguments for clang (umsan's own flags removed).
    pub clang_args: Vec<OsString>,
    /// Index in `clang_args` of a top-level `--` (after which everything is
    /// an input): umsan's additions must go before it.
    pub dash_dash: Option<usize>,
    /// With msan-compat: the `-fsanitize-ignorelist=` files in effect,
    /// checked, as absolute paths (see [`super::ignorelist`]).
    pub ignorelists: Vec<std::path::PathBuf>,
}

/// Classify `args` (without the program name). Relative paths (response
/// files, config files) are resolved against `cwd`; `config_env` is the value
/// of `UMSAN_CONFIG`, if set.
pub fn parse(
    args: &[OsString],
    cwd: &Path,
    config_env: Option<&str>,
) -> Result<ParsedArgs, OptionError> {
    // All arguments with response files expanded, and for each top-level
    // argument its range in that list and whether it was a response file.
    let mut expanded: Vec<OsString> = Vec::with_capacity(args.len());
    let mut spans = Vec::with_capacity(args.len());
    for arg in args {
        let start = expanded.len();
        let is_file = match response::expand_arg(arg, cwd) {
            Some(list) => {
                expanded.extend(list);
                true
            }
            None => {
                expanded.push(arg.clone());
                false
            }
        };
        spans.push((start..expanded.len(), is_file));
    }
    let walk = walk(&expanded);

    let mut options = PassOptions::default();
    if let Some(value) = config_env {
        options.apply_env(value, cwd)?;
    }
    let mut own = vec![false; expanded.len()];
    for &i in &walk.own_flags {
        options.apply_flag(&expanded[i].to_string_lossy(), cwd)?;
        own[i] = true;
    }
    if let Some(flag) = walk.msan_flag {
        return Err(OptionError::MsanFlag(flag));
    }
    let mut ignorelists = Vec::new();
    if options.msan_compat {
        for file in &walk.ignorelists {
            ignorelists.push(super::ignorelist::load(file, cwd).map_err(OptionError::Ignorelist)?);
        }
    }

    // Rebuild clang's arguments from the top-level ones.
    let mut clang_args = Vec::with_capacity(args.len());
    let mut dash_dash = None;
    for (original, (span, is_file)) in args.iter().zip(spans) {
        if !is_file {
            let i = span.start;
            if own[i] {
                continue;
            }
            if walk.dash_dash == Some(i) {
                dash_dash = Some(clang_args.len());
            }
            clang_args.push(original.clone());
        } else if span.clone().any(|i| own[i]) {
            clang_args.extend(span.filter(|&i| !own[i]).map(|i| expanded[i].clone()));
        } else {
            clang_args.push(original.clone());
        }
    }

    Ok(ParsedArgs {
        classification: walk.classification,
        options,
        clang_args,
        dash_dash,
        ignorelists,
    })
}

/// Classify already expanded arguments (convenience for callers and tests).
pub fn classify<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Classification {
    let args: Vec<OsString> = args.iter().map(|a| a.as_ref().to_owned()).collect();
    walk(&args).classification
}

struct Walk {
    classification: Classification,
    /// Indices of umsan's own flags.
    own_flags: Vec<usize>,
    /// Index of the first `--` in option position.
    dash_dash: Option<usize>,
    /// A `-fsanitize=` flag that turns MemorySanitizer on.
    msan_flag: Option<String>,
    /// `-fsanitize-ignorelist=` files (those before a
    /// `-fno-sanitize-ignorelist` dropped, as clang does).
    ignorelists: Vec<String>,
}

/// The flags that decide the mode.
#[derive(Default)]
struct Seen {
    preprocess: bool,
    make_deps: bool,
    deps_as_side_effect: bool,
    syntax_only: bool,
    compile_only: bool,
    shared: bool,
    relocatable: bool,
    version: bool,
    info: bool,
}

fn walk(args: &[OsString]) -> Walk {
    let mut seen = Seen::default();
    let mut inputs = Vec::new();
    let mut own_flags = Vec::new();
    let mut dash_dash = None;
    let mut msan_flag = None;
    let mut ignorelists = Vec::new();
    // The language set by `-x`, if any.
    let mut language: Option<InputKind> = None;
    let input_kind = |language: Option<InputKind>, name: &str| {
        language.unwrap_or_else(|| {
            if name == "-" {
                InputKind::Source
            } else {
                InputKind::from_path(name)
            }
        })
    };

    let mut i = 0;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        let arg = arg.as_ref();
        i += 1;
        if dash_dash.is_some() {
            inputs.push(input_kind(language, arg));
            continue;
        }
        if arg == "-" || !arg.starts_with('-') {
            inputs.push(input_kind(language, arg));
            continue;
        }
        if is_own_flag(arg) {
            own_flags.push(i - 1);
            continue;
        }
        if takes_separate_value(arg) {
            if let Some(value) = args.get(i) {
                let value = value.to_string_lossy();
                match arg {
                    "-x" | "--language" => language = InputKind::from_language(&value),
                    "-l" | "--library" => inputs.push(InputKind::Linker),
                    _ => {}
                }
            }
            i += 1;
            continue;
        }
        match arg {
            "--" => dash_dash = Some(i - 1),
            "-E" => seen.preprocess = true,
            "-M" | "-MM" => seen.make_deps = true,
            "-MD" | "-MMD" => seen.deps_as_side_effect = true,
            "-fsyntax-only" => seen.syntax_only = true,
            "-c" | "-S" => seen.compile_only = true,
            "-shared" => seen.shared = true,
            "-r" => seen.relocatable = true,
            "--version" => seen.version = true,
            "-fno-sanitize-ignorelist" | "-fno-sanitize-blacklist" => ignorelists.clear(),
            _ if is_info_query(arg) => seen.info = true,
            _ if arg.starts_with("-fsanitize=") => {
                let kinds = &arg["-fsanitize=".len()..];
                if kinds.split(',').any(|k| k == "memory" || k == "kernel-memory") {
                    msan_flag.get_or_insert_with(|| arg.to_owned());
                }
            }
            _ if arg.starts_with("-fsanitize-ignorelist=") || arg.starts_with("-fsanitize-blacklist=") => {
                let file = arg.split_once('=').map_or("", |(_, f)| f);
                ignorelists.push(file.to_owned());
            }
            _ => {
                if let Some(lang) = arg
                    .strip_prefix("--language=")
                    .or_else(|| arg.strip_prefix("-x"))
                {
                    language = InputKind::from_language(lang);
                } else if arg.starts_with("-l") || arg.starts_with("--library=") {
                    inputs.push(InputKind::Linker);
                }
            }
        }
    }

    let mode = if seen.version || seen.info {
        Mode::Info
    } else if seen.preprocess || (seen.make_deps && !seen.deps_as_side_effect) {
        Mode::Preprocess
    } else if seen.syntax_only {
        Mode::SyntaxOnly
    } else if seen.compile_only {
        Mode::Compile
    } else if inputs.is_empty() {
        // `-v` or `-###` alone, or clang's "no input files" error.
        Mode::Info
    } else {
        Mode::Link
    };
    Walk {
        classification: Classification {
            mode,
            version: seen.version,
            shared: seen.shared,
            relocatable: seen.relocatable,
            inputs,
            language_in_effect: language.is_some(),
        },
        own_flags,
        dash_dash,
        msan_flag,
        ignorelists,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use InputKind::*;

    fn words(s: &str) -> Vec<OsString> {
        s.split_whitespace().map(OsString::from).collect()
    }

    fn mode(s: &str) -> Mode {
        classify(&words(s)).mode
    }

    #[test]
    fn modes() {
        let cases = [
            ("-c a.c", Mode::Compile),
            ("-S a.c -o a.s", Mode::Compile),
            ("-S -emit-llvm a.c", Mode::Compile),
            ("-c -emit-llvm a.c", Mode::Compile),
            ("-E a.c", Mode::Preprocess),
            ("-E -c a.c", Mode::Preprocess),
            ("-M a.c", Mode::Preprocess),
            ("-MM a.c", Mode::Preprocess),
            ("-c -MD -MF a.d a.c", Mode::Compile),
            ("-c -MMD a.c", Mode::Compile),
            ("-M -MD a.c", Mode::Link),
            ("-fsyntax-only a.c", Mode::SyntaxOnly),
            ("a.c -o a", Mode::Link),
            ("a.o b.o -o a", Mode::Link),
            ("-shared -fPIC a.c -o a.so", Mode::Link),
            ("--version", Mode::Info),
            ("--version a.c", Mode::Info),
            ("-dumpversion", Mode::Info),
            ("-dumpmachine", Mode::Info),
            ("-print-file-name=libc.so", Mode::Info),
            ("-print-search-dirs a.c", Mode::Info),
            ("-v", Mode::Info),
            ("-###", Mode::Info),
            ("-v a.c", Mode::Link),
            ("-### -c a.c", Mode::Compile),
            ("", Mode::Info),
            ("-O2 -Wall", Mode::Info),
            // Values of separate flags are neither inputs nor modes.
            ("-o a.c -Xclang -E -mllvm -c -MF -M", Mode::Info),
            ("-Xlinker -shared a.o", Mode::Link),
            ("-lm", Mode::Link),
        ];
        for (args, want) in cases {
            assert_eq!(mode(args), want, "{args:?}");
        }
    }

    #[test]
    fn link_details() {
        let c = classify(&words("-shared a.o -o a.so"));
        assert!(c.shared && !c.links_executable());
        let c = classify(&words("-r a.o b.o -o c.o"));
        assert!(c.relocatable && !c.links_executable());
        assert!(classify(&words("a.o -o a")).links_executable());
        assert!(!classify(&words("-c a.c")).links_executable());
        assert!(!classify(&words("-Xlinker -r a.o -o a")).relocatable);
    }

    #[test]
    fn inputs_and_languages() {
        let c = classify(&words(
            "-c a.c b.s -I inc -include x.h -D X c.S -o o.o -x c d -x none e.o -lm -l z",
        ));
        assert_eq!(
            c.inputs,
            [Source, Asm, AsmWithCpp, Source, Linker, Linker, Linker]
        );
        assert!(!c.language_in_effect);
        let c = classify(&words("-xc - -o a"));
        assert_eq!(c.inputs, [Source]);
        assert!(c.language_in_effect);
        let c = classify(&words("-x assembler f.c --language=ir g"));
        assert_eq!(c.inputs, [Asm, Ir]);
        let c = classify(&words("a.c -- -weird.c"));
        assert_eq!(c.inputs, [Source, Source]);
        assert!(!classify(&words("-c a.s")).uses_front_end());
        assert!(!classify(&words("a.o b.a")).uses_front_end());
        assert!(classify(&words("a.o b.c")).uses_front_end());
        assert!(classify(&words("-v")).uses_front_end());
    }

    #[test]
    fn own_flags_are_removed_and_parsed() {
        let cwd = Path::new("/");
        let p = parse(
            &words("-c -fno-umsan-track-origins a.c -fumsan-eager-checks -o a.o"),
            cwd,
            None,
        )
        .unwrap();
        assert_eq!(p.clang_args, words("-c a.c -o a.o"));
        assert!(!p.options.track_origins && p.options.eager_checks);
        assert_eq!(p.classification.mode, Mode::Compile);
        assert_eq!(p.dash_dash, None);

        // The value of a separate flag is not an own flag.
        let p = parse(&words("-c a.c -Xclang -fumsan-x"), cwd, None).unwrap();
        assert_eq!(p.clang_args, words("-c a.c -Xclang -fumsan-x"));

        let err = parse(&words("-c a.c -fumsan-x"), cwd, None).unwrap_err();
        assert_eq!(err, OptionError::Unknown("-fumsan-x".into()));
        let err = parse(&words("-c a.c"), cwd, Some("/nonexistent/umsan.toml")).unwrap_err();
        assert!(matches!(err, OptionError::ConfigNotFound { .. }));

        let p = parse(&words("a.c -fumsan-eager-checks -- b.c"), cwd, None).unwrap();
        assert_eq!(p.clang_args, words("a.c -- b.c"));
        assert_eq!(p.dash_dash, Some(1));
    }

    #[test]
    fn response_files() {
        let dir = std::env::temp_dir().join(format!("umsan-args-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("plain.rsp"), "-c 'a b.c'").unwrap();
        std::fs::write(dir.join("own.rsp"), "-O1 -fno-umsan-track-origins\n-g").unwrap();
        std::fs::write(dir.join("cfg.toml"), "").unwrap();

        let p = parse(&words("@plain.rsp -o x.o"), &dir, None).unwrap();
        assert_eq!(p.classification.mode, Mode::Compile);
        assert_eq!(p.classification.inputs, [Source]);
        assert_eq!(p.clang_args, words("@plain.rsp -o x.o"));

        let p = parse(
            &words("@plain.rsp @own.rsp -fumsan-config=cfg.toml"),
            &dir,
            None,
        )
        .unwrap();
        assert_eq!(p.clang_args, words("@plain.rsp -O1 -g"));
        assert!(!p.options.track_origins);
        assert_eq!(
            p.options.configs,
            [dir.canonicalize().unwrap().join("cfg.toml")]
        );

        // Missing response files stay literal: an input, as for clang (which
        // then reports it).
        let p = parse(&words("@missing.rsp"), &dir, None).unwrap();
        assert_eq!(p.clang_args, words("@missing.rsp"));
        assert_eq!(p.classification.inputs, [Linker]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
