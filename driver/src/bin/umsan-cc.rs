//! `umsan-cc`: a drop-in `cc` that compiles with clang-19 and the umsan pass,
//! and links the umsan runtime. See the `umsan_driver::cc` module for what
//! it adds to clang's command line.
//!
//! Environment:
//! - `UMSAN_CLANG`: the clang to run (default: `clang-19` on `PATH`, else
//!   `/usr/lib/llvm-19/bin/clang`).
//! - `UMSAN_CONFIG`: `:`-separated TOML model files, as `-fumsan-config=`.
//!
//! `umsan-cc --umsan-cache-key` (alone) prints what identifies umsan-cc,
//! the pass plugin, clang and the `UMSAN_CONFIG` model files, for ccache's
//! `compiler_check` (`CCACHE_COMPILERCHECK="%compiler% --umsan-cache-key"`).
//!
//! Exit status: 1 with `umsan-cc: error: …` for a usage error of umsan's own
//! flags or a missing resource; otherwise clang's (it replaces this process).

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::process::ExitCode;

use anyhow::{Context, Result};
use umsan_driver::cc;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("umsan-cc: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<ExitCode> {
    let argv: Vec<OsString> = std::env::args_os().skip(1).collect();
    let resources = cc::Resources::from_process()?;
    if argv.iter().any(|a| a == cc::cache::CACHE_KEY_FLAG) {
        anyhow::ensure!(
            argv.len() == 1,
            "{} takes no other arguments",
            cc::cache::CACHE_KEY_FLAG
        );
        print!("{}", cc::cache_key(&resources)?);
        return Ok(ExitCode::SUCCESS);
    }
    let plan = cc::plan(&argv, &resources)?;
    for w in &plan.warnings {
        eprintln!("umsan-cc: warning: {w}");
    }
    let mut cmd = plan.command();
    let clang = plan.clang.display();

    if plan.print_version {
        // clang's version first, then ours; the status is clang's.
        let status = cmd
            .status()
            .with_context(|| format!("cannot run {clang}"))?;
        if status.success() {
            println!("{}", cc::version_line());
        }
        return Ok(exit_code(status));
    }

    let err = cmd.exec();
    Err(err).with_context(|| format!("cannot run {clang}"))
}

/// The exit code to report for a child's status (128 + signal if killed).
fn exit_code(status: std::process::ExitStatus) -> ExitCode {
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
