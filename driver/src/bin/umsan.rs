//! `umsan`: the umsan command-line tool. Subcommands:
//!
//! - `umsan ci [--sarif FILE] [--junit FILE] [--github] -- COMMAND…`: run a
//!   build and test command with `CC=umsan-cc`, collect the reports of every
//!   process it starts and write SARIF, JUnit XML and GitHub annotations
//!   (see the `umsan_driver::ci` module for details and exit statuses).
//!
//! - `umsan cc ARGS…`: the same as `umsan-cc ARGS…`; `umsan c++ ARGS…`: the
//!   same as `umsan-c++ ARGS…`.
//!
//! - `umsan flags --cc|--cxx|--cflags [-fumsan-…]`: what a hand-written
//!   Makefile needs, pkg-config style (see `umsan_driver::cc::print_flags`).
//!
//! Argument parsing and error printing live here; the work is in the
//! library.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use umsan_driver::ci;

/// umsan: an uninitialized-memory sanitizer for C.
#[derive(Debug, Parser)]
#[command(
    name = "umsan",
    version,
    about = "umsan: an uninitialized-memory sanitizer for C",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Run a build/test command under umsan and report its findings
    /// (SARIF, JUnit, GitHub annotations).
    #[command(
        after_help = "Exit status: 0 if COMMAND succeeded and nothing was found; 1 if \
                      something was found; COMMAND's status if it failed and nothing was \
                      found; 2 on a usage error; 127 if COMMAND could not be started."
    )]
    Ci(CiArgs),
    /// Print what a hand-written Makefile needs (pkg-config style):
    /// `CC := $(shell umsan flags --cc)`,
    /// `CFLAGS += $(shell umsan flags --cflags -fumsan-config=models.toml)`.
    #[command(group(clap::ArgGroup::new("query").required(true).args(["cc", "cxx", "cflags"])))]
    Flags {
        /// The absolute path of umsan-cc.
        #[arg(long)]
        cc: bool,
        /// The absolute path of umsan-c++.
        #[arg(long)]
        cxx: bool,
        /// Compile flags: -g and the given umsan flags, checked, with
        /// config files made absolute.
        #[arg(long)]
        cflags: bool,
        /// umsan flags (-fumsan-config=FILE, -fno-umsan-track-origins, …).
        #[arg(allow_hyphen_values = true, value_name = "UMSAN-FLAGS")]
        flags: Vec<String>,
    },
    /// The compiler wrapper: `umsan cc ARGS…` is `umsan-cc ARGS…`.
    #[command(disable_help_flag = true, disable_version_flag = true)]
    Cc {
        /// Arguments for umsan-cc (as for clang).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
    /// The C++ compiler wrapper: `umsan c++ ARGS…` is `umsan-c++ ARGS…`.
    #[command(name = "c++", disable_help_flag = true, disable_version_flag = true)]
    Cxx {
        /// Arguments for umsan-c++ (as for clang++).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
}

#[derive(Debug, Args)]
struct CiArgs {
    /// Write a SARIF 2.1.0 log to FILE.
    #[arg(long, value_name = "FILE")]
    sarif: Option<PathBuf>,
    /// Write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Print GitHub Actions annotations (and append to $GITHUB_STEP_SUMMARY).
    #[arg(long)]
    github: bool,
    /// The command to run (after `--`), e.g. `-- make check`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    command: Vec<OsString>,
}

impl From<CiArgs> for ci::Settings {
    fn from(a: CiArgs) -> Self {
        ci::Settings {
            sarif: a.sarif,
            junit: a.junit,
            github: a.github,
            command: a.command,
        }
    }
}

fn main() -> ExitCode {
    // clap exits with status 2 on a usage error, 0 for --help/--version.
    let cli = Cli::parse();
    match cli.command {
        Cmd::Ci(args) => run_ci(args.into()),
        Cmd::Cc { args } => run_cc(umsan_driver::cc::Language::C, args),
        Cmd::Cxx { args } => run_cc(umsan_driver::cc::Language::Cxx, args),
        Cmd::Flags {
            cc,
            cxx,
            cflags: _,
            flags,
        } => {
            use umsan_driver::cc::print_flags::{print_flags, Query};
            let query = if cc {
                Query::Cc
            } else if cxx {
                Query::Cxx
            } else {
                Query::Cflags
            };
            let printed = umsan_driver::cc::resources::exe_dir()
                .map_err(|e| e.to_string())
                .and_then(|dir| {
                    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
                    print_flags(query, &flags, &dir, &cwd).map_err(|e| e.to_string())
                });
            match printed {
                Ok(line) => {
                    println!("{line}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("umsan flags: error: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// Replace this process with the `umsan-cc` next to it, named after the
/// wrapper for `language` (`umsan-c++` is `umsan-cc` run under that name).
fn run_cc(language: umsan_driver::cc::Language, args: Vec<OsString>) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let sub = match language {
        umsan_driver::cc::Language::C => "umsan cc",
        umsan_driver::cc::Language::Cxx => "umsan c++",
    };
    let exe = match umsan_driver::cc::resources::exe_dir() {
        Ok(dir) => dir.join("umsan-cc"),
        Err(e) => {
            eprintln!("{sub}: error: {e}");
            return ExitCode::from(ci::EXIT_USAGE);
        }
    };
    let err = std::process::Command::new(&exe)
        .arg0(language.tool_name())
        .args(args)
        .exec();
    eprintln!("{sub}: error: cannot run {}: {err}", exe.display());
    ExitCode::from(ci::EXIT_NOT_STARTED)
}

fn run_ci(settings: ci::Settings) -> ExitCode {
    match ci::run(&settings) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            // The error's text already includes its cause.
            eprintln!("umsan ci: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
