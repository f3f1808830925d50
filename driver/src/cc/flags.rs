//! What `umsan-cc` needs to know about clang's command line, as tables.
//!
//! Like ccache and Bear, the wrapper does not parse clang's whole option
//! language: it only needs to find the *inputs*, the flags that select the
//! compilation *mode*, and the *values* of flags written as two arguments
//! (`-o out`, `-MF dep.d`, `-Xclang -foo`) so that those values are never
//! mistaken for inputs or mode flags. Everything else passes through to clang
//! untouched.

/// Flags that, when they are a whole argument, take the *next* argument as
/// their value. (Their joined spellings, `-ofile`, `-DX=1`, `--sysroot=/x`,
/// are a single argument and need no entry.)
#[rustfmt::skip]
pub const SEPARATE_VALUE: &[&str] = &[
    // Output, language, target.
    "-o", "-x", "-arch", "-target", "-aux-triple", "--target", "-B", "--prefix",
    "--sysroot", "-isysroot", "-working-directory", "--gcc-toolchain",
    // Preprocessor.
    "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-idirafter", "-iquote",
    "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-iframework", "-F",
    "-cxx-isystem", "-isystem-after", "-ivfsoverlay", "-iwithsysroot", "-include-pch",
    "--include-directory", "--define-macro", "--undefine-macro", "--include",
    "--include-prefix", "--include-with-prefix", "--include-directory-after",
    // Dependency files.
    "-MF", "-MT", "-MQ", "-MJ", "-dependency-file", "-dependency-dot",
    "-serialize-diagnostics",
    // Pass-through to sub-tools.
    "-Xclang", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-Xanalyzer", "-mllvm",
    "-Xopenmp-target", "-Xarch_device", "-Xarch_host", "-Xcuda-fatbinary",
    "-Xcuda-ptxas", "-Xoffload-linker",
    // Linker.
    "-L", "-l", "-u", "-T", "-e", "-z", "-rpath", "--library-directory",
    "-framework", "-install_name", "-exported_symbols_list",
    // Miscellaneous.
    "--param", "-G", "--output", "--language", "--assert", "-A", "-ccc-install-dir",
    "-ccc-gcc-name", "--config",
];

/// Does `arg`, as a whole argument, take the next argument as its value?
pub fn takes_separate_value(arg: &str) -> bool {
    SEPARATE_VALUE.contains(&arg)
        // `-Xarch_x86_64 -flag`: the value is the next argument.
        || (arg.starts_with("-Xarch_") && !arg.contains('='))
}

/// Flags after which clang only prints information and compiles nothing,
/// wherever they appear (`-print-*`/`--print-*` are matched by prefix).
#[rustfmt::skip]
pub const INFO_QUERIES: &[&str] = &[
    "--version", "-dumpversion", "-dumpmachine", "-dumpfullversion", "--help",
    "-help", "--help-hidden", "-print-targets", "--print-targets",
];

/// Is `arg` a flag that only queries information (see [`INFO_QUERIES`])?
pub fn is_info_query(arg: &str) -> bool {
    INFO_QUERIES.contains(&arg) || arg.starts_with("-print-") || arg.starts_with("--print-")
}

/// What clang does with an input file, as far as `umsan-cc` cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// C-family source or header: preprocessed and compiled.
    Source,
    /// Already preprocessed source (`.i`, `.ii`): compiled only.
    Preprocessed,
    /// Assembler with preprocessor (`.S`, `.sx`).
    AsmWithCpp,
    /// Plain assembler (`.s`): `-D` and `-f` code generation flags are unused
    /// (and clang warns about them).
    Asm,
    /// LLVM IR (`.ll`, `.bc`): optimized and compiled.
    Ir,
    /// Anything else (objects, archives, shared libraries, `-l`): linker input.
    Linker,
}

