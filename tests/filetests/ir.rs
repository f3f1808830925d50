//! IR tests: `tests/ir/*.ll`, run through `opt-19 -passes=umsan` with the
//! plugin, then FileCheck'ed against the file itself.
//!
//! Header keys (`; KEY: value`):
//! - `; PASS-OPTIONS: k=v;k=v` — handed to the pass as `UMSAN_PASS_OPTIONS`.
//! - `; EXPECT-ERROR: text` — opt must fail, and its stderr contain `text`.
//! - `; PASSES: pipeline` — instead of `umsan` (e.g. `umsan-o2`: the
//!   instrumentation with the clean-up and interprocedural steps clang
//!   runs after it at -O1 and above).

use crate::util::{self, Outcome};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn header(source: &str, key: &str) -> Option<String> {
    source.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix(';')?.trim_start();
        let rest = rest.strip_prefix(key)?.strip_prefix(':')?;
        Some(rest.trim().to_string())
    })
}

pub fn run_case(path: &Path) -> Outcome {
    let tools = util::tools()?;
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut cmd = Command::new("opt-19");
    cmd.arg(format!("-load-pass-plugin={}", tools.pass.display()))
        .arg(format!("-passes={}", header(&source, "PASSES").unwrap_or_else(|| "umsan".into())))
        .arg("-S")
        .arg(path)
        .arg("-o")
        .arg("-");
    cmd.env_remove(umsan_pass_env());
    if let Some(opts) = header(&source, "PASS-OPTIONS") {
        cmd.env(umsan_pass_env(), opts);
    }
    let shown = util::show_cmd(&cmd);
    let out = util::run(&mut cmd, None, Duration::from_secs(120))?;
    if let Some(err) = header(&source, "EXPECT-ERROR") {
        if out.code == Some(0) {
            return Err(format!("expected opt to fail with `{err}`, but it succeeded\ncommand: {shown}"));
        }
        if !out.stderr_str().contains(&err) {
            return Err(format!("opt failed without `{err}`\ncommand: {shown}\n{}", out.describe()));
        }
        return Ok(());
    }
    if out.code != Some(0) {
        return Err(format!("opt failed\ncommand: {shown}\n{}", out.describe()));
    }
    util::filecheck(path, "CHECK", &out.stdout, "opt's output")
        .map_err(|e| format!("{e}\ncommand: {shown}\n--- opt output ---\n{}", util::truncate(&out.stdout_str(), 20000)))
}

fn umsan_pass_env() -> &'static str {
    "UMSAN_PASS_OPTIONS"
}
