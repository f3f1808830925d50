//! Source locations relative to the repository: the root is the git
//! work tree (`git rev-parse --show-toplevel`), or the current directory
//! outside a repository. Files under the root get a relative path with
//! forward slashes; files outside it (system headers, another checkout)
//! keep their absolute path.

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// A path as shown in the outputs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourcePath {
    /// Under the root: relative, `/`-separated, no `.` or `..`.
    Relative(String),
    /// Outside the root (or not a path we can place): kept as given.
    Absolute(String),
}

impl SourcePath {
    /// The path as text (what GitHub annotations and JUnit show).
    pub fn as_str(&self) -> &str {
        match self {
            SourcePath::Relative(s) | SourcePath::Absolute(s) => s,
        }
    }

    /// The SARIF `artifactLocation.uri`: a percent-encoded relative
    /// reference for a relative path (resolved against `%SRCROOT%`), a
    /// `file://` URI for an absolute one.
    pub fn uri(&self) -> String {
        match self {
            SourcePath::Relative(s) => percent_encode_path(s),
            SourcePath::Absolute(s) if s.starts_with('/') => {
                format!("file://{}", percent_encode_path(s))
            }
            SourcePath::Absolute(s) => percent_encode_path(s),
        }
    }

    /// Whether the path is relative to the source root.
    pub fn is_relative(&self) -> bool {
        matches!(self, SourcePath::Relative(_))
    }
}

/// The directory locations are made relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRoot {
    root: PathBuf,
}

impl SourceRoot {
    /// A root at `root` (made absolute and canonical where possible).
    pub fn new(root: impl Into<PathBuf>) -> SourceRoot {
        let root = root.into();
        let root = root.canonicalize().unwrap_or(root);
        SourceRoot { root }
    }

    /// The git work tree holding `cwd`, else `cwd` itself.
    pub fn discover(cwd: &Path) -> SourceRoot {
        SourceRoot::new(git_toplevel(cwd).unwrap_or_else(|| cwd.to_path_buf()))
    }

    /// The root directory.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Place `file` (as written in debug info) relative to the root. A
    /// relative `file` is taken as relative to the root already.
    pub fn relativize(&self, file: &str) -> SourcePath {
        let path = Path::new(file);
        if !path.is_absolute() {
            return match normalize(path) {
                Some(rel) if !rel.is_empty() => SourcePath::Relative(rel),
                _ => SourcePath::Absolute(file.to_string()),
            };
        }
        if let Some(rel) = self.strip(path) {
            return SourcePath::Relative(rel);
        }
        // The root may be reached through a symbolic link the compiler did
        // not resolve (or the other way round): compare canonical paths.
        if let Some(rel) = path.canonicalize().ok().and_then(|c| self.strip(&c)) {
            return SourcePath::Relative(rel);
        }
        SourcePath::Absolute(file.to_string())
    }

    fn strip(&self, path: &Path) -> Option<String> {
        let lexical = PathBuf::from(normalize_absolute(path)?);
        let rest = lexical.strip_prefix(&self.root).ok()?;
        normalize(rest).filter(|s| !s.is_empty())
    }
}

/// `git rev-parse --show-toplevel` run in `cwd`, if it succeeds.
fn git_toplevel(cwd: &Path) -> Option<PathBuf> {
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let top = text.trim_end_matches(['\n', '\r']);
    (!top.is_empty()).then(|| PathBuf::from(top))
}

/// A relative path as `/`-joined normal components; `None` if it climbs
/// out with `..`.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// An absolute path with `.` and `..` resolved lexically.
fn normalize_absolute(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir | Component::RootDir => {}
            Component::Prefix(_) => return None,
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// Percent-encode everything but RFC 3986 unreserved characters and the
/// path characters `/`, `@`, `+`, `=`, `~`.
fn percent_encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/@+=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_outside_and_relative() {
        let root = SourceRoot {
            root: PathBuf::from("/repo"),
        };
        assert_eq!(
            root.relativize("/repo/src/a.c"),
            SourcePath::Relative("src/a.c".into())
        );
        assert_eq!(
            root.relativize("/repo/src/../lib/./b.c"),
            SourcePath::Relative("lib/b.c".into())
        );
        assert_eq!(
            root.relativize("/usr/include/stdio.h"),
            SourcePath::Absolute("/usr/include/stdio.h".into())
        );
        assert_eq!(
            root.relativize("/repository/x.c"),
            SourcePath::Absolute("/repository/x.c".into())
        );
        assert_eq!(
            root.relativize("./src/a.c"),
            SourcePath::Relative("src/a.c".into())
        );
    }

    #[test]
    fn uris() {
        assert_eq!(
            SourcePath::Relative("a b/c%.c".into()).uri(),
            "a%20b/c%25.c"
        );
        assert_eq!(
            SourcePath::Absolute("/usr/x.h".into()).uri(),
            "file:///usr/x.h"
        );
    }
}
