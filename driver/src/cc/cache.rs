//! Compiler caches (ccache, sccache) and distributed compilers: making
//! everything an instrumented object depends on visible to them.
//!
//! A cache keys an object on the compiler, the command line and the source
//! (ccache's direct mode: the source and its include files; preprocessor
//! mode and sccache: the preprocessed output). What umsan adds behind
//! `umsan-cc` — the pass plugin, the contents of model files, the clang it
//! runs — is invisible to them. So whenever the front end preprocesses a C
//! source, `umsan-cc` force-includes a generated *configuration header*:
//!
//! ```text
//! -include <cache>/umsan/config/<digest>/umsan-config.h
//! -Xclang -fdepfile-entry=<plugin>  -Xclang -fdepfile-entry=<model file>…
//! ```
//!
//! - `<digest>` ([`ConfigDigest`]) hashes umsan's version, the plugin's
//!   *contents*, the clang executable (path, size, modification time), the
//!   pass options and every model file's *contents* (from `UMSAN_CONFIG` and
//!   `-fumsan-config`, in order). The header's path appears in the
//!   preprocessed output, so ccache's preprocessor mode and sccache miss when
//!   any of it changes. The header also carries it in an ignored
//!   `#pragma umsan_config "<digest>"` (inside `#pragma clang diagnostic
//!   ignored "-Wunknown-pragmas"`), which survives `-E -P`: sccache
//!   preprocesses without line markers.
//! - The header holds a comment, that pragma, the plugin's hash and the
//!   model files' contents as pragmas too (for distributed compiles: see
//!   [`super::distributed`]), and one `#line 1 "<file>"` per plugin and
//!   model file. The preprocessed output then names those files in line
//!   markers, which ccache's direct mode takes as include files: it records
//!   their contents in its manifest and misses when one changes.
//! - `-fdepfile-entry` puts the plugin and the model files into `-MD`/`-M`
//!   dependency files (as clang does for sanitizer ignorelists), so `make`
//!   and ccache's depend mode rebuild when they change.
//!
//! The header declares nothing: the object is the same as without it.
//!
//! Direct mode cannot see the *environment* (`UMSAN_CONFIG` naming other
//! files, `UMSAN_CLANG`): for that, ccache's `compiler_check` runs
//! `umsan-cc --umsan-cache-key` ([`cache_key`]), whose output covers
//! umsan-cc itself, the plugin, clang and the `UMSAN_CONFIG` files.
//!
//! Hashes are XXH3-128 (fast: the 20 MiB plugin hashes in a few
//! milliseconds; collisions by accident are out of reach).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use twox_hash::xxhash3_128::Hasher;

use super::args::ParsedArgs;
use super::options::PassOptions;
use super::{resources, Resources};

/// File name of the generated header.
pub const HEADER_NAME: &str = "umsan-config.h";
/// The flag that prints [`cache_key`] (for ccache's `compiler_check`).
pub const CACHE_KEY_FLAG: &str = "--umsan-cache-key";

/// A file that could not be read for hashing, or a header that could not
/// be written.
#[derive(Debug)]
pub enum CacheError {
    /// A file whose contents are part of the digest could not be read.
    Read { path: PathBuf, source: io::Error },
    /// The configuration header could not be written.
    Write { dir: PathBuf, source: io::Error },
    /// A path that cannot be named in a `#line` directive.
    Newline(PathBuf),
    /// A preprocessed file whose umsan configuration cannot be compiled
    /// here as it was meant to be.
    Inconsistent(String),
}

impl std::fmt::Display for CacheError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CacheError::Read { path, source } => {
                write!(f, "cannot read '{}': {source}", path.display())
            }
            CacheError::Write { dir, source } => {
                write!(f, "cannot write under {}: {source}", dir.display())
            }
            CacheError::Inconsistent(why) => f.write_str(why),
            CacheError::Newline(path) => write!(
                f,
                "file path '{}' contains a newline, which umsan cannot pass on",
                path.display().to_string().escape_debug()
            ),
        }
    }
}

// (The I/O errors are part of the message already.)
impl std::error::Error for CacheError {}

/// XXH3-128 of a file's contents.
pub fn hash_file(path: &Path) -> Result<u128, CacheError> {
    let read_err = |source| CacheError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let mut hasher = Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        hasher.write(&buf[..n]);
    }
    Ok(hasher.finish_128())
}

