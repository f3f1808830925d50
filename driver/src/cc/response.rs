//! `@response-file` expansion, as clang does it on Linux.
//!
//! clang replaces an argument `@FILE` by the arguments written in `FILE`,
//! tokenized with GNU rules ([`tokenize_gnu`]), recursively; a nested `@FILE`
//! is relative to the directory of the file that names it. An `@FILE` that
//! cannot be read stays a literal argument (and clang then complains about
//! it), and so does one that would expand itself recursively.
//!
//! `umsan-cc` expands response files only to *classify* the command line
//! (and to find its own flags); clang still receives the original `@FILE`.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

/// How deep response files may nest before expansion stops.
const MAX_DEPTH: usize = 32;

/// Split the contents of a response file into arguments (GNU rules, as in
/// LLVM's `cl::TokenizeGNUCommandLine`): unquoted whitespace separates
/// arguments; `'...'` and `"..."` quote; a backslash, inside or outside
/// quotes, takes the next character literally.
pub fn tokenize_gnu(src: &[u8]) -> Vec<OsString> {
    let mut args = Vec::new();
    let mut token: Vec<u8> = Vec::new();
    // Whether a token is in progress (distinguishes `''` from nothing).
    let mut in_token = false;
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        if c.is_ascii_whitespace() {
            if in_token {
                args.push(OsString::from_vec(std::mem::take(&mut token)));
                in_token = false;
            }
        } else if c == b'\\' && i + 1 < src.len() {
            i += 1;
            token.push(src[i]);
            in_token = true;
        } else if c == b'\'' || c == b'"' {
            in_token = true;
            i += 1;
            while i < src.len() && src[i] != c {
                if src[i] == b'\\' && i + 1 < src.len() {
                    i += 1;
                }
                token.push(src[i]);
                i += 1;
            }
        } else {
            token.push(c);
            in_token = true;
        }
        i += 1;
    }
    if in_token {
        args.push(OsString::from_vec(token));
    }
    args
}

/// If `arg` is `@FILE` naming a readable file, the arguments it expands to
/// (recursively); otherwise `None`. Relative names are resolved against `dir`.
pub fn expand_arg(arg: &OsStr, dir: &Path) -> Option<Vec<OsString>> {
    let mut stack = Vec::new();
    expand_rec(arg, dir, &mut stack)
}

/// Expand every argument of `args` (relative names against `cwd`).
pub fn expand_all(args: &[OsString], cwd: &Path) -> Vec<OsString> {
    args.iter()
        .flat_map(|a| expand_arg(a, cwd).unwrap_or_else(|| vec![a.clone()]))
        .collect()
}

fn response_path(arg: &OsStr, dir: &Path) -> Option<PathBuf> {
    let name = arg.as_bytes().strip_prefix(b"@")?;
    if name.is_empty() {
        return None;
    }
    Some(dir.join(OsStr::from_bytes(name)))
}

fn expand_rec(arg: &OsStr, dir: &Path, stack: &mut Vec<PathBuf>) -> Option<Vec<OsString>> {
    let path = response_path(arg, dir)?;
    let identity = path.canonicalize().ok()?;
    if stack.len() >= MAX_DEPTH || stack.contains(&identity) {
        return None;
    }
    let contents = std::fs::read(&path).ok()?;
    let file_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    stack.push(identity);
    let mut out = Vec::new();
    for tok in tokenize_gnu(&contents) {
        match expand_rec(&tok, &file_dir, stack) {
            Some(inner) => out.extend(inner),
            None => out.push(tok),
        }
    }
    stack.pop();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize_gnu(s.as_bytes())
            .into_iter()
            .map(|t| t.into_string().unwrap())
            .collect()
    }

    #[test]
    fn tokenizer() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("  \n\t ", &[]),
            ("-c a.c", &["-c", "a.c"]),
            ("-c\na.c\r\n-o\tb.o\n", &["-c", "a.c", "-o", "b.o"]),
            (r#"-DX="a b" 'c d'"#, &["-DX=a b", "c d"]),
            (r#""""#, &[""]),
            ("''x", &["x"]),
            (r"a\ b", &["a b"]),
            (r#""a\"b""#, &["a\"b"]),
            (r"'a\'b'", &["a'b"]),
            (r"a\\b", &[r"a\b"]),
            ("trailing\\", &["trailing\\"]),
            ("\"unterminated quote", &["unterminated quote"]),
            ("x'y z'w", &["xy zw"]),
        ];
        for (src, want) in cases {
            assert_eq!(toks(src), *want, "{src:?}");
        }
    }

    #[test]
    fn nested_expansion_and_literals() {
        let dir = std::env::temp_dir().join(format!("umsan-rsp-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.join("top.rsp"), "-c @sub/inner.rsp 'x y.c'").unwrap();
        // Relative to sub/, not to the current directory.
        std::fs::write(sub.join("inner.rsp"), "-O2 @leaf.rsp @missing.rsp").unwrap();
        std::fs::write(sub.join("leaf.rsp"), "-DLEAF").unwrap();
        std::fs::write(dir.join("loop.rsp"), "-a @loop.rsp").unwrap();

        let args: Vec<OsString> = ["@top.rsp", "@", "plain", "@nonexistent", "@loop.rsp"]
            .iter()
            .map(OsString::from)
            .collect();
        let got = expand_all(&args, &dir);
        let want = [
            "-c",
            "-O2",
            "-DLEAF",
            "@missing.rsp",
            "x y.c",
            "@",
            "plain",
            "@nonexistent",
            "-a",
            "@loop.rsp",
        ];
        assert_eq!(got, want.iter().map(OsString::from).collect::<Vec<_>>());
        assert_eq!(expand_arg(OsStr::new("plain"), &dir), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
