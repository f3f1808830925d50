//! Acceptance: real C libraries built with umsan-cc must run with zero
//! reports and the same output as a native build.
//!
//! Sources come from `-sys` crates in the cargo registry, fetched at test
//! time with `cargo fetch --manifest-path tests/registry/Cargo.toml`; they
//! are copied into a scratch directory and never into the repository.

use crate::util::{self, Outcome, Scratch};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn cargo_home() -> PathBuf {
    if let Some(h) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(h);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
    home.join(".cargo")
}

/// `cargo fetch` the registry manifest, then find `<crate>-<version>/<sub>`
/// (newest version) under `$CARGO_HOME/registry/src/*/`.
fn fetch_crate_dir(krate: &str, sub: &str) -> Result<PathBuf, String> {
    let manifest = util::tests_dir().join("registry").join("Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("fetch").arg("--manifest-path").arg(&manifest);
    let out = util::run(&mut cmd, None, Duration::from_secs(300))?;
    if out.code != Some(0) {
        return Err(format!("cargo fetch failed: {}", out.describe()));
    }
    let src = cargo_home().join("registry").join("src");
    let mut found: Vec<PathBuf> = Vec::new();
    for reg in std::fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))?.flatten() {
        for c in std::fs::read_dir(reg.path()).into_iter().flatten().flatten() {
            let name = c.file_name().to_string_lossy().into_owned();
            if let Some(ver) = name.strip_prefix(&format!("{krate}-")) {
                if ver.starts_with(|ch: char| ch.is_ascii_digit()) && c.path().join(sub).is_dir() {
                    found.push(c.path().join(sub));
                }
            }
        }
    }
    found.sort_by_key(|p| version_key(p));
    found
        .pop()
        .ok_or_else(|| format!("no {krate}-*/{sub} under {} after cargo fetch", src.display()))
}

fn version_key(p: &Path) -> Vec<u64> {
    let name = p
        .ancestors()
        .find(|a| a.file_name().map(|n| n.to_string_lossy().contains('-')).unwrap_or(false))
        .and_then(|a| a.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.rsplit('-').next().unwrap_or("").split('.').map(|x| x.parse().unwrap_or(0)).collect()
}

fn copy_c_sources(from: &Path, to: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let mut cs = Vec::new();
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_file() && (name.ends_with(".c") || name.ends_with(".h")) {
            std::fs::copy(&p, to.join(&name)).map_err(|e| format!("copy {}: {e}", p.display()))?;
            if name.ends_with(".c") {
                cs.push(to.join(&name));
            }
        }
    }
    cs.sort();
    Ok(cs)
}

/// One acceptance project: a library's C sources from a `-sys` crate plus a
/// driver program of ours.
struct Project {
    /// Case and directory name.
    name: &'static str,
    /// Crate in `tests/registry/Cargo.toml` and the sources' folder in it.
    krate: &'static str,
    sub: &'static str,
    /// Library sources to leave out (e.g. a standalone `main`).
    skip: &'static [&'static str],
    /// Our driver, relative to `tests/acceptance/`.
    driver: &'static str,
    defines: &'static [&'static str],
    libs: &'static [&'static str],
    /// Files from `tests/acceptance/` given to the program as arguments.
    args: &'static [&'static str],
}

const ZLIB: Project = Project {
    name: "zlib",
    krate: "libz-sys",
    sub: "src/zlib",
    skip: &[],
    driver: "zlib_roundtrip.c",
    defines: &["-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"],
    libs: &[],
    args: &[],
};

const LUA: Project = Project {
    name: "lua",
    krate: "lua-src",
    sub: "lua-5.4.7",
    skip: &["lua.c", "luac.c", "onelua.c"],
    // The interpreter the code-base test uses too.
    driver: "../codebases/lua_main.c",
    defines: &["-DLUA_USE_POSIX"],
    libs: &["-lm"],
    args: &["workload.lua"],
};

/// zlib: compress/decompress generated data at several levels.
pub fn zlib() -> Outcome {
    project(&ZLIB)
}

/// Lua 5.4: the interpreter (embedded by our driver) runs a workload script:
/// tables, strings, closures, coroutines, pcall/error (longjmp), GC.
pub fn lua() -> Outcome {
    project(&LUA)
}

