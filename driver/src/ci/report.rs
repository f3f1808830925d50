//! Reading the runtime's JSON reports (`report_format=json`, one object per
//! line, in `log_path` files named `<prefix>.<pid>`).
//!
//! The format is the runtime's (see `runtime/src/report.rs`); unknown fields
//! are ignored so that the runtime may add to it, and a line that does not
//! parse is skipped with a [`Warning`] instead of failing the whole run: a
//! process killed mid-write may leave half a line behind.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Error;

/// One stack frame of a report, as symbolized by the runtime.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Frame {
    /// The program counter, as the runtime printed it (`0x…`).
    #[serde(default)]
    pub pc: Option<String>,
    /// The function name, when symbolized.
    #[serde(default)]
    pub function: Option<String>,
    /// The source file (usually absolute), when debug info exists.
    #[serde(default)]
    pub file: Option<String>,
    /// 1-based source line.
    #[serde(default)]
    pub line: Option<u32>,
    /// 1-based source column (0 or absent when unknown).
    #[serde(default)]
    pub column: Option<u32>,
    /// The executable or shared object holding `pc`.
    #[serde(default)]
    pub module: Option<String>,
}

impl Frame {
    /// Whether the frame points at a source line.
    pub fn has_source(&self) -> bool {
        self.file.as_deref().is_some_and(|f| !f.is_empty()) && self.line.is_some()
    }
}

/// The uninitialized byte range of an `uninit-copy-out` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct ByteRange {
    /// First uninitialized byte (inclusive).
    pub start: u64,
    /// End of the uninitialized bytes (exclusive).
    pub end: u64,
    /// Size of the whole transfer.
    pub size: u64,
}

impl fmt::Display for ByteRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bytes [{}, {}) of {} are uninitialized",
            self.start, self.end, self.size
        )
    }
}

/// Where the uninitialized value was created (with origin tracking).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Origin {
    /// `heap`, `stack`, or whatever the runtime says.
    #[serde(default)]
    pub kind: String,
    /// The variable's name, for a stack allocation.
    #[serde(default, alias = "variable")]
    pub name: Option<String>,
    /// The function holding the variable, for a stack allocation.
    #[serde(default)]
    pub function: Option<String>,
    /// The stack that created the value.
    #[serde(default)]
    pub frames: Vec<Frame>,
}

impl fmt::Display for Origin {
    /// The runtime's wording: `heap allocation`, `stack allocation of 'x' in f`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind.as_str() {
            "heap" => f.write_str("heap allocation")?,
            "stack" => f.write_str("stack allocation")?,
            "" => f.write_str("unknown allocation")?,
            other => write!(f, "{other} allocation")?,
        }
        if let Some(name) = &self.name {
            write!(f, " of '{name}'")?;
        }
        if let Some(function) = &self.function {
            write!(f, " in {function}")?;
        }
        Ok(())
    }
}

/// One report, as one JSON line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Report {
    /// `use-of-uninitialized-value` or `uninit-copy-out`.
    pub kind: String,
    /// The reporting process.
    #[serde(default)]
    pub pid: Option<u32>,
    /// The stack of the use, innermost first.
    #[serde(default)]
    pub frames: Vec<Frame>,
    /// The uninitialized bytes (copy-out only).
    #[serde(default)]
    pub bytes: Option<ByteRange>,
    /// Where the value was created, when tracked.
    #[serde(default)]
    pub origin: Option<Origin>,
    /// The runtime's one-line summary.
    #[serde(default)]
    pub summary: Option<String>,
}

impl Report {
    /// The frame that locates the finding: the first one with a source
    /// location (the use itself, unless it happened in code without debug
    /// info), else the first frame.
    pub fn primary_frame(&self) -> Option<&Frame> {
        self.frames
            .iter()
            .find(|f| f.has_source())
            .or_else(|| self.frames.first())
    }
}

/// A line of a report file that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file holding the line.
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// Why it was skipped.
    pub reason: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "skipping malformed report line {}:{}: {}",
            self.file.display(),
            self.line,
            self.reason
        )
    }
}

/// Parse the contents of one report file. Blank lines are ignored; a line
/// that is not a report is returned as a [`Warning`].
pub fn parse_lines(file: &Path, text: &str) -> (Vec<Report>, Vec<Warning>) {
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_text = line.trim();
        if line_text.is_empty() {
            continue;
        }
        match serde_json::from_str::<Report>(line_text) {
            Ok(r) => reports.push(r),
            Err(e) => warnings.push(Warning {
                file: file.to_path_buf(),
                line: i + 1,
                reason: e.to_string(),
            }),
        }
    }
    (reports, warnings)
}

/// Read every `<prefix>.*` file in `dir` (sorted by name, for a stable
/// order) and parse its reports.
pub fn collect(dir: &Path, prefix: &str) -> Result<(Vec<Report>, Vec<Warning>), Error> {
    let io_err = |source| Error::Io {
        what: format!("cannot read the report directory {}", dir.display()),
        source,
    };
    let wanted = format!("{prefix}.");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err)?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&wanted))
        .map(|e| e.path())
        .collect();
    files.sort();

    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|source| Error::Io {
            what: format!("cannot read report file {}", file.display()),
            source,
        })?;
        let (r, w) = parse_lines(&file, &String::from_utf8_lossy(&bytes));
        reports.extend(r);
        warnings.extend(w);
    }
    Ok((reports, warnings))
}
