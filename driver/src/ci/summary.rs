//! The plain-text summary `umsan ci` prints on stderr after the command:
//! an aligned table of findings (kind, location, function, count) and a
//! total line.

use std::fmt::Write as _;

use super::findings::{total_reports, Finding};

/// The summary for `findings`, ending with a newline.
pub fn table(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "umsan: no uninitialized memory use found\n".to_string();
    }
    let header = ["KIND", "LOCATION", "FUNCTION", "COUNT"];
    let rows: Vec<[String; 4]> = findings
        .iter()
        .map(|f| {
            [
                f.kind.clone(),
                f.location_text(),
                f.function.clone().unwrap_or_else(|| "?".into()),
                f.count.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::from("umsan: summary\n");
    push_row(&mut out, &header.map(String::from), &widths);
    for row in &rows {
        push_row(&mut out, row, &widths);
    }
    let _ = writeln!(
        out,
        "umsan: {} finding(s) from {} report(s)",
        findings.len(),
        total_reports(findings)
    );
    out
}

fn push_row(out: &mut String, row: &[String; 4], widths: &[usize; 4]) {
    let _ = writeln!(
        out,
        "  {:<w0$}  {:<w1$}  {:<w2$}  {:>w3$}",
        row[0],
        row[1],
        row[2],
        row[3],
        w0 = widths[0],
        w1 = widths[1],
        w2 = widths[2],
        w3 = widths[3]
    );
}
