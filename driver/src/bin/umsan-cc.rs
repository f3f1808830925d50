//! `umsan-cc`: a drop-in `cc` that compiles with clang-19 and the umsan pass,
//! and links the umsan runtime. See the `umsan_driver::cc` module for what
//! it adds to clang's command line.
//!
//! Invoked under a name ending in `++` — `umsan-c++`, a symlink to this
//! binary that the build creates next to it (as `clang++` is to `clang`) —
//! it is the C++ wrapper: clang++ semantics, same flags.
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
//! Exit status: 1 with `umsan-cc: error: …` (`umsan-c++: error: …`) for a usage error of umsan's own
//! flags or a missing resource; otherwise clang's (it replaces this process).

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::process::ExitCode;

use anyhow::{Context, Result};
use umsan_driver::cc;

fn main() -> ExitCode {
    let mut args = std::env::args_os();
    let language = args
        .next()
        .map_or(cc::Language::C, |argv0| cc::Language::from_argv0(&argv0));
    let argv: Vec<OsString> = args.collect();
    match run(language, &argv) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: error: {e:#}", language.tool_name());
            ExitCode::from(1)
        }
    }
}

fn run(language: cc::Language, argv: &[OsString]) -> Result<ExitCode> {
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
    let plan = cc::plan_for(language, argv, &resources)?;
    for w in &plan.warnings {
        eprintln!("{}: warning: {w}", language.tool_name());
    }
    let mut cmd = plan.command();
    let clang = plan.clang.display();

    if plan.print_version {
        // clang's version first, then ours; the status is clang's.
        let status = cmd
            .status()
            .with_context(|| format!("cannot run {clang}"))?;
        if status.success() {
            println!("{}", cc::version_line_for(language));
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
