//! Finding what `umsan-cc` puts on clang's command line: clang itself, the
//! pass plugin, the runtime archive and the directory holding `umsan.h`.
//!
//! Everything is found relative to the running executable, so the tools work
//! from `target/release/` (or `target/debug/`) right after `cargo build`, and
//! from an installed `bin/` directory, whatever the current directory:
//!
//! | resource | looked for in |
//! |---|---|
//! | `libumsan_pass.so`, `libumsan_rt.a` | `<exe dir>/`, then `<exe dir>/../lib/umsan/` |
//! | `umsan.h` | `<exe dir>/../../include/` (a source checkout), else the copy embedded in the executable, written once to `<cache>/umsan/<content hash>/include/` |
//! | clang | `$UMSAN_CLANG`, else `clang-19` on `PATH`, else `/usr/lib/llvm-19/bin/clang` |
//!
//! `<cache>` is `$XDG_CACHE_HOME`, else `$HOME/.cache`, else the temporary
//! directory.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// File name of the pass plugin.
pub const PLUGIN_NAME: &str = "libumsan_pass.so";
/// File name of the runtime archive.
pub const RUNTIME_NAME: &str = "libumsan_rt.a";
/// Environment variable overriding the clang executable.
pub const CLANG_ENV: &str = "UMSAN_CLANG";
/// clang's fallback location when `clang-19` is not on `PATH`.
pub const CLANG_FALLBACK: &str = "/usr/lib/llvm-19/bin/clang";
/// The header, embedded at build time.
pub const UMSAN_H: &str = include_str!("../../../include/umsan.h");

/// A resource that could not be found or prepared.
#[derive(Debug)]
pub enum ResourceError {
    /// A file that was looked for in several places.
    NotFound {
        what: &'static str,
        searched: Vec<PathBuf>,
    },
    /// No clang to run.
    NoClang,
    /// The embedded header could not be written anywhere.
    Header { dir: PathBuf, source: io::Error },
    /// The process's own situation (its executable, its current directory)
    /// could not be determined.
    Process {
        what: &'static str,
        source: io::Error,
    },
}

impl fmt::Display for ResourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceError::NotFound { what, searched } => {
                let list: Vec<String> = searched.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "cannot find {what}; looked for {} (run `cargo build --release` in the umsan repository first)",
                    list.join(", ")
                )
            }
            ResourceError::NoClang => write!(
                f,
                "cannot find clang: neither `clang-19` on PATH nor {CLANG_FALLBACK} exists \
                 (install clang-19, e.g. with scripts/bootstrap.sh, or set {CLANG_ENV})"
            ),
            ResourceError::Header { dir, source } => {
                write!(f, "cannot write umsan.h under {}: {source}", dir.display())
            }
            ResourceError::Process { what, source } => {
                write!(f, "cannot determine {what}: {source}")
            }
        }
    }
}

impl std::error::Error for ResourceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResourceError::Header { source, .. } | ResourceError::Process { source, .. } => {
                Some(source)
            }
            _ => None,
        }
    }
}

/// The directory of the running executable, symlinks resolved.
pub fn exe_dir() -> Result<PathBuf, ResourceError> {
    let exe = std::env::current_exe()
        .and_then(|e| e.canonicalize())
        .map_err(|source| ResourceError::Process {
            what: "the location of the executable",
            source,
        })?;
    Ok(exe.parent().map(Path::to_path_buf).unwrap_or_default())
}

/// The directories searched for the plugin and the runtime, in order.
pub fn search_dirs(exe_dir: &Path) -> Vec<PathBuf> {
    let prefix = exe_dir.parent().unwrap_or(exe_dir);
    vec![exe_dir.to_path_buf(), prefix.join("lib").join("umsan")]
}

/// Find the file `name` in [`search_dirs`]; `what` names it in the error.
pub fn find_file(exe_dir: &Path, name: &str, what: &'static str) -> Result<PathBuf, ResourceError> {
    let candidates: Vec<PathBuf> = search_dirs(exe_dir)
        .into_iter()
        .map(|d| d.join(name))
        .collect();
    match candidates.iter().find(|p| p.is_file()) {
        // Absolute and without `..`, for clang's command line.
        Some(found) => Ok(found.canonicalize().unwrap_or_else(|_| found.clone())),
        None => Err(ResourceError::NotFound {
            what,
            searched: candidates,
        }),
    }
}

/// The pass plugin (`libumsan_pass.so`).
pub fn plugin(exe_dir: &Path) -> Result<PathBuf, ResourceError> {
    find_file(exe_dir, PLUGIN_NAME, "the umsan pass plugin")
}

/// The runtime archive (`libumsan_rt.a`).
pub fn runtime(exe_dir: &Path) -> Result<PathBuf, ResourceError> {
    find_file(exe_dir, RUNTIME_NAME, "the umsan runtime")
}

/// The clang to run: `clang_env` (the value of `UMSAN_CLANG`) if set and
/// non-empty, else `clang-19` on `path` (the value of `PATH`), else
/// [`CLANG_FALLBACK`].
pub fn clang(
    clang_env: Option<OsString>,
    path: Option<OsString>,
) -> Result<PathBuf, ResourceError> {
    if let Some(c) = clang_env.filter(|c| !c.is_empty()) {
        return Ok(PathBuf::from(c));
    }
    let on_path = path
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("clang-19"))
        .find(|p| is_executable(p));
    if let Some(found) = on_path {
        return Ok(found);
    }
    let fallback = PathBuf::from(CLANG_FALLBACK);
    if is_executable(&fallback) {
        return Ok(fallback);
    }
    Err(ResourceError::NoClang)
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The directory to put on the include path for `umsan.h`: the source
/// checkout's `include/` next to `<exe dir>/../..` if it has the header,
/// else the embedded copy materialized under `cache_root`.
pub fn include_dir(exe_dir: &Path, cache_root: &Path) -> Result<PathBuf, ResourceError> {
    let checkout = exe_dir.join("..").join("..").join("include");
    if checkout.join("umsan.h").is_file() {
        return Ok(checkout.canonicalize().unwrap_or(checkout));
    }
    materialize_header(cache_root)
}

