//! Shared plumbing: where the tools are, running processes with a timeout,
//! FileCheck, scratch directories.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Result type of one test case: `Err` carries the whole failure message.
pub type Outcome = Result<(), String>;

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// The directory of this crate (`tests/`).
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The umsan artifacts the tests need, as built by `cargo build --release`.
#[derive(Clone, Debug)]
pub struct Tools {
    pub cc: PathBuf,
    /// `umsan-c++` (a symlink to `umsan-cc` made by the driver's build).
    pub cxx: PathBuf,
    pub pass: PathBuf,
    pub runtime: PathBuf,
}

/// Directory holding the release artifacts: `$UMSAN_BIN_DIR` if set, else
/// `<workspace>/target/release`.
pub fn bin_dir() -> PathBuf {
    match std::env::var_os("UMSAN_BIN_DIR") {
        Some(d) => PathBuf::from(d),
        None => workspace_root().join("target").join("release"),
    }
}

/// Locate umsan-cc, the pass plugin and the runtime, or explain what to do.
pub fn tools() -> Result<Tools, String> {
    let dir = bin_dir();
    let t = Tools {
        cc: dir.join("umsan-cc"),
        cxx: dir.join("umsan-c++"),
        pass: dir.join("libumsan_pass.so"),
        runtime: dir.join("libumsan_rt.a"),
    };
    let missing: Vec<String> = [&t.cc, &t.cxx, &t.pass, &t.runtime]
        .iter()
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if missing.is_empty() {
        Ok(t)
    } else {
        Err(format!(
            "umsan artifacts missing: {} — run `cargo build --release` first",
            missing.join(", ")
        ))
    }
}

/// What a finished (or killed) process left behind.
#[derive(Debug)]
pub struct Output {
    pub pid: u32,
    /// Exit code, or `None` if killed by a signal / timed out.
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    /// A short description of how the process ended.
    pub fn status_str(&self) -> String {
        if self.timed_out {
            "timed out".into()
        } else if let Some(c) = self.code {
            format!("exit status {c}")
        } else if let Some(s) = self.signal {
            format!("killed by signal {s}")
        } else {
            "unknown status".into()
        }
    }
    /// Everything, for failure messages.
    pub fn describe(&self) -> String {
        format!(
            "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status_str(),
            truncate(&self.stdout_str(), 6000),
            truncate(&self.stderr_str(), 12000)
        )
    }
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}\n[... {} more bytes]", &s[..cut], s.len() - cut)
}

/// Run `cmd` to completion (or until `timeout`, then kill it), feeding it
/// `stdin` and capturing stdout and stderr.
pub fn run(cmd: &mut Command, stdin: Option<&[u8]>, timeout: Duration) -> Result<Output, String> {
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let pid = child.id();
    let feeder = stdin.map(|data| {
        let mut pipe = child.stdin.take().expect("piped stdin");
        let data = data.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&data);
        })
    });
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let out_t = std::thread::spawn(move || read_capped(&mut out_pipe));
    let err_t = std::thread::spawn(move || read_capped(&mut err_pipe));
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) => {
                if start.elapsed() > timeout {
                    timed_out = true;
                    let _ = child.kill();
                    break child.wait().map_err(|e| e.to_string())?;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(format!("waiting for {:?}: {e}", cmd.get_program())),
        }
    };
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    use std::os::unix::process::ExitStatusExt;
    Ok(Output {
        pid,
        code: if timed_out { None } else { status.code() },
        signal: status.signal(),
        timed_out,
        stdout,
        stderr,
    })
}

/// At most this much of a child's stdout / stderr is kept (a program that
/// reports in a loop with `halt_on_error=0` can write gigabytes).
const CAPTURE_LIMIT: usize = 8 << 20;

/// Read `r` to its end, keeping the first [`CAPTURE_LIMIT`] bytes and noting
/// how many were dropped.
fn read_capped(r: &mut impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    let mut buf = [0u8; 65536];
    let mut dropped: u64 = 0;
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let keep = n.min(CAPTURE_LIMIT.saturating_sub(v.len()));
                v.extend_from_slice(&buf[..keep]);
                dropped += (n - keep) as u64;
            }
        }
    }
    if dropped > 0 {
        v.extend_from_slice(format!("\n[... {dropped} more bytes not kept by the test harness]\n").as_bytes());
    }
    v
}

