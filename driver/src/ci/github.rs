//! GitHub Actions output: `::error` workflow commands (shown as annotations
//! on the pull request) and a Markdown table for `$GITHUB_STEP_SUMMARY`.
//!
//! GitHub limits annotations per step, so at most [`MAX_ANNOTATIONS`] are
//! printed, followed by a `::notice::` that counts the rest.

use std::fmt::Write as _;

use super::findings::{total_reports, Finding};

/// Most `::error` lines printed.
pub const MAX_ANNOTATIONS: usize = 10;

/// The workflow command lines for `findings` (each without its newline).
pub fn annotations(findings: &[Finding]) -> Vec<String> {
    let mut lines: Vec<String> = findings
        .iter()
        .take(MAX_ANNOTATIONS)
        .map(annotation)
        .collect();
    if findings.len() > MAX_ANNOTATIONS {
        let rest = findings.len() - MAX_ANNOTATIONS;
        lines.push(format!(
            "::notice::{}",
            escape_data(&format!(
                "umsan: {rest} more finding(s) not annotated ({} in total); see the job log or the SARIF/JUnit output",
                findings.len()
            ))
        ));
    }
    lines
}

/// One `::error file=…,line=…,col=…,title=…::message` line.
pub fn annotation(f: &Finding) -> String {
    let mut props: Vec<String> = Vec::new();
    if let Some(loc) = &f.location {
        props.push(format!("file={}", escape_property(loc.path.as_str())));
        props.push(format!("line={}", loc.line));
        if let Some(c) = loc.column {
            props.push(format!("col={c}"));
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("umsan {}", f.kind))
    ));
    let mut message = f.message();
    if f.count > 1 {
        let _ = write!(message, " (reported {} times)", f.count);
    }
    format!("::error {}::{}", props.join(","), escape_data(&message))
}

/// Escape the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The step summary: a heading and a table of findings (Markdown).
pub fn step_summary(findings: &[Finding], command: &str) -> String {
    let mut out = String::from("## umsan\n\n");
    let _ = writeln!(out, "Command: `{}`\n", command.replace('`', "'"));
    if findings.is_empty() {
        out.push_str("No uninitialized memory use found.\n");
        return out;
    }
    out.push_str("| Kind | Location | Function | Count |\n|---|---|---|---:|\n");
    for f in findings {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            markdown_cell(&f.kind),
            f.location_text().replace('`', "'"),
            markdown_cell(f.function.as_deref().unwrap_or("?")),
            f.count
        );
    }
    let _ = writeln!(
        out,
        "\n**{} finding(s)** from {} report(s).",
        findings.len(),
        total_reports(findings)
    );
    out
}

/// Text safe inside a Markdown table cell.
fn markdown_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