impl InputKind {
    /// Kind of an input of language `lang` (the argument of `-x`), or `None`
    /// for `-x none` (back to guessing from the extension).
    pub fn from_language(lang: &str) -> Option<InputKind> {
        Some(match lang {
            "none" => return None,
            "assembler" => InputKind::Asm,
            "assembler-with-cpp" => InputKind::AsmWithCpp,
            "ir" | "lir" => InputKind::Ir,
            l if l.ends_with("cpp-output") => InputKind::Preprocessed,
            // c, c++, objective-c(++), *-header, cuda, hip, cl, ...; clang
            // itself rejects unknown languages.
            _ => InputKind::Source,
        })
    }

    /// Kind of the input file `path`, from its extension (clang's rules).
    pub fn from_path(path: &str) -> InputKind {
        let ext = match path.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => ext,
            _ => return InputKind::Linker,
        };
        match ext {
            "c" | "h" | "cc" | "cp" | "cxx" | "cpp" | "c++" | "C" | "CC" | "CPP" | "CXX" | "hh"
            | "hpp" | "hxx" | "H" | "h++" | "m" | "mm" | "M" | "cu" | "cuh" | "cl" | "hip"
            | "cppm" | "ixx" | "inc" => InputKind::Source,
            "i" | "ii" | "mi" | "mii" => InputKind::Preprocessed,
            "s" => InputKind::Asm,
            "S" | "sx" => InputKind::AsmWithCpp,
            "ll" | "bc" => InputKind::Ir,
            _ => InputKind::Linker,
        }
    }

    /// Does clang run its C front end (preprocessor or compiler) or the
    /// optimizer on this input? (False only for plain assembler and linker
    /// inputs, for which `-D`, `-fno-omit-frame-pointer` would be unused.)
    pub fn uses_front_end(self) -> bool {
        !matches!(self, InputKind::Asm | InputKind::Linker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separate_values() {
        for f in [
            "-o",
            "-I",
            "-D",
            "-MF",
            "-Xclang",
            "-mllvm",
            "-x",
            "-Xarch_x86_64",
            "-e",
        ] {
            assert!(takes_separate_value(f), "{f}");
        }
        for f in [
            "-ofoo",
            "-Iinc",
            "-DX=1",
            "-emit-llvm",
            "-c",
            "-MD",
            "--target=x86_64",
            "-E",
        ] {
            assert!(!takes_separate_value(f), "{f}");
        }
    }

    #[test]
    fn info_queries() {
        for f in [
            "--version",
            "-print-file-name=libc.so",
            "--print-prog-name=ld",
            "-dumpmachine",
        ] {
            assert!(is_info_query(f), "{f}");
        }
        for f in ["-v", "-###", "-c", "-printf"] {
            assert!(!is_info_query(f), "{f}");
        }
    }

    #[test]
    fn input_kinds() {
        use InputKind::*;
        let cases = [
            ("a.c", Source),
            ("dir.x/a.cpp", Source),
            ("a.h", Source),
            ("a.i", Preprocessed),
            ("a.s", Asm),
            ("a.S", AsmWithCpp),
            ("a.ll", Ir),
            ("a.bc", Ir),
            ("a.o", Linker),
            ("liba.a", Linker),
            ("liba.so.1", Linker),
            ("noext", Linker),
            ("dir.d/noext", Linker),
            (".c", Linker),
        ];
        for (path, kind) in cases {
            assert_eq!(InputKind::from_path(path), kind, "{path}");
        }
        assert_eq!(InputKind::from_language("c"), Some(Source));
        assert_eq!(
            InputKind::from_language("c++-cpp-output"),
            Some(Preprocessed)
        );
        assert_eq!(InputKind::from_language("assembler"), Some(Asm));
        assert_eq!(
            InputKind::from_language("assembler-with-cpp"),
            Some(AsmWithCpp)
        );
        assert_eq!(InputKind::from_language("none"), None);
        assert!(!Asm.uses_front_end() && !Linker.uses_front_end() && AsmWithCpp.uses_front_end());
    }
}