/// A printable shell-ish rendering of a command, for failure messages.
pub fn show_cmd(cmd: &Command) -> String {
    let mut s = String::new();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            s.push_str(&format!("{}={} ", k.to_string_lossy(), v.to_string_lossy()));
        }
    }
    s.push_str(&cmd.get_program().to_string_lossy());
    for a in cmd.get_args() {
        s.push(' ');
        let a = a.to_string_lossy();
        if a.contains(' ') || a.is_empty() {
            s.push_str(&format!("'{a}'"));
        } else {
            s.push_str(&a);
        }
    }
    s
}

/// Run `FileCheck-19 --check-prefix=PREFIX file` on `input`.
pub fn filecheck(file: &Path, prefix: &str, input: &[u8], what: &str) -> Outcome {
    let mut cmd = Command::new("FileCheck-19");
    cmd.arg(format!("--check-prefix={prefix}"))
        .arg("--allow-empty")
        .arg("--dump-input=fail")
        .arg(file);
    let out = run(&mut cmd, Some(input), Duration::from_secs(60))?;
    if out.code == Some(0) {
        Ok(())
    } else {
        Err(format!(
            "FileCheck (prefix {prefix}) failed on {what}:\n{}\n{}",
            out.stderr_str(),
            out.stdout_str()
        ))
    }
}

/// Does `text` contain a FileCheck directive with this prefix, in a `//` or
/// `;` comment (`PREFIX:`, `PREFIX-NEXT:`, `PREFIX-NOT:`, ...)?
pub fn has_directive(text: &str, comment: &str, prefix: &str) -> bool {
    text.lines().any(|l| {
        let Some(pos) = l.find(comment) else { return false };
        let rest = l[pos + comment.len()..].trim_start();
        let Some(after) = rest.strip_prefix(prefix) else { return false };
        after.starts_with(':')
            || ["-NEXT:", "-NOT:", "-SAME:", "-DAG:", "-LABEL:", "-EMPTY:", "-COUNT"]
                .iter()
                .any(|s| after.starts_with(s))
    })
}

static SCRATCH_SEQ: AtomicUsize = AtomicUsize::new(0);

/// A fresh scratch directory for one test case. Removed on success by
/// [`Scratch::finish`]; kept (and named in the failure) otherwise, unless
/// `UMSAN_TEST_KEEP=0`.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Result<Scratch, String> {
        let safe: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' })
            .collect();
        let base = std::env::var_os("UMSAN_TEST_TMPDIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join(format!("umsan-tests-{}", std::process::id())));
        let dir = base.join(format!("{}-{}", safe, SCRATCH_SEQ.fetch_add(1, Ordering::SeqCst)));
        let _ = std::fs::remove_dir_all(&dir);
        // A case finishing on another thread removes the shared parent when
        // it is momentarily empty (see `finish`), which can happen between
        // `create_dir_all` making the parent and making `dir`: retry then.
        let mut attempt = 0;
        loop {
            match std::fs::create_dir_all(&dir) {
                Ok(()) => return Ok(Scratch { dir }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempt < 100 => attempt += 1,
                Err(e) => return Err(format!("creating {}: {e}", dir.display())),
            }
        }
    }

    /// Clean up after a passing case; on failure, mention where the files are.
    pub fn finish(self, result: Outcome) -> Outcome {
        match result {
            Ok(()) => {
                let _ = std::fs::remove_dir_all(&self.dir);
                if let Some(parent) = self.dir.parent() {
                    let _ = std::fs::remove_dir(parent); // only if empty
                }
                Ok(())
            }
            Err(e) => Err(format!("{e}\n(scratch directory kept: {})", self.dir.display())),
        }
    }
}

/// All files under `dir` (recursively) whose name ends with `ext`, sorted.
pub fn find_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
