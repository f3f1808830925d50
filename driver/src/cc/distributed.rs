//! Distributed compiles (distcc, icecream): the preprocessed file carries
//! umsan's configuration, so a remote host needs no model files.
//!
//! `CC="distcc umsan-cc"` preprocesses locally (`umsan-cc -E`, which
//! force-includes the configuration header of [`super::cache`]) and runs
//! `umsan-cc ARGS -c file.i` on another host, with the command line but
//! neither the model files (`-fumsan-config=models.toml` names a file the
//! remote's temporary directory does not have) nor the environment
//! (`UMSAN_CONFIG`). So the header also carries, as ignored pragmas that
//! survive preprocessing,
//!
//! ```text
//! #pragma umsan_plugin "<plugin content hash>"
//! #pragma umsan_cwd "<directory>"                        (compiles with -g)
//! #pragma umsan_model "<original path>" "<contents>"     (one per model file, in order)
//! ```
//!
//! and when every code input is such a preprocessed file, `umsan-cc` takes
//! the models from it — written once to
//! `<cache>/umsan/models/<content hash>/<file name>` — instead of from
//! `-fumsan-config` and `UMSAN_CONFIG`: the remote compiles exactly what
//! the local host would have, with `-fdebug-compilation-dir=<directory>`
//! so that debug info (and the file names in reports) are the local
//! compile's: the object is byte-identical. If the remote's pass plugin is not the one
//! the file was preprocessed for, the code would differ: `umsan-cc` stops
//! with an error naming both builds instead (distcc then reports it, or
//! compiles locally).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use twox_hash::xxhash3_128::Hasher;

use super::args::{self, ParsedArgs};
use super::cache::{self, CacheError};
use super::flags::{self, InputKind};
use super::{resources, Error, Resources};

/// Refuse a clang that is icecream's wrapper (`/usr/lib/icecc/bin/clang`
/// and the like link to `icecc`): icecream would compile remotely with the
/// environment's clang, which gets neither umsan's pass options (they
/// travel in clang's environment) nor the model files, and so makes other
/// code than a local compile.
pub fn check_clang(clang: &Path) -> Result<(), String> {
    let resolved = clang.canonicalize().unwrap_or_else(|_| clang.to_path_buf());
    if resolved
        .file_name()
        .is_some_and(|n| n == "icecc" || n == "icerun")
    {
        return Err(format!(
            "the clang to run ({}) is icecream's wrapper: icecream compiles remotely without \
             umsan's pass options and model files, which would produce different code; use \
             CC=\"distcc umsan-cc\" for distributed compiles (see driver/README.md)",
            clang.display()
        ));
    }
    Ok(())
}

/// The configuration a preprocessed file carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embedded {
    /// The plugin's content hash (32 hex digits), or `none`.
    pub plugin: String,
    /// (original path, contents) of each model file, in order.
    pub models: Vec<(String, String)>,
    /// The directory of a compile with debug info: the remote compile gets
    /// `-fdebug-compilation-dir=` it, so `DW_AT_comp_dir` (and the paths in
    /// reports) are the local ones.
    pub debug_cwd: Option<String>,
}

/// The pragmas for the configuration header.
pub fn pragmas(
    plugin_hash: Option<u128>,
    models: &[(PathBuf, Vec<u8>)],
    debug_cwd: Option<&Path>,
) -> String {
    let mut s = String::new();
    let plugin = plugin_hash.map_or("none".to_owned(), |h| format!("{h:032x}"));
    let _ = writeln!(s, "#pragma umsan_plugin \"{plugin}\"");
    if let Some(cwd) = debug_cwd {
        let _ = writeln!(
            s,
            "#pragma umsan_cwd \"{}\"",
            c_escape(cwd.as_os_str().as_encoded_bytes())
        );
    }
    for (path, contents) in models {
        let _ = writeln!(
            s,
            "#pragma umsan_model \"{}\" \"{}\"",
            c_escape(path.as_os_str().as_encoded_bytes()),
            c_escape(contents)
        );
    }
    s
}

/// `bytes` as the inside of a C string literal: printable ASCII as is,
/// everything else as a three-digit octal escape.
fn c_escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\{b:03o}");
            }
        }
    }
    s
}

