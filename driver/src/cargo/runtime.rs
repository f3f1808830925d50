//! The runtime archive for Rust binaries, and the toolchain stamp.
//!
//! `libumsan_rt.a` is a Rust staticlib: it carries its own copy of Rust std
//! and an allocator shim, which clash with the Rust binary's own
//! (`__rust_alloc` & co. defined twice). `runtime/scripts/localize-archive.sh`
//! turns it into one relocatable object whose only global symbols are the
//! runtime's interface. That script is embedded here ([`LOCALIZE_SCRIPT`])
//! and run once per runtime version, into
//! `<target dir>/umsan-rt/<content hash>/libumsan_rt.a` (written under a
//! temporary name, then renamed, so concurrent runs are safe).
//!
//! The content hash in the path means a rebuilt runtime changes the
//! `-Clink-arg` flags, so cargo relinks every binary; an unchanged rebuild
//! (same bytes) changes nothing. Copies of older runtimes are removed when a
//! new one is made.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The localization script (`runtime/scripts/localize-archive.sh`).
pub const LOCALIZE_SCRIPT: &str = include_str!("../../../runtime/scripts/localize-archive.sh");

/// Directory under the target directory holding localized runtimes.
pub const CACHE_DIR: &str = "umsan-rt";

/// File name of the localized archive.
pub const LOCALIZED_NAME: &str = "libumsan_rt.a";

/// A failure preparing the runtime.
#[derive(Debug)]
pub enum RuntimeError {
    /// Reading or writing a file.
    Io { path: PathBuf, source: io::Error },
    /// The localization script failed (its output is in `stderr`).
    Localize { input: PathBuf, stderr: String },
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuntimeError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            RuntimeError::Localize { input, stderr } => write!(
                f,
                "cannot localize {} for linking into Rust binaries (needs `ld`, `objcopy` and \
                 `llvm-ar-19` or `ar`): {}",
                input.display(),
                stderr.trim()
            ),
        }
    }
}

impl std::error::Error for RuntimeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RuntimeError::Io { source, .. } => Some(source),
            RuntimeError::Localize { .. } => None,
        }
    }
}

/// 64-bit FNV-1a of a file's contents, streamed.
pub fn hash_file(path: &Path) -> Result<u64, RuntimeError> {
    let io_err = |source| RuntimeError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut h = FNV_OFFSET;
    loop {
        let n = file.read(&mut buf).map_err(io_err)?;
        if n == 0 {
            return Ok(h);
        }
        h = fnv1a64(h, &buf[..n]);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a64(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The stamp identifying a toolchain from the hashes of its parts (hex).
pub fn stamp(hashes: &[u64]) -> String {
    let bytes: Vec<u8> = hashes.iter().flat_map(|h| h.to_le_bytes()).collect();
    format!("{:016x}", fnv1a64(FNV_OFFSET, &bytes))
}

/// Where the localized copy of a runtime with content hash `hash` lives.
pub fn localized_path(target_dir: &Path, hash: u64) -> PathBuf {
    target_dir
        .join(CACHE_DIR)
        .join(format!("{hash:016x}"))
        .join(LOCALIZED_NAME)
}

/// The localized copy of `runtime` (content hash `hash`) under
/// `target_dir`, made now if it does not exist yet.
pub fn localized(runtime: &Path, hash: u64, target_dir: &Path) -> Result<PathBuf, RuntimeError> {
    let out = localized_path(target_dir, hash);
    if out.is_file() {
        return Ok(out);
    }
    let dir = out.parent().expect("localized_path has a parent");
    std::fs::create_dir_all(dir).map_err(|source| RuntimeError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let tmp = dir.join(format!(".{LOCALIZED_NAME}.{}.tmp", std::process::id()));
    let output = Command::new("sh")
        .arg("-c")
        .arg(LOCALIZE_SCRIPT)
        .arg("localize-archive.sh")
        .arg(runtime)
        .arg(&tmp)
        .output()
        .map_err(|source| RuntimeError::Io {
            path: "sh".into(),
            source,
        })?;
    if !output.status.success() || !tmp.is_file() {
        let _ = std::fs::remove_file(&tmp);
        return Err(RuntimeError::Localize {
            input: runtime.to_path_buf(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    std::fs::rename(&tmp, &out).map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        RuntimeError::Io {
            path: out.clone(),
            source,
        }
    })?;
    prune_others(dir);
    Ok(out)
}

/// Remove the localized copies of other runtime versions next to `keep`
/// (best effort: a concurrent run may still be linking with one).
fn prune_others(keep: &Path) {
    let (Some(cache), Some(name)) = (keep.parent(), keep.file_name()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name() != name && e.path().join(LOCALIZED_NAME).is_file() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_and_paths() {
        let dir = std::env::temp_dir().join(format!("umsan-cargo-rt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a");
        std::fs::write(&f, b"a").unwrap();
        assert_eq!(hash_file(&f).unwrap(), 0xaf63_dc4c_8601_ec8c);
        // Larger than one read buffer: same as hashing it at once.
        let big: Vec<u8> = (0..3_000_000u32).map(|i| i as u8).collect();
        std::fs::write(&f, &big).unwrap();
        assert_eq!(hash_file(&f).unwrap(), fnv1a64(FNV_OFFSET, &big));
        assert!(hash_file(&dir.join("missing")).is_err());

        assert_eq!(stamp(&[1, 2]), stamp(&[1, 2]));
        assert_ne!(stamp(&[1, 2]), stamp(&[2, 1]));
        assert_eq!(stamp(&[1]).len(), 16);
        assert_eq!(
            localized_path(Path::new("/t/umsan"), 0xab),
            PathBuf::from("/t/umsan/umsan-rt/00000000000000ab/libumsan_rt.a")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_archive_is_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("umsan-cargo-rt-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("libumsan_rt.a");
        std::fs::write(&bad, b"not an archive").unwrap();
        let err = localized(&bad, 1, &dir).unwrap_err();
        assert!(matches!(err, RuntimeError::Localize { .. }), "{err}");
        assert!(err.to_string().contains("cannot localize"), "{err}");
        // Nothing half-written is left behind.
        let left = std::fs::read_dir(dir.join(CACHE_DIR).join(format!("{:016x}", 1)))
            .unwrap()
            .count();
        assert_eq!(left, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn older_copies_are_pruned() {
        let dir = std::env::temp_dir().join(format!("umsan-cargo-rt-prune-{}", std::process::id()));
        let old = localized_path(&dir, 1);
        let new = localized_path(&dir, 2);
        for p in [&old, &new] {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b"").unwrap();
        }
        // Not a runtime copy: kept.
        std::fs::create_dir_all(dir.join(CACHE_DIR).join("other")).unwrap();
        prune_others(new.parent().unwrap());
        assert!(!old.exists());
        assert!(new.is_file());
        assert!(dir.join(CACHE_DIR).join("other").is_dir());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn embedded_script_is_the_real_one() {
        assert!(LOCALIZE_SCRIPT.contains("--keep-global-symbol=__umsan_*"));
    }
}
