//! JUnit XML output: one `<testsuite name="umsan">` with one failing
//! `<testcase>` per finding (named `<kind> at <file>:<line>`, classed by its
//! file), or a single passing test case when nothing was found, so that CI
//! dashboards always show that the check ran.

use std::fmt::Write as _;

use super::findings::{total_reports, Finding};

/// Name of the passing test case of a clean run.
pub const CLEAN_CASE: &str = "no uninitialized memory use found";

/// The JUnit document for `findings`; `command` (the command that ran)
/// goes into the suite's properties.
pub fn document(findings: &[Finding], command: &str) -> String {
    let tests = findings.len().max(1);
    let failures = findings.len();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"umsan\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"umsan\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
    );
    let _ = writeln!(out, "    <properties>");
    let _ = writeln!(
        out,
        "      <property name=\"command\" value=\"{}\"/>",
        escape(command)
    );
    let _ = writeln!(
        out,
        "      <property name=\"reports\" value=\"{}\"/>",
        total_reports(findings)
    );
    let _ = writeln!(out, "    </properties>");
    if findings.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase name=\"{CLEAN_CASE}\" classname=\"umsan\"/>"
        );
    }
    for f in findings {
        out.push_str(&testcase(f));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// One failing test case.
fn testcase(f: &Finding) -> String {
    let (name, classname) = match &f.location {
        Some(loc) => (
            format!("{} at {}:{}", f.kind, loc.path.as_str(), loc.line),
            loc.path.as_str().to_string(),
        ),
        None => (
            format!("{} at <unknown location>", f.kind),
            "umsan".to_string(),
        ),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\">",
        escape(&name),
        escape(&classname)
    );
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
        escape(&f.message()),
        escape(&f.kind),
        escape(&failure_text(f))
    );
    out.push_str("    </testcase>\n");
    out
}

/// The body of a failure: the message, how often, and the report's stack
/// in the runtime's text layout.
fn failure_text(f: &Finding) -> String {
    let mut text = format!("{}\nat {}\n", f.message(), f.location_text());
    if f.count > 1 {
        let _ = writeln!(text, "reported {} times", f.count);
    }
    for (i, frame) in f.report.frames.iter().enumerate() {
        let _ = write!(text, "    #{i} {}", frame.pc.as_deref().unwrap_or("?"));
        if let Some(func) = &frame.function {
            let _ = write!(text, " in {func}");
        }
        if let (Some(file), Some(line)) = (&frame.file, frame.line) {
            let _ = write!(text, " {file}:{line}");
            if let Some(c) = frame.column.filter(|&c| c > 0) {
                let _ = write!(text, ":{c}");
            }
        } else if let Some(module) = &frame.module {
            let _ = write!(text, " ({module})");
        }
        text.push('\n');
    }
    text
}

/// Escape `s` for XML text and attribute values; characters XML 1.0 cannot
/// hold at all (most C0 controls) become `\u{…}` text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
