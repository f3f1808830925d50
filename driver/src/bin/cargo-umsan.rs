//! `cargo umsan test|build|run|nextest run [cargo args…]`: run cargo with
//! the C code of `cc`-built crates instrumented by umsan and the runtime
//! linked into every binary. See the `umsan_driver::cargo` module.
//!
//! Exit status: cargo's (it replaces this process); 1 with
//! `cargo-umsan: error: …` if it cannot be set up; `--help` prints usage.

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::ExitCode;

use anyhow::{Context, Result};
use umsan_driver::cargo::{self, args::USAGE, ArgsError, Error};

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(&argv) {
        Ok(code) => code,
        Err(e) => {
            if let Some(Error::Args(ArgsError::Usage)) = e.downcast_ref::<Error>() {
                // Asked for help: stdout, success; no command: stderr, failure.
                let asked = argv
                    .iter()
                    .any(|a| a == "-h" || a == "--help" || a == "help");
                if asked {
                    // Ignore a closed pipe (`cargo umsan --help | head`).
                    let _ = writeln!(std::io::stdout(), "{USAGE}");
                    return ExitCode::SUCCESS;
                }
                eprintln!("{USAGE}");
                return ExitCode::from(1);
            }
            eprintln!("cargo-umsan: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(argv: &[OsString]) -> Result<ExitCode> {
    let plan = cargo::prepare(argv)?;
    let err = plan.command().exec();
    Err(err).with_context(|| format!("cannot run {}", plan.cargo.to_string_lossy()))
}