/// Parse the C string literals on `line` (after the pragma name).
fn string_literals(line: &str) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let mut lit = Vec::new();
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'"' => break,
                        b'\\' => {
                            i += 1;
                            match *b.get(i)? {
                                b'n' => lit.push(b'\n'),
                                b'0'..=b'7' => {
                                    let digits = b.get(i..i + 3)?;
                                    let s = std::str::from_utf8(digits).ok()?;
                                    lit.push(u8::from_str_radix(s, 8).ok()?);
                                    i += 2;
                                }
                                c => lit.push(c),
                            }
                        }
                        c => lit.push(c),
                    }
                    i += 1;
                }
                out.push(lit);
                i += 1;
            }
            b' ' | b'\t' => i += 1,
            _ => return None,
        }
    }
    Some(out)
}

/// The configuration `file` carries, if it is a preprocessed file made by
/// umsan-cc.
pub fn read_embedded(file: &Path) -> Option<Embedded> {
    let text = std::fs::read(file).ok()?;
    let text = String::from_utf8_lossy(&text);
    let mut plugin = None;
    let mut models = Vec::new();
    let mut debug_cwd = None;
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("#pragma umsan_") else {
            continue;
        };
        if let Some(args) = rest.strip_prefix("plugin") {
            let lits = string_literals(args)?;
            plugin = Some(String::from_utf8_lossy(lits.first()?).into_owned());
        } else if let Some(args) = rest.strip_prefix("cwd") {
            let lits = string_literals(args)?;
            debug_cwd = Some(String::from_utf8_lossy(lits.first()?).into_owned());
        } else if let Some(args) = rest.strip_prefix("model") {
            let lits = string_literals(args)?;
            let [path, contents] = <[Vec<u8>; 2]>::try_from(lits).ok()?;
            models.push((
                String::from_utf8_lossy(&path).into_owned(),
                String::from_utf8_lossy(&contents).into_owned(),
            ));
        }
    }
    Some(Embedded {
        plugin: plugin?,
        models,
        debug_cwd,
    })
}

/// When every input of `argv` is a preprocessed file carrying umsan's
/// configuration (a remote compile of distcc): the arguments parsed with
/// that configuration's models instead of `-fumsan-config` and
/// `UMSAN_CONFIG` (which name the preprocessing host's files), and the
/// directory for `-fdebug-compilation-dir`, if the file has one. An error
/// if the file was made for another pass plugin.
pub fn parse_embedded(
    argv: &[OsString],
    res: &Resources,
) -> Result<Option<(ParsedArgs, Option<String>)>, Error> {
    let Some(inputs) = preprocessed_inputs(argv, &res.cwd) else {
        return Ok(None);
    };
    let found: Vec<Embedded> = inputs.iter().filter_map(|i| read_embedded(i)).collect();
    if found.len() != inputs.len() {
        return Ok(None);
    }
    let first = &found[0];
    if let Some(other) = found.iter().find(|e| *e != first) {
        return Err(CacheError::Inconsistent(format!(
            "preprocessed inputs carry different umsan configurations (plugin {} and {})",
            first.plugin, other.plugin
        ))
        .into());
    }
    let ours = match resources::plugin(&res.exe_dir) {
        Ok(p) => format!("{:032x}", cache::hash_file(&p)?),
        Err(_) => "none".to_owned(),
    };
    if first.plugin != ours {
        return Err(CacheError::Inconsistent(format!(
            "this preprocessed file was made by umsan-cc with pass plugin {}, but this \
             host's umsan-cc has plugin {ours}: install the same umsan build on every \
             host of a distributed compile",
            first.plugin
        ))
        .into());
    }
    let without: Vec<OsString> = argv
        .iter()
        .filter(|a| !a.to_string_lossy().starts_with("-fumsan-config="))
        .cloned()
        .collect();
    let mut parsed = args::parse(&without, &res.cwd, None)?;
    parsed.options.configs =
        materialize_models(&first.models, &res.cache_root).map_err(|source| CacheError::Write {
            dir: res.cache_root.join("umsan").join("models"),
            source,
        })?;
    Ok(Some((parsed, first.debug_cwd.clone())))
}

/// The inputs of `argv` when every one of them is a preprocessed C file
/// (`.i`): a remote compile of distcc or icecream. Relative to `cwd`.
pub fn preprocessed_inputs(argv: &[OsString], cwd: &Path) -> Option<Vec<PathBuf>> {
    let mut inputs = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let arg = argv[i].to_string_lossy();
        i += 1;
        if arg == "-x" || arg.starts_with("-x") || arg.starts_with('@') || arg == "--" {
            // Languages forced on the command line, response files: not
            // what distcc sends; leave such commands alone.
            return None;
        }
        if flags::takes_separate_value(&arg) {
            i += 1;
        } else if !arg.starts_with('-') {
            if InputKind::from_path(&arg) != InputKind::Preprocessed {
                return None;
            }
            inputs.push(cwd.join(arg.as_ref()));
        }
    }
    (!inputs.is_empty()).then_some(inputs)
}