/// What identifies an executable that is not hashed by contents (clang and
/// the LLVM libraries behind it are hundreds of MiB): its path, size and
/// modification time, as ccache's default `compiler_check = mtime`.
fn stat_identity(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    let resolved = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match resolved.metadata() {
        Ok(m) => format!(
            "{} size={} mtime={}.{:09}",
            resolved.display(),
            m.size(),
            m.mtime(),
            m.mtime_nsec()
        ),
        Err(_) => format!("{} (missing)", resolved.display()),
    }
}

/// The configuration of one compilation, as compiler caches must see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigDigest {
    /// 32 hex digits.
    pub hex: String,
    /// The files whose contents are in the digest (the plugin, if it
    /// exists, then the model files): named by `#line` in the header and
    /// by `-fdepfile-entry`.
    pub files: Vec<PathBuf>,
    /// The header's text.
    pub header: String,
}

impl ConfigDigest {
    /// The digest for `options`, compiled by `clang` with `plugin` (absent
    /// before the plugin is built: `-E` works then too).
    pub fn compute(
        options: &PassOptions,
        plugin: Option<&Path>,
        clang: &Path,
    ) -> Result<ConfigDigest, CacheError> {
        Self::compute_with_cwd(options, plugin, clang, None)
    }

    /// As [`ConfigDigest::compute`], for a compile with debug info in
    /// `debug_cwd`: the directory is part of the digest and is carried in
    /// the header, so that a remote compile of the preprocessed file records
    /// the same `DW_AT_comp_dir` (see [`super::distributed`]).
    pub fn compute_with_cwd(
        options: &PassOptions,
        plugin: Option<&Path>,
        clang: &Path,
        debug_cwd: Option<&Path>,
    ) -> Result<ConfigDigest, CacheError> {
        let mut desc = String::new();
        let _ = writeln!(desc, "umsan {}", env!("CARGO_PKG_VERSION"));
        let mut files = Vec::new();
        let mut plugin_hash = None;
        match plugin {
            Some(p) => {
                let h = hash_file(p)?;
                let _ = writeln!(desc, "pass plugin {h:032x}");
                plugin_hash = Some(h);
                files.push(p.to_path_buf());
            }
            None => desc.push_str("pass plugin (not built)\n"),
        }
        // The path of clang is in the description below, and so in the
        // digest, but it is not written into the header's comment.
        let clang_id = stat_identity(clang);
        let opts = PassOptions {
            configs: Vec::new(),
            ..options.clone()
        }
        .to_env_value();
        let _ = writeln!(desc, "options {opts}");
        let mut models = Vec::new();
        for config in &options.configs {
            let contents = std::fs::read(config).map_err(|source| CacheError::Read {
                path: config.clone(),
                source,
            })?;
            let _ = writeln!(desc, "model file {:032x}", Hasher::oneshot(&contents));
            files.push(config.clone());
            models.push((config.clone(), contents));
        }
        for f in &files {
            if f.as_os_str().as_encoded_bytes().contains(&b'\n') {
                return Err(CacheError::Newline(f.clone()));
            }
        }
        let mut hasher = Hasher::new();
        hasher.write(desc.as_bytes());
        hasher.write(clang_id.as_bytes());
        if let Some(cwd) = debug_cwd {
            hasher.write(cwd.as_os_str().as_encoded_bytes());
        }
        let hex = format!("{:032x}", hasher.finish_128());
        if let Some(cwd) = debug_cwd {
            if cwd.as_os_str().as_encoded_bytes().contains(&b'\n') {
                return Err(CacheError::Newline(cwd.to_path_buf()));
            }
            // (Not in the comment: the header's comment names no path.)
            desc.push_str("debug info: compilation directory\n");
        }
        let embedded = super::distributed::pragmas(plugin_hash, &models, debug_cwd);
        let header = header_text(&hex, &desc, &embedded, &files);
        Ok(ConfigDigest { hex, files, header })
    }

    /// Write the header (once per digest) under `cache_root`, else under
    /// the temporary directory, and return its path.
    pub fn write_header(&self, cache_root: &Path) -> Result<PathBuf, CacheError> {
        match self.write_header_under(cache_root) {
            Ok(p) => Ok(p),
            Err(first) => {
                let tmp = std::env::temp_dir();
                if tmp == cache_root {
                    return Err(first);
                }
                self.write_header_under(&tmp).map_err(|_| first)
            }
        }
    }

