//! SARIF 2.1.0 output: one run of the tool `umsan`, one rule per report
//! kind, one result per finding.
//!
//! Each result's primary location is the use (relative to `%SRCROOT%`, which
//! `originalUriBaseIds` maps to the source root), the remaining frames of the
//! stack are a code flow (innermost first) and the origin's frames, if any,
//! are related locations. `partialFingerprints.primaryLocationLineHash`
//! identifies a finding across runs (kind, file, function, line).

use serde_json::{json, Value};

use super::findings::{Finding, Location, UNINIT_COPY_OUT, USE_OF_UNINITIALIZED_VALUE};
use super::paths::{SourcePath, SourceRoot};
use super::report::Frame;

/// `$schema` of the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where users learn about umsan.
pub const INFORMATION_URI: &str = "https://github.com/umsan/umsan";
/// The uri base id of repository-relative locations.
pub const SRCROOT: &str = "%SRCROOT%";

/// A SARIF rule: what one report kind means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The report kind (`use-of-uninitialized-value`).
    pub kind: String,
    /// One sentence.
    pub short: String,
    /// A paragraph.
    pub full: String,
    /// What to do about it.
    pub help: String,
}

impl Rule {
    /// The stable rule id: `umsan/<kind>`.
    pub fn id(&self) -> String {
        format!("umsan/{}", self.kind)
    }

    /// The rule for `kind`, with a generic text for kinds this version does
    /// not know (a newer runtime's).
    pub fn for_kind(kind: &str) -> Rule {
        let (short, full, help) = match kind {
            USE_OF_UNINITIALIZED_VALUE => (
                "Use of an uninitialized value",
                "A value computed from uninitialized memory decided a conditional branch or \
                 switch, was used as an address, index, call target or divisor, or was passed \
                 to a library call that reads it. The program's behaviour depends on whatever \
                 the memory held before.",
                "Initialize the memory before its value is used. Compile with \
                 -fumsan-track-origins to see where the uninitialized value was created.",
            ),
            UNINIT_COPY_OUT => (
                "Uninitialized bytes leave the program",
                "Bytes handed to a copy-out boundary (write, send, copy_to_user, or a function \
                 declared with UMSAN_COPY_OUT) were not initialized: whatever the memory held \
                 before leaks out of the program.",
                "Initialize (for example zero) the reported byte range, including padding, \
                 before it is copied out, or copy out only the bytes that were written.",
            ),
            _ => (
                "umsan report",
                "umsan reported a use of uninitialized memory.",
                "See the report's stack for where the uninitialized memory was used.",
            ),
        };
        Rule {
            kind: kind.to_string(),
            short: short.to_string(),
            full: full.to_string(),
            help: help.to_string(),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "id": self.id(),
            "name": camel_case(&self.kind),
            "shortDescription": { "text": self.short },
            "fullDescription": { "text": self.full },
            "help": { "text": self.help },
            "helpUri": INFORMATION_URI,
            "defaultConfiguration": { "level": "error" },
            "properties": { "tags": ["security", "correctness", "memory"] },
        })
    }
}

/// The rules of a log: the known kinds first (stable indices), then any
/// other kind found, in order of first appearance.
pub fn rules(findings: &[Finding]) -> Vec<Rule> {
    let mut kinds: Vec<String> = vec![
        USE_OF_UNINITIALIZED_VALUE.to_string(),
        UNINIT_COPY_OUT.to_string(),
    ];
    for f in findings {
        if !kinds.contains(&f.kind) {
            kinds.push(f.kind.clone());
        }
    }
    kinds.iter().map(|k| Rule::for_kind(k)).collect()
}

/// The whole SARIF log for `findings`.
pub fn log(findings: &[Finding], root: &SourceRoot) -> Value {
    let rules = rules(findings);
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = rules.iter().position(|r| r.kind == f.kind).unwrap_or(0);
            result(f, &rules[index], index, root)
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "umsan",
                    "informationUri": INFORMATION_URI,
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(Rule::to_json).collect::<Vec<_>>(),
                }
            },
            "originalUriBaseIds": {
                SRCROOT: { "uri": directory_uri(root) }
            },
            "results": results,
        }]
    })
}