/// Write the embedded models under `cache_root` (once per contents), else
/// under the temporary directory, and return their paths, in order.
pub fn materialize_models(
    models: &[(String, String)],
    cache_root: &Path,
) -> std::io::Result<Vec<PathBuf>> {
    materialize_under(models, cache_root).or_else(|first| {
        let tmp = std::env::temp_dir();
        if tmp == cache_root {
            return Err(first);
        }
        materialize_under(models, &tmp).map_err(|_| first)
    })
}

fn materialize_under(
    models: &[(String, String)],
    cache_root: &Path,
) -> std::io::Result<Vec<PathBuf>> {
    models
        .iter()
        .map(|(orig, contents)| {
            let mut h = Hasher::new();
            h.write(contents.as_bytes());
            let name = Path::new(orig).file_name().map_or_else(
                || "models.toml".into(),
                |n| n.to_string_lossy().replace([':', ';'], "_"),
            );
            let dir = cache_root
                .join("umsan")
                .join("models")
                .join(format!("{:032x}", h.finish_128()));
            let path = dir.join(name);
            if std::fs::read(&path).is_ok_and(|c| c == contents.as_bytes()) {
                return Ok(path);
            }
            std::fs::create_dir_all(&dir)?;
            let tmp = dir.join(format!(".model.{}.tmp", std::process::id()));
            std::fs::write(&tmp, contents)?;
            std::fs::rename(&tmp, &path)?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_round_trip() {
        let contents = "[[function]]\nname = \"f\" # \\ é\ttab\0\n"
            .as_bytes()
            .to_vec();
        let text = pragmas(
            Some(0xabc),
            &[
                (PathBuf::from("/a dir/m\"x.toml"), contents.clone()),
                (PathBuf::from("b.toml"), b"".to_vec()),
            ],
            Some(Path::new("/home/u/my proj")),
        );
        assert!(
            text.lines().all(|l| l.starts_with("#pragma umsan_")),
            "{text}"
        );
        let dir = std::env::temp_dir().join(format!("umsan-dist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let i = dir.join("x.i");
        std::fs::write(&i, format!("# 1 \"x.c\"\nint x;\n{text}int y;\n")).unwrap();
        let e = read_embedded(&i).unwrap();
        assert_eq!(e.plugin, format!("{:032x}", 0xabc));
        assert_eq!(e.models.len(), 2);
        assert_eq!(e.models[0].0, "/a dir/m\"x.toml");
        assert_eq!(e.models[0].1.as_bytes(), &contents[..]);
        assert_eq!(e.models[1], ("b.toml".to_owned(), String::new()));
        assert_eq!(e.debug_cwd.as_deref(), Some("/home/u/my proj"));

        let paths = materialize_models(&e.models, &dir).unwrap();
        assert!(paths[0].ends_with("m\"x.toml"));
        assert_eq!(std::fs::read(&paths[0]).unwrap(), contents);
        assert_eq!(materialize_models(&e.models, &dir).unwrap(), paths);

        std::fs::write(&i, "int x;\n").unwrap();
        assert_eq!(read_embedded(&i), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn icecream_as_clang_is_refused() {
        let dir = std::env::temp_dir().join(format!("umsan-icecc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("icecc"), "").unwrap();
        let link = dir.join("clang-19");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(dir.join("icecc"), &link).unwrap();
        let err = check_clang(&link).unwrap_err();
        assert!(
            err.contains("icecream") && err.contains("distcc umsan-cc"),
            "{err}"
        );
        assert!(check_clang(Path::new("/usr/bin/clang-19")).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_all_preprocessed_inputs() {
        let w = |s: &str| -> Vec<OsString> { s.split_whitespace().map(OsString::from).collect() };
        let cwd = Path::new("/w");
        assert_eq!(
            preprocessed_inputs(
                &w("-g -O2 -c /tmp/d.i -o /tmp/d.o -fumsan-config=m.toml"),
                cwd
            ),
            Some(vec![PathBuf::from("/tmp/d.i")])
        );
        assert_eq!(
            preprocessed_inputs(&w("-c a.i -o x.o -MF dep.i"), cwd),
            Some(vec![PathBuf::from("/w/a.i")])
        );
        assert_eq!(preprocessed_inputs(&w("-c a.c"), cwd), None);
        assert_eq!(preprocessed_inputs(&w("-c a.i b.c"), cwd), None);
        assert_eq!(preprocessed_inputs(&w("-x cpp-output -c a"), cwd), None);
        assert_eq!(preprocessed_inputs(&w("-c"), cwd), None);
    }
}