/// The cache root: `$XDG_CACHE_HOME` (if absolute), else `$HOME/.cache`, else
/// the temporary directory. Arguments are the values of those variables.
pub fn cache_root(xdg_cache_home: Option<OsString>, home: Option<OsString>) -> PathBuf {
    if let Some(x) = xdg_cache_home
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return x;
    }
    if let Some(h) = home.map(PathBuf::from).filter(|p| p.is_absolute()) {
        return h.join(".cache");
    }
    std::env::temp_dir()
}

/// Write the embedded `umsan.h` to `<root>/umsan/<hash>/include/umsan.h`
/// (once; atomically, by rename) and return its directory. Falls back to the
/// temporary directory if `root` is not writable.
pub fn materialize_header(root: &Path) -> Result<PathBuf, ResourceError> {
    match write_header_under(root) {
        Ok(dir) => Ok(dir),
        Err(first) => {
            let tmp = std::env::temp_dir();
            if tmp == root {
                return Err(first);
            }
            write_header_under(&tmp).map_err(|_| first)
        }
    }
}

fn write_header_under(root: &Path) -> Result<PathBuf, ResourceError> {
    let dir = root
        .join("umsan")
        .join(format!("{:016x}", fnv1a64(UMSAN_H.as_bytes())))
        .join("include");
    let target = dir.join("umsan.h");
    if std::fs::read(&target).is_ok_and(|c| c == UMSAN_H.as_bytes()) {
        return Ok(dir);
    }
    let err = |source| ResourceError::Header {
        dir: dir.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    let tmp = dir.join(format!(".umsan.h.{}.tmp", std::process::id()));
    std::fs::write(&tmp, UMSAN_H).map_err(err)?;
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })?;
    Ok(dir)
}

/// 64-bit FNV-1a: a stable content hash for the cache directory name.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("umsan-res-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn plugin_and_runtime_next_to_exe_then_in_lib() {
        let root = scratch("find");
        let bin = root.join("bin");
        let lib = root.join("lib").join("umsan");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(&lib).unwrap();

        let err = plugin(&bin).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("umsan pass plugin"), "{msg}");
        assert!(
            msg.contains(&bin.join(PLUGIN_NAME).display().to_string()),
            "{msg}"
        );
        assert!(msg.contains("lib/umsan/libumsan_pass.so"), "{msg}");
        assert!(msg.contains("cargo build --release"), "{msg}");
        assert!(runtime(&bin)
            .unwrap_err()
            .to_string()
            .contains("libumsan_rt.a"));

        std::fs::write(lib.join(PLUGIN_NAME), "").unwrap();
        std::fs::write(lib.join(RUNTIME_NAME), "").unwrap();
        assert_eq!(plugin(&bin).unwrap(), lib.join(PLUGIN_NAME));
        assert_eq!(runtime(&bin).unwrap(), lib.join(RUNTIME_NAME));

        // Next to the executable wins.
        std::fs::write(bin.join(PLUGIN_NAME), "").unwrap();
        assert_eq!(plugin(&bin).unwrap(), bin.join(PLUGIN_NAME));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn clang_lookup() {
        let dir = scratch("clang");
        assert_eq!(
            clang(Some("/my/clang".into()), None).unwrap(),
            PathBuf::from("/my/clang")
        );
        let fake = dir.join("clang-19");
        std::fs::write(&fake, "").unwrap();
        let path = std::env::join_paths([Path::new("/nonexistent"), &dir]).unwrap();
        // Not executable: skipped.
        let found = clang(Some("".into()), Some(path.clone()));
        assert_ne!(found.as_ref().ok(), Some(&fake));
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(clang(None, Some(path)).unwrap(), fake);
        match clang(None, Some("/nonexistent".into())) {
            Ok(p) => assert_eq!(p, PathBuf::from(CLANG_FALLBACK)),
            Err(e) => assert!(e.to_string().contains("clang-19")),
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cache_root_choice() {
        assert_eq!(
            cache_root(Some("/x".into()), Some("/h".into())),
            PathBuf::from("/x")
        );
        assert_eq!(
            cache_root(Some("rel".into()), Some("/h".into())),
            PathBuf::from("/h/.cache")
        );
        assert_eq!(cache_root(None, None), std::env::temp_dir());
    }

    #[test]
    fn header_is_materialized_once_and_checkout_preferred() {
        let root = scratch("hdr");
        let exe_dir = root.join("target").join("release");
        std::fs::create_dir_all(&exe_dir).unwrap();
        let cache = root.join("cache");
        let dir = include_dir(&exe_dir, &cache).unwrap();
        assert!(dir.starts_with(&cache));
        assert_eq!(
            std::fs::read_to_string(dir.join("umsan.h")).unwrap(),
            UMSAN_H
        );
        // Idempotent, and leaves no temporary files.
        assert_eq!(include_dir(&exe_dir, &cache).unwrap(), dir);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

        let checkout = root.join("include");
        std::fs::create_dir_all(&checkout).unwrap();
        std::fs::write(checkout.join("umsan.h"), "/* checkout */").unwrap();
        assert_eq!(include_dir(&exe_dir, &cache).unwrap(), checkout);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn embedded_header_is_the_real_one() {
        assert!(UMSAN_H.contains("#define UMSAN_MEMCPY_LIKE"));
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