/// One result.
fn result(f: &Finding, rule: &Rule, rule_index: usize, root: &SourceRoot) -> Value {
    let mut result = json!({
        "ruleId": rule.id(),
        "ruleIndex": rule_index,
        "level": "error",
        "message": { "text": f.message() },
        "partialFingerprints": { "primaryLocationLineHash": f.fingerprint() },
        "occurrenceCount": f.count,
    });
    let obj = result.as_object_mut().expect("a result is an object");
    if let Some(loc) = &f.location {
        obj.insert(
            "locations".into(),
            json!([location(loc, f.function.as_deref(), None)]),
        );
    }
    if let Some(flow) = code_flow(&f.report.frames, root) {
        obj.insert("codeFlows".into(), json!([flow]));
    }
    if let Some(origin) = &f.report.origin {
        let related: Vec<Value> = origin
            .frames
            .iter()
            .filter_map(|fr| {
                let loc = Location::of_frame(fr, root)?;
                let text = format!("uninitialized value created by a {origin}");
                Some(location(&loc, fr.function.as_deref(), Some(text)))
            })
            .enumerate()
            .map(|(i, mut v)| {
                v["id"] = json!(i);
                v
            })
            .collect();
        if !related.is_empty() {
            obj.insert("relatedLocations".into(), Value::Array(related));
        }
    }
    result
}

/// A SARIF `location` for `loc`, naming `function` as its logical location.
fn location(loc: &Location, function: Option<&str>, message: Option<String>) -> Value {
    let mut artifact = json!({ "uri": loc.path.uri() });
    if loc.path.is_relative() {
        artifact["uriBaseId"] = json!(SRCROOT);
    }
    let mut region = json!({ "startLine": loc.line });
    if let Some(c) = loc.column {
        region["startColumn"] = json!(c);
    }
    let mut value = json!({
        "physicalLocation": { "artifactLocation": artifact, "region": region }
    });
    if let Some(function) = function {
        value["logicalLocations"] = json!([{ "name": function, "kind": "function" }]);
    }
    if let Some(text) = message {
        value["message"] = json!({ "text": text });
    }
    value
}

/// The stack of the use as a thread flow, innermost frame first; `None`
/// when fewer than two frames have a source location.
fn code_flow(frames: &[Frame], root: &SourceRoot) -> Option<Value> {
    let steps: Vec<Value> = frames
        .iter()
        .filter_map(|fr| {
            let loc = Location::of_frame(fr, root)?;
            let text = match &fr.function {
                Some(func) => format!("in {func}"),
                None => "in ?".to_string(),
            };
            Some(json!({ "location": location(&loc, fr.function.as_deref(), Some(text)) }))
        })
        .collect();
    (steps.len() >= 2).then(|| {
        json!({
            "message": { "text": "stack of the use, innermost frame first" },
            "threadFlows": [{ "locations": steps }],
        })
    })
}

/// The `file://` URI of the root directory, with a trailing slash (SARIF
/// requires base URIs to end with one).
fn directory_uri(root: &SourceRoot) -> String {
    let text = root.path().to_string_lossy().into_owned();
    let mut uri = SourcePath::Absolute(text).uri();
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// `use-of-uninitialized-value` → `UseOfUninitializedValue` (the rule name).
fn camel_case(kind: &str) -> String {
    kind.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(cs).collect::<String>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names() {
        assert_eq!(
            camel_case(USE_OF_UNINITIALIZED_VALUE),
            "UseOfUninitializedValue"
        );
        assert_eq!(
            Rule::for_kind(UNINIT_COPY_OUT).id(),
            "umsan/uninit-copy-out"
        );
    }
}
