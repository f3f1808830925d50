//! The runtime umsan-cc links into executables: a slim copy of
//! `libumsan_rt.a` — only the code reachable from the runtime's interface,
//! no debug information — made once per runtime build by
//! `runtime/scripts/slim-archive.sh` (embedded here) and kept under
//! `<cache>/umsan/rt/<content hash>/libumsan_rt.a`.
//!
//! `libumsan_rt.a` carries Rust std, addr2line/gimli and mimalloc with their
//! debug info: linked as is, a 7 KiB program became an 11 MiB executable
//! (MemorySanitizer's: 1.35 MiB). Reports do not need that debug info (the
//! program's frames are symbolized from the program's own, runtime frames
//! from the symbol table, which is kept).
//!
//! If the copy cannot be made (no `ld`/`objcopy`/`nm`), the full archive is
//! linked and umsan-cc warns: the program is the same, only larger.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::cache::hash_file;

/// The script, embedded at build time.
pub const SCRIPT: &str = include_str!("../../../runtime/scripts/slim-archive.sh");

/// What to link instead of `runtime`: the slim copy (made now if needed)
/// and `None`, or `runtime` itself and the reason the copy could not be
/// made (`None` when `runtime` is not an archive at all, e.g. a stand-in).
pub fn link_runtime(runtime: &Path, cache_root: &Path) -> (PathBuf, Option<String>) {
    let is_archive = std::fs::File::open(runtime).is_ok_and(|mut f| {
        use std::io::Read;
        let mut magic = [0u8; 8];
        f.read_exact(&mut magic).is_ok() && &magic == b"!<arch>\n"
    });
    if !is_archive {
        return (runtime.to_path_buf(), None);
    }
    match slim(runtime, cache_root) {
        Ok(p) => (p, None),
        Err(why) => (
            runtime.to_path_buf(),
            Some(format!(
                "cannot make the slim runtime ({why}); linking the full {} (larger executables)",
                runtime.display()
            )),
        ),
    }
}

fn slim(runtime: &Path, cache_root: &Path) -> Result<PathBuf, String> {
    // The copy depends on the runtime and on how it is made.
    let hash = hash_file(runtime).map_err(|e| e.to_string())?;
    let script = SCRIPT.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    let dir = cache_root
        .join("umsan")
        .join("rt")
        .join(format!("{hash:032x}-{script:016x}"));
    let out = dir.join("libumsan_rt.a");
    if out.is_file() {
        return Ok(out);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // Made under a private name, then renamed: concurrent links never see
    // a partial archive.
    let tmp = dir.join(format!(".libumsan_rt.{}.a", std::process::id()));
    let result = Command::new("sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg("slim-archive.sh")
        .arg(runtime)
        .arg(&tmp)
        .output();
    let done = match result {
        Ok(o) if o.status.success() => std::fs::rename(&tmp, &out).map_err(|e| e.to_string()),
        Ok(o) => Err(String::from_utf8_lossy(&o.stderr).trim().to_owned()),
        Err(e) => Err(format!("cannot run sh: {e}")),
    };
    let _ = std::fs::remove_file(&tmp);
    done.map(|()| out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_script_is_the_real_one() {
        assert!(SCRIPT.contains("ld -r --gc-sections"));
        assert!(SCRIPT.contains("objcopy --strip-debug"));
    }

    #[test]
    fn non_archives_are_linked_as_they_are() {
        let dir = std::env::temp_dir().join(format!("umsan-slim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = dir.join("libumsan_rt.a");
        std::fs::write(&fake, "").unwrap();
        assert_eq!(link_runtime(&fake, &dir), (fake.clone(), None));
        // An archive that is not the runtime: the full one, with the reason.
        std::fs::write(&fake, "!<arch>\n").unwrap();
        let (p, warn) = link_runtime(&fake, &dir);
        assert_eq!(p, fake);
        assert!(warn.unwrap().contains("slim runtime"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