fn project(p: &Project) -> Outcome {
    let tools = util::tools()?;
    let src = fetch_crate_dir(p.krate, p.sub)?;
    let scratch = Scratch::new(&format!("acceptance-{}", p.name))?;
    let r = project_in(p, &tools, &src, &scratch.dir);
    scratch.finish(r)
}

fn project_in(p: &Project, tools: &util::Tools, src: &Path, dir: &Path) -> Outcome {
    let sdir = dir.join(p.name);
    let sources: Vec<PathBuf> = copy_c_sources(src, &sdir)?
        .into_iter()
        .filter(|f| !p.skip.iter().any(|s| f.file_name().map(|n| n == *s).unwrap_or(false)))
        .collect();
    let driver = util::tests_dir().join("acceptance").join(p.driver);
    let builds: [(&str, &Path, &str); 3] = [
        ("native-O2", Path::new("clang-19"), "-O2"),
        ("umsan-O0", &tools.cc, "-O0"),
        ("umsan-O2", &tools.cc, "-O2"),
    ];
    // Every build is tried even after a failure, so one failure message
    // tells which configurations fail.
    let mut native_out: Option<util::Output> = None;
    let mut errors: Vec<String> = Vec::new();
    for (name, cc, opt) in builds {
        match build_and_run(p, name, cc, opt, &sources, &driver, &sdir, dir) {
            Err(e) => errors.push(e),
            Ok(out) => {
                let stderr = out.stderr_str();
                if stderr.contains("umsan:") {
                    errors.push(format!(
                        "{name}: umsan reported ({}):\n{}",
                        out.status_str(),
                        util::truncate(&stderr, 6000)
                    ));
                } else if out.code != Some(0) {
                    errors.push(format!("{name}: {} failed: {}", p.driver, out.describe()));
                }
                match &native_out {
                    None => native_out = Some(out),
                    Some(n) if n.stdout != out.stdout => errors.push(format!(
                        "{name}: stdout differs from the native build's\n--- native ---\n{}\n--- {name} ---\n{}",
                        util::truncate(&n.stdout_str(), 4000),
                        util::truncate(&out.stdout_str(), 4000)
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n\n"))
    }
}

#[allow(clippy::too_many_arguments)]
fn build_and_run(
    p: &Project,
    name: &str,
    cc: &Path,
    opt: &str,
    sources: &[PathBuf],
    driver: &Path,
    sdir: &Path,
    dir: &Path,
) -> Result<util::Output, String> {
    let bdir = dir.join(name);
    std::fs::create_dir_all(&bdir).map_err(|e| e.to_string())?;
    // Objects one by one (like make), then link.
    let mut objs = Vec::new();
    for src in sources.iter().map(PathBuf::as_path).chain(std::iter::once(driver)) {
        let obj = bdir.join(src.file_name().unwrap()).with_extension("o");
        let mut cmd = Command::new(cc);
        cmd.current_dir(&bdir)
            .arg("-g")
            .arg(opt)
            .args(p.defines)
            .arg(format!("-I{}", sdir.display()))
            .arg("-c")
            .arg(src)
            .arg("-o")
            .arg(&obj);
        let out = util::run(&mut cmd, None, Duration::from_secs(300))?;
        if out.code != Some(0) {
            return Err(format!("{name}: compile failed: {}\n{}", util::show_cmd(&cmd), out.describe()));
        }
        objs.push(obj);
    }
    let prog = bdir.join(p.name);
    let mut cmd = Command::new(cc);
    cmd.current_dir(&bdir).arg("-g").args(&objs).arg("-o").arg(&prog).args(p.libs);
    let out = util::run(&mut cmd, None, Duration::from_secs(300))?;
    if out.code != Some(0) {
        return Err(format!("{name}: link failed: {}\n{}", util::show_cmd(&cmd), out.describe()));
    }
    let mut run = Command::new(&prog);
    // Default options: the first report ends the run (exit 77). (With
    // halt_on_error=0 a report inside a hot loop can produce gigabytes.)
    run.current_dir(&bdir).env_remove("UMSAN_OPTIONS");
    for a in p.args {
        run.arg(util::tests_dir().join("acceptance").join(a));
    }
    util::run(&mut run, None, Duration::from_secs(600))
}
