//! `-fsanitize-ignorelist=FILE`: MemorySanitizer's ignorelist format,
//! checked before clang sees it.
//!
//! Under msan-compat, `umsan-cc` hands each ignorelist to clang's front end
//! (`-Xclang -fsanitize-ignorelist=ABS`), which leaves `sanitize_memory` off
//! the functions a `fun:` entry or a `src:` entry names — exactly what it
//! does under `-fsanitize=memory` — and the pass treats those functions as
//! `no_sanitize("memory")`. clang's front end answers a malformed file with
//! a crash dump, so the file is checked here first, with LLVM 19's rules
//! (`SpecialCaseList::parse`):
//!
//! - blank lines and lines starting with `#` are skipped; a first line
//!   `#!special-case-list-v1` makes patterns regular expressions instead of
//!   globs;
//! - `[section]` (a glob over sanitizer names, e.g. `[memory]`) must end with `]`;
//! - an entry is `prefix:pattern` or `prefix:pattern=category`, with a
//!   non-empty pattern;
//! - a glob must have matched `[...]` and `{...}` (no nested braces) and no
//!   trailing `\`.
//!
//! One rule is stricter than clang: the prefix must be one clang knows
//! (`src`, `fun`, `global`, `type`, `mainfile`, `field`) — clang silently
//! ignores `fn:foo`, which would never do what was meant.

use std::fmt;
use std::path::{Path, PathBuf};

/// Entry kinds clang's sanitizers read.
pub const KNOWN_PREFIXES: &[&str] = &["src", "fun", "global", "type", "mainfile", "field"];

/// Why an ignorelist cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnorelistError {
    /// The file does not exist or cannot be read.
    Unreadable { path: PathBuf, reason: String },
    /// A malformed line (1-based).
    Malformed { path: PathBuf, line: usize, reason: String },
}

impl fmt::Display for IgnorelistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IgnorelistError::Unreadable { path, reason } => {
                write!(f, "ignorelist '{}' (from -fsanitize-ignorelist): {reason}", path.display())
            }
            IgnorelistError::Malformed { path, line, reason } => {
                write!(f, "ignorelist '{}' line {line}: {reason}", path.display())
            }
        }
    }
}

/// Reads and checks the ignorelist `file` (relative to `cwd`); returns its
/// absolute path.
pub fn load(file: &str, cwd: &Path) -> Result<PathBuf, IgnorelistError> {
    let shown = PathBuf::from(file);
    let path = cwd.join(file);
    let unreadable = |reason: String| IgnorelistError::Unreadable { path: shown.clone(), reason };
    if path.is_dir() {
        return Err(unreadable("is a directory, not a file".into()));
    }
    let text = std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => unreadable("does not exist".into()),
        _ => unreadable(e.to_string()),
    })?;
    let text = String::from_utf8_lossy(&text);
    check(&text).map_err(|(line, reason)| IgnorelistError::Malformed { path: shown.clone(), line, reason })?;
    path.canonicalize().map_err(|e| unreadable(e.to_string()))
}

/// Checks the text of an ignorelist: `Err((line, reason))` for the first
/// malformed line.
pub fn check(text: &str) -> Result<(), (usize, String)> {
    let globs = !text.starts_with("#!special-case-list-v1\n");
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        if raw.starts_with('#') {
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some(name) = rest.strip_suffix(']') else {
                return Err((line_no, format!("malformed section header '{line}' (expected '[name]')")));
            };
            check_pattern(name, globs).map_err(|e| (line_no, format!("malformed section '{line}': {e}")))?;
            continue;
        }
        let Some((prefix, postfix)) = line.split_once(':').filter(|(_, p)| !p.is_empty()) else {
            return Err((
                line_no,
                format!("malformed line '{line}' (expected 'fun:PATTERN' or 'src:PATTERN')"),
            ));
        };
        if !KNOWN_PREFIXES.contains(&prefix) {
            return Err((
                line_no,
                format!("unknown entry kind '{prefix}' in '{line}' (known: {})", KNOWN_PREFIXES.join(", ")),
            ));
        }
        let pattern = postfix.split_once('=').map_or(postfix, |(p, _)| p);
        if pattern.is_empty() {
            return Err((line_no, format!("empty pattern in '{line}'")));
        }
        check_pattern(pattern, globs).map_err(|e| (line_no, format!("malformed pattern '{pattern}': {e}")))?;
    }
    Ok(())
}