    fn write_header_under(&self, root: &Path) -> Result<PathBuf, CacheError> {
        let dir = root.join("umsan").join("config").join(&self.hex);
        let target = dir.join(HEADER_NAME);
        if std::fs::read(&target).is_ok_and(|c| c == self.header.as_bytes()) {
            return Ok(target);
        }
        let err = |source| CacheError::Write {
            dir: dir.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(err)?;
        let tmp = dir.join(format!(".{HEADER_NAME}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, &self.header).map_err(err)?;
        std::fs::rename(&tmp, &target).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            err(e)
        })?;
        Ok(target)
    }
}

/// The arguments that force-include the configuration header of a compile
/// (written now if needed) and put the plugin and model files into
/// dependency files: `-include <header> -Xclang -fdepfile-entry=<file>…`.
pub fn header_args(parsed: &ParsedArgs, res: &Resources) -> Result<Vec<OsString>, CacheError> {
    let plugin = resources::plugin(&res.exe_dir).ok();
    // With debug info, the directory too (for distributed compiles).
    let debug = parsed.clang_args.iter().any(|a| {
        let a = a.to_string_lossy();
        a.starts_with("-g") && a != "-g0"
    });
    let digest = ConfigDigest::compute_with_cwd(
        &parsed.options,
        plugin.as_deref(),
        &res.clang,
        debug.then_some(res.cwd.as_path()),
    )?;
    let header = digest.write_header(&res.cache_root)?;
    let mut out: Vec<OsString> = vec!["-include".into(), header.into_os_string()];
    for file in &digest.files {
        out.push("-Xclang".into());
        let mut entry = OsString::from("-fdepfile-entry=");
        entry.push(file.as_os_str());
        out.push(entry);
    }
    Ok(out)
}

/// The header: a comment (no paths: a path could end it), then one `#line`
/// per file, so that the preprocessed output names each file.
fn header_text(hex: &str, desc: &str, embedded: &str, files: &[PathBuf]) -> String {
    let mut s = String::new();
    s.push_str("/* Generated by umsan-cc for compiler caches: the umsan configuration of\n");
    s.push_str("   this compilation. It declares nothing; its path and the pragma carry the\n");
    s.push_str("   digest, and the line markers below name the files the object depends on.\n");
    let _ = writeln!(s, "   digest {hex}");
    for line in desc.lines() {
        let _ = writeln!(s, "   {line}");
    }
    s.push_str("*/\n");
    // The digest as tokens: they survive `-E -P` (sccache preprocesses so),
    // which drops line markers. clang ignores the pragma, without a warning.
    s.push_str("#pragma clang diagnostic push\n");
    s.push_str("#pragma clang diagnostic ignored \"-Wunknown-pragmas\"\n");
    let _ = writeln!(s, "#pragma umsan_config \"{hex}\"");
    // The plugin and the models, for remote compiles (see `distributed`).
    s.push_str(embedded);
    s.push_str("#pragma clang diagnostic pop\n");
    for f in files {
        let _ = writeln!(s, "#line 1 \"{}\"", c_string_body(f));
    }
    s
}

/// `path` as the inside of a C string literal.
fn c_string_body(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// The output of `umsan-cc --umsan-cache-key`, for ccache's
/// `compiler_check` (which then replaces its own check of `umsan-cc`):
/// umsan's version, the contents of `umsan-cc` itself and of the plugin,
/// the clang executable (path, size, modification time), and the contents
/// of the model files `UMSAN_CONFIG` names (`config_env_files`).
pub fn cache_key(
    exe: &Path,
    plugin: &Path,
    clang: &Path,
    config_env_files: &[PathBuf],
) -> Result<String, CacheError> {
    let mut s = format!("umsan-cc {}\n", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(s, "umsan-cc {:032x}", hash_file(exe)?);
    let _ = writeln!(s, "pass plugin {:032x}", hash_file(plugin)?);
    let _ = writeln!(s, "clang {}", stat_identity(clang));
    for f in config_env_files {
        let _ = writeln!(s, "UMSAN_CONFIG {:032x}", hash_file(f)?);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("umsan-cache-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn digest_follows_contents_options_and_plugin() {
        let dir = scratch("digest");
        let plugin = dir.join("libumsan_pass.so");
        let model = dir.join("m.toml");
        std::fs::write(&plugin, "plugin v1").unwrap();
        std::fs::write(&model, "a").unwrap();
        let clang = dir.join("clang");
        std::fs::write(&clang, "").unwrap();
        let mut opts = PassOptions::default();
        opts.configs.push(model.clone());
        let d = |o: &PassOptions, p: Option<&Path>| ConfigDigest::compute(o, p, &clang).unwrap();

        let first = d(&opts, Some(&plugin));
        assert_eq!(first.hex.len(), 32);
        assert_eq!(first.files, [plugin.clone(), model.clone()]);
        assert_eq!(d(&opts, Some(&plugin)), first, "deterministic");

        // Same contents elsewhere: same digest (caches shared across checkouts).
        let moved = dir.join("other.toml");
        std::fs::write(&moved, "a").unwrap();
        let mut o2 = opts.clone();
        o2.configs = vec![moved];
        assert_eq!(d(&o2, Some(&plugin)).hex, first.hex);

        std::fs::write(&model, "b").unwrap();
        let edited = d(&opts, Some(&plugin));
        assert_ne!(edited.hex, first.hex, "model contents");
        let mut o3 = opts.clone();
        o3.track_origins = false;
        assert_ne!(d(&o3, Some(&plugin)).hex, edited.hex, "options");
        let mut o4 = opts.clone();
        o4.recover = false;
        assert_ne!(d(&o4, Some(&plugin)).hex, edited.hex, "recover");
        std::fs::write(&plugin, "plugin v2").unwrap();
        assert_ne!(d(&opts, Some(&plugin)).hex, edited.hex, "plugin contents");
        assert_ne!(d(&opts, None).hex, edited.hex, "no plugin");

        let err = ConfigDigest::compute(&opts, Some(&dir.join("gone.so")), &clang).unwrap_err();
        assert!(err.to_string().contains("gone.so"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn header_names_files_and_is_written_once() {
        let dir = scratch("header");
        let model = dir.join("we\"ird\\.toml");
        std::fs::write(&model, "x").unwrap();
        let mut opts = PassOptions::default();
        opts.configs.push(model.clone());
        let d = ConfigDigest::compute(&opts, None, Path::new("/nonexistent/clang")).unwrap();
        assert!(d
            .header
            .contains(&format!("\n#pragma umsan_config \"{}\"\n", d.hex)));
        let escaped = format!("#line 1 \"{}/we\\\"ird\\\\.toml\"\n", dir.display());
        assert!(d.header.ends_with(&escaped), "{}", d.header);
        // No path inside the comment.
        let comment = d.header.split("*/").next().unwrap();
        assert!(!comment.contains(&dir.display().to_string()));

        let cache = dir.join("cache");
        let path = d.write_header(&cache).unwrap();
        assert_eq!(
            path,
            cache.join("umsan/config").join(&d.hex).join(HEADER_NAME)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), d.header);
        assert_eq!(d.write_header(&cache).unwrap(), path);
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );

        let newline = dir.join("a\nb.toml");
        std::fs::write(&newline, "").unwrap();
        opts.configs = vec![newline];
        let err = ConfigDigest::compute(&opts, None, Path::new("/c")).unwrap_err();
        assert!(err.to_string().contains("newline"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn key_follows_every_part() {
        let dir = scratch("key");
        let (exe, plugin, clang, model) = (
            dir.join("umsan-cc"),
            dir.join("p.so"),
            dir.join("clang"),
            dir.join("m.toml"),
        );
        for f in [&exe, &plugin, &clang, &model] {
            std::fs::write(f, "1").unwrap();
        }
        let key = || cache_key(&exe, &plugin, &clang, std::slice::from_ref(&model)).unwrap();
        let k0 = key();
        assert!(k0.starts_with("umsan-cc "), "{k0}");
        assert_eq!(key(), k0);
        let mut seen = vec![k0];
        for f in [&exe, &plugin, &model, &clang] {
            std::fs::write(f, "22").unwrap();
            let k = key();
            assert!(!seen.contains(&k), "{} not in the key", f.display());
            seen.push(k);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
