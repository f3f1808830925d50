//! From reports to findings: reports with the same kind, primary location
//! (file, line, column) and function are one finding, however many processes
//! reported it; the finding counts them and keeps the first report as its
//! representative.

use std::collections::BTreeMap;
use std::fmt;

use super::paths::{SourcePath, SourceRoot};
use super::report::{Frame, Report};

/// Kind of a read of uninitialized memory that mattered.
pub const USE_OF_UNINITIALIZED_VALUE: &str = "use-of-uninitialized-value";
/// Kind of uninitialized bytes leaving the program.
pub const UNINIT_COPY_OUT: &str = "uninit-copy-out";

/// A source position, relative to the [`SourceRoot`] where possible.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file.
    pub path: SourcePath,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, if known.
    pub column: Option<u32>,
}

impl Location {
    /// The location of `frame`, if it has one.
    pub fn of_frame(frame: &Frame, root: &SourceRoot) -> Option<Location> {
        let file = frame.file.as_deref().filter(|f| !f.is_empty())?;
        Some(Location {
            path: root.relativize(file),
            line: frame.line?,
            column: frame.column.filter(|&c| c > 0),
        })
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.as_str(), self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        Ok(())
    }
}

/// What makes two reports the same finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    location: Option<Location>,
    kind: String,
    function: Option<String>,
}

/// One deduplicated finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The report kind.
    pub kind: String,
    /// The function of the primary frame, if symbolized.
    pub function: Option<String>,
    /// The primary location, if any frame has one.
    pub location: Option<Location>,
    /// How many reports were merged into this finding.
    pub count: usize,
    /// The first of those reports.
    pub report: Report,
}

impl Finding {
    /// `kind in function` plus the byte range and the origin, if any:
    /// the text of a SARIF message, an annotation, a JUnit failure.
    pub fn message(&self) -> String {
        let mut msg = self.kind.clone();
        if let Some(function) = &self.function {
            msg.push_str(" in ");
            msg.push_str(function);
        }
        if let Some(bytes) = &self.report.bytes {
            msg.push_str(&format!(": {bytes}"));
        }
        if let Some(origin) = &self.report.origin {
            msg.push_str(&format!(
                "; the uninitialized value was created by a {origin}"
            ));
        }
        msg
    }

    /// The location as `file:line:col`, or `<unknown location>`.
    pub fn location_text(&self) -> String {
        self.location
            .as_ref()
            .map_or_else(|| "<unknown location>".to_string(), ToString::to_string)
    }

    /// A stable fingerprint of kind, file, function and line (not column,
    /// so that reformatting a line keeps it), as 16 hex digits.
    pub fn fingerprint(&self) -> String {
        let (uri, line) = self
            .location
            .as_ref()
            .map_or((String::new(), 0), |l| (l.path.uri(), l.line));
        let text = format!(
            "{}\u{0}{}\u{0}{}\u{0}{}",
            self.kind,
            uri,
            self.function.as_deref().unwrap_or(""),
            line
        );
        format!("{:016x}", fnv1a64(text.as_bytes()))
    }
}

/// Merge `reports` into findings, sorted by location, then kind, then
/// function (a stable order, whatever order the processes ran in).
pub fn dedup(reports: Vec<Report>, root: &SourceRoot) -> Vec<Finding> {
    let mut by_key: BTreeMap<Key, Finding> = BTreeMap::new();
    for report in reports {
        let primary = report.primary_frame();
        let key = Key {
            location: primary.and_then(|f| Location::of_frame(f, root)),
            kind: report.kind.clone(),
            function: primary.and_then(|f| f.function.clone()),
        };
        by_key
            .entry(key.clone())
            .and_modify(|f| f.count += 1)
            .or_insert_with(|| Finding {
                kind: key.kind,
                function: key.function,
                location: key.location,
                count: 1,
                report,
            });
    }
    by_key.into_values().collect()
}

/// Total number of reports behind `findings`.
pub fn total_reports(findings: &[Finding]) -> usize {
    findings.iter().map(|f| f.count).sum()
}

/// 64-bit FNV-1a: small, stable across releases and platforms.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