/// LLVM's `GlobPattern` rules (glob mode), or balanced brackets and
/// parentheses (regular-expression mode).
fn check_pattern(p: &str, globs: bool) -> Result<(), String> {
    let bytes = p.as_bytes();
    let mut i = 0;
    let mut in_brace = false;
    let mut parens = 0i32;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if i + 1 >= bytes.len() {
                    return Err("stray '\\' at the end".into());
                }
                i += 2;
                continue;
            }
            b'[' => {
                // A bracket expression: `]` right after `[` or `[^`/`[!` is literal.
                let mut j = i + 1;
                if j < bytes.len() && (bytes[j] == b'^' || bytes[j] == b'!') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b']' {
                    j += 1;
                }
                while j < bytes.len() && bytes[j] != b']' {
                    j += 1;
                }
                if j >= bytes.len() {
                    return Err("unmatched '['".into());
                }
                i = j + 1;
                continue;
            }
            b'{' if globs => {
                if in_brace {
                    return Err("nested '{' (brace expansions cannot be nested)".into());
                }
                in_brace = true;
            }
            b'}' if globs && in_brace => in_brace = false,
            b'(' if !globs => parens += 1,
            b')' if !globs => {
                parens -= 1;
                if parens < 0 {
                    return Err("unmatched ')'".into());
                }
            }
            _ => {}
        }
        i += 1;
    }
    if in_brace {
        return Err("unmatched '{'".into());
    }
    if parens != 0 {
        return Err("unmatched '('".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_msan_ignorelists() {
        let ok = "# comment\n\n[memory]\nfun:bad_function\nfun:*tricky*\nsrc:third_party/*.c\n  fun:x=init\n\
                  [{memory,address}]\nmainfile:a.c\nglobal:g\ntype:T\nsrc:a[0-9].c\n";
        assert_eq!(check(ok), Ok(()));
        // clang's own file.
        assert_eq!(check("# Ignorelist\n# fun:*bad*\nfun:__gxx_personality_*\n"), Ok(()));
        assert_eq!(check("#!special-case-list-v1\nfun:foo(bar|baz)\n"), Ok(()));
    }

    #[test]
    fn rejects_malformed_lines_with_their_number() {
        let cases = [
            ("fun:a\nbad line\n", 2, "malformed line 'bad line'"),
            ("[memory\nfun:a\n", 1, "malformed section header"),
            ("fun:a\n\nfun:\n", 3, "malformed line"),
            ("fun:=cat\n", 1, "empty pattern"),
            ("fn:foo\n", 1, "unknown entry kind 'fn'"),
            ("fun:a[bc\n", 1, "unmatched '['"),
            ("fun:a{b,{c}}\n", 1, "nested '{'"),
            ("fun:a{b\n", 1, "unmatched '{'"),
            ("src:a\\\n", 1, "stray"),
            ("[mem{ory]\n", 1, "malformed section"),
            ("#!special-case-list-v1\nfun:a(b\n", 2, "unmatched '('"),
        ];
        for (text, line, msg) in cases {
            let (l, m) = check(text).unwrap_err();
            assert_eq!(l, line, "{text:?}: {m}");
            assert!(m.contains(msg), "{text:?}: {m}");
        }
    }

    #[test]
    fn load_names_the_file() {
        let dir = std::env::temp_dir().join(format!("umsan-ignorelist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("good.txt"), "fun:f\n").unwrap();
        std::fs::write(dir.join("bad.txt"), "fun:f\nsrc\n").unwrap();
        let abs = load("good.txt", &dir).unwrap();
        assert!(abs.is_absolute() && abs.ends_with("good.txt"));
        let err = load("bad.txt", &dir).unwrap_err().to_string();
        assert_eq!(err, "ignorelist 'bad.txt' line 2: malformed line 'src' (expected 'fun:PATTERN' or 'src:PATTERN')");
        let err = load("none.txt", &dir).unwrap_err().to_string();
        assert!(err.contains("'none.txt'") && err.contains("does not exist"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
