//! Tests of `umsan ci`: the library's pieces (report parsing, deduplication,
//! relative paths, escaping, SARIF and JUnit shapes, the SARIF schema), the
//! binary's behaviour with stand-in commands that write reports themselves
//! (no plugin needed), and end to end with the real pass and runtime on
//! small C programs and on Lua 5.4 built by its own Makefile.
//!
//! End-to-end tests print a skip notice when the pass plugin or the runtime
//! is not built (`cargo build --release` at the repository root).

mod common;
use common::Scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};
use umsan_driver::ci::findings::{self, Finding, UNINIT_COPY_OUT, USE_OF_UNINITIALIZED_VALUE};
use umsan_driver::ci::paths::{SourcePath, SourceRoot};
use umsan_driver::ci::report::{self, Report};
use umsan_driver::ci::{env, exit_code, github, junit, sarif, summary};

const UMSAN: &str = env!("CARGO_BIN_EXE_umsan");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

// ---------------------------------------------------------------------------
// helpers

impl Scratch {
    fn new(name: &str) -> Scratch {
        Scratch::in_suite("ci", name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    }

    /// Make the directory a git work tree (so it is the source root
    /// whatever `$TMPDIR` is inside); without git it is the current
    /// directory of the runs, which is the root as well.
    fn git_init(&self) {
        let _ = Command::new("git")
            .args(["init", "-q"])
            .current_dir(&self.0)
            .output();
    }
}

/// A frame as the runtime writes it.
fn frame(function: Option<&str>, file: Option<&str>, line: u32, column: u32) -> Value {
    json!({
        "pc": "0x55d0c4a1b2c3",
        "function": function,
        "file": file,
        "line": file.map(|_| line),
        "column": file.map(|_| column),
        "module": "/tmp/prog",
    })
}

/// A report line as the runtime writes it.
fn report_line(kind: &str, frames: Vec<Value>) -> String {
    json!({
        "kind": kind,
        "pid": 42,
        "frames": frames,
        "origin": null,
        "summary": format!("{kind} somewhere"),
    })
    .to_string()
}

fn report(kind: &str, file: &str, line: u32, column: u32, function: &str) -> Report {
    let text = report_line(kind, vec![frame(Some(function), Some(file), line, column)]);
    serde_json::from_str(&text).unwrap()
}

fn root() -> SourceRoot {
    SourceRoot::new("/repo")
}

/// Run `umsan ci ARGS` in `dir` with extra environment.
fn umsan_ci(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(UMSAN);
    cmd.arg("ci").args(args).current_dir(dir);
    cmd.env_remove("UMSAN_OPTIONS")
        .env_remove("CC")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The official SARIF 2.1.0 schema (a copy of shared/data's).
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(DATA).join("sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn assert_valid_sarif(log: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not match the schema:\n{}\n{}",
        errors.join("\n"),
        serde_json::to_string_pretty(log).unwrap()
    );
}

/// The 1-based line of the first line of `file` containing `marker`.
fn line_of(file: &Path, marker: &str) -> u64 {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("{marker} not in {}", file.display())) as u64
        + 1
}

// ---------------------------------------------------------------------------
// report parsing

#[test]
fn parses_reports_and_skips_malformed_lines() {
    let good = report_line(
        UNINIT_COPY_OUT,
        vec![frame(Some("send_it"), Some("/repo/a.c"), 3, 5)],
    );
    let mut with_bytes: Value = serde_json::from_str(&good).unwrap();
    with_bytes["bytes"] = json!({"start": 8, "end": 16, "size": 64});
    with_bytes["origin"] = json!({
        "kind": "stack", "variable": "buf", "function": "main", "future_field": 1,
        "frames": [frame(Some("main"), Some("/repo/m.c"), 10, 3)],
    });
    with_bytes["unknown_field"] = json!("ignored");
    let text = format!(
        "{}\n\n{{\"kind\": \"use-of-uninit\n{}\nnot json\n",
        good, with_bytes
    );
    let (reports, warnings) = report::parse_lines(Path::new("/logs/report.7"), &text);
    assert_eq!(reports.len(), 2);
    assert_eq!(warnings.len(), 2);
    assert_eq!(warnings[0].line, 3);
    assert_eq!(warnings[1].line, 5);
    assert!(warnings[0].to_string().contains("/logs/report.7:3"));

    let r = &reports[1];
    assert_eq!(r.kind, UNINIT_COPY_OUT);
    assert_eq!(
        r.bytes.unwrap().to_string(),
        "bytes [8, 16) of 64 are uninitialized"
    );
    let origin = r.origin.as_ref().unwrap();
    assert_eq!(origin.to_string(), "stack allocation of 'buf' in main");
    assert_eq!(origin.frames.len(), 1);
}

#[test]
fn collects_every_report_file_of_the_prefix() {
    let s = Scratch::new("collect");
    let line = report_line(
        USE_OF_UNINITIALIZED_VALUE,
        vec![frame(Some("f"), Some("/repo/a.c"), 1, 1)],
    );
    s.write("report.100", &format!("{line}\n{line}\n"));
    s.write("report.200", &format!("{line}\n"));
    s.write("other.300", &format!("{line}\n"));
    let (reports, warnings) = report::collect(&s.0, "report").unwrap();
    assert_eq!(reports.len(), 3);
    assert!(warnings.is_empty());
}

// ---------------------------------------------------------------------------
// deduplication

#[test]
fn dedup_merges_same_kind_location_and_function() {
    let u = USE_OF_UNINITIALIZED_VALUE;
    let reports = vec![
        report(u, "/repo/src/b.c", 20, 3, "g"),
        report(u, "/repo/src/a.c", 12, 7, "f"),
        report(u, "/repo/src/a.c", 12, 7, "f"),
        report(u, "/repo/src/a.c", 12, 8, "f"), // another column
        report(UNINIT_COPY_OUT, "/repo/src/a.c", 12, 7, "f"), // another kind
        report(u, "/repo/src/a.c", 12, 7, "f"),
    ];
    let found = findings::dedup(reports, &root());
    let summary: Vec<(String, String, usize)> = found
        .iter()
        .map(|f| (f.kind.clone(), f.location_text(), f.count))
        .collect();
    assert_eq!(
        summary,
        vec![
            // Same location: ordered by kind.
            (UNINIT_COPY_OUT.to_string(), "src/a.c:12:7".to_string(), 1),
            (u.to_string(), "src/a.c:12:7".to_string(), 3),
            (u.to_string(), "src/a.c:12:8".to_string(), 1),
            (u.to_string(), "src/b.c:20:3".to_string(), 1),
        ]
    );
    assert_eq!(findings::total_reports(&found), 6);
}

#[test]
fn primary_frame_is_the_first_with_a_source_location() {
    let text = report_line(
        USE_OF_UNINITIALIZED_VALUE,
        vec![
            frame(Some("strlen"), None, 0, 0),
            frame(Some("parse"), Some("/repo/p.c"), 42, 9),
            frame(Some("main"), Some("/repo/m.c"), 17, 3),
        ],
    );
    let r: Report = serde_json::from_str(&text).unwrap();
    let found = findings::dedup(vec![r], &root());
    assert_eq!(found[0].location_text(), "p.c:42:9");
    assert_eq!(found[0].function.as_deref(), Some("parse"));

    // No symbolized frame at all: still one finding, without a location.
    let bare = report_line(USE_OF_UNINITIALIZED_VALUE, vec![frame(None, None, 0, 0)]);
    let found = findings::dedup(vec![serde_json::from_str(&bare).unwrap()], &root());
    assert_eq!(found[0].location, None);
    assert_eq!(found[0].location_text(), "<unknown location>");
}

#[test]
fn fingerprint_is_stable_and_ignores_the_column() {
    let u = USE_OF_UNINITIALIZED_VALUE;
    let a = &findings::dedup(vec![report(u, "/repo/a.c", 5, 1, "f")], &root())[0];
    let b = &findings::dedup(vec![report(u, "/repo/a.c", 5, 9, "f")], &root())[0];
    let c = &findings::dedup(vec![report(u, "/repo/a.c", 6, 1, "f")], &root())[0];
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_ne!(a.fingerprint(), c.fingerprint());
    assert_eq!(a.fingerprint().len(), 16);
    // Pinned: a change would make every result look new on GitHub.
    assert_eq!(a.fingerprint(), "61989c389bdd8929");
}

// ---------------------------------------------------------------------------
// relative paths

#[test]
fn paths_relative_to_the_root() {
    let r = root();
    assert_eq!(
        r.relativize("/repo/src/x.c"),
        SourcePath::Relative("src/x.c".into())
    );
    assert_eq!(
        r.relativize("/usr/include/bits/string.h"),
        SourcePath::Absolute("/usr/include/bits/string.h".into())
    );
    assert_eq!(
        r.relativize("/repo-other/x.c"),
        SourcePath::Absolute("/repo-other/x.c".into())
    );
    assert_eq!(r.relativize("/repo/a/../b/x.c").as_str(), "b/x.c");
}

#[test]
fn root_is_the_git_toplevel_or_the_current_directory() {
    let s = Scratch::new("gitroot");
    let sub = s.path("sub/dir");
    std::fs::create_dir_all(&sub).unwrap();
    let has_git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&s.0)
        .status()
        .is_ok_and(|st| st.success());
    let root = SourceRoot::discover(&sub);
    if has_git {
        assert_eq!(root.path(), s.0);
        assert_eq!(
            root.relativize(&format!("{}/sub/dir/x.c", s.0.display())),
            SourcePath::Relative("sub/dir/x.c".into())
        );
    } else {
        eprintln!("note: git not found; checking the current-directory fallback only");
    }
    // Outside any repository: the directory itself (unless $TMPDIR is in one).
    let outside = Scratch::new("norepo");
    let root = SourceRoot::discover(&outside.0);
    assert!(outside.0.starts_with(root.path()));
}

// ---------------------------------------------------------------------------
// escaping and GitHub output

#[test]
fn github_escaping() {
    assert_eq!(github::escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
    assert_eq!(
        github::escape_property("a%b\r\nc:d,e"),
        "a%25b%0D%0Ac%3Ad%2Ce"
    );
}

#[test]
fn github_annotation_line() {
    let f = &findings::dedup(
        vec![
            report(USE_OF_UNINITIALIZED_VALUE, "/repo/dir,1/a:b.c", 12, 7, "f"),
            report(USE_OF_UNINITIALIZED_VALUE, "/repo/dir,1/a:b.c", 12, 7, "f"),
        ],
        &root(),
    )[0];
    assert_eq!(
        github::annotation(f),
        "::error file=dir%2C1/a%3Ab.c,line=12,col=7,title=umsan use-of-uninitialized-value\
         ::use-of-uninitialized-value in f (reported 2 times)"
    );
}

#[test]
fn github_annotations_are_capped() {
    let reports: Vec<Report> = (1..=13)
        .map(|l| report(USE_OF_UNINITIALIZED_VALUE, "/repo/a.c", l, 1, "f"))
        .collect();
    let found = findings::dedup(reports, &root());
    let lines = github::annotations(&found);
    assert_eq!(lines.len(), github::MAX_ANNOTATIONS + 1);
    assert!(lines[..10].iter().all(|l| l.starts_with("::error ")));
    assert!(lines[10].starts_with("::notice::"), "{}", lines[10]);
    assert!(lines[10].contains("3 more"), "{}", lines[10]);

    let md = github::step_summary(&found, "make check");
    assert!(
        md.contains("| Kind | Location | Function | Count |"),
        "{md}"
    );
    assert!(
        md.contains("| use-of-uninitialized-value | `a.c:1:1` | f | 1 |"),
        "{md}"
    );
    assert!(md.contains("**13 finding(s)**"), "{md}");
    assert!(github::step_summary(&[], "x").contains("No uninitialized memory use found"));
}

#[test]
fn xml_escaping() {
    assert_eq!(
        junit::escape("a<b>&\"c'\n\u{1}"),
        "a&lt;b&gt;&amp;&quot;c&apos;&#10;\\u{1}"
    );
}

// ---------------------------------------------------------------------------
// SARIF

fn rich_findings() -> Vec<Finding> {
    let mut copy_out: Value = serde_json::from_str(&report_line(
        UNINIT_COPY_OUT,
        vec![
            frame(Some("send_header"), Some("/repo/net/send.c"), 30, 5),
            frame(None, None, 0, 0),
            frame(Some("main"), Some("/repo/main.c"), 8, 3),
        ],
    ))
    .unwrap();
    copy_out["bytes"] = json!({"start": 8, "end": 16, "size": 64});
    copy_out["origin"] = json!({
        "kind": "heap",
        "frames": [frame(Some("malloc"), None, 0, 0), frame(Some("main"), Some("/repo/main.c"), 5, 14)],
    });
    let reports = vec![
        serde_json::from_str(&copy_out.to_string()).unwrap(),
        report(
            USE_OF_UNINITIALIZED_VALUE,
            "/repo/src/a b.c",
            12,
            7,
            "parse",
        ),
        report(USE_OF_UNINITIALIZED_VALUE, "/usr/include/x.h", 3, 0, "inl"),
        report("some-future-kind", "/repo/z.c", 1, 1, "z"),
        serde_json::from_str(&report_line(USE_OF_UNINITIALIZED_VALUE, vec![])).unwrap(),
    ];
    findings::dedup(reports, &root())
}

#[test]
fn sarif_shape() {
    let found = rich_findings();
    let log = sarif::log(&found, &root());
    assert_eq!(log["$schema"], sarif::SCHEMA_URI);
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "umsan");
    assert!(driver["version"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "umsan/use-of-uninitialized-value",
            "umsan/uninit-copy-out",
            "umsan/some-future-kind"
        ]
    );
    for r in rules {
        assert_eq!(r["defaultConfiguration"]["level"], "error");
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(r[key]["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
    }
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///repo/"
    );

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), found.len());
    for res in results {
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(res["ruleId"], rules[index]["id"]);
        assert_eq!(res["level"], "error");
        assert!(res["partialFingerprints"]["primaryLocationLineHash"].is_string());
    }

    let by_uri = |uri: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
            .unwrap_or_else(|| panic!("no result at {uri}"))
    };
    let copy = by_uri("net/send.c");
    let phys = &copy["locations"][0]["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(phys["region"]["startLine"], 30);
    assert_eq!(phys["region"]["startColumn"], 5);
    let text = copy["message"]["text"].as_str().unwrap();
    assert!(text.contains("uninit-copy-out in send_header"), "{text}");
    assert!(text.contains("bytes [8, 16) of 64"), "{text}");
    assert!(text.contains("heap allocation"), "{text}");
    let flow = &copy["codeFlows"][0]["threadFlows"][0]["locations"];
    assert_eq!(flow.as_array().unwrap().len(), 2);
    assert_eq!(copy["relatedLocations"].as_array().unwrap().len(), 1);

    // Spaces are percent-encoded; a file outside the root is absolute.
    assert_eq!(by_uri("src/a%20b.c")["ruleIndex"], 0);
    let outside = by_uri("file:///usr/include/x.h");
    let art = &outside["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(art.get("uriBaseId").is_none());
    assert!(outside["locations"][0]["physicalLocation"]["region"]
        .get("startColumn")
        .is_none());

    // No location at all: a result without locations.
    assert!(results.iter().any(|r| r.get("locations").is_none()));
}

#[test]
fn sarif_matches_the_official_schema() {
    assert_valid_sarif(&sarif::log(&rich_findings(), &root()));
    assert_valid_sarif(&sarif::log(&[], &root()));
}

// ---------------------------------------------------------------------------
// JUnit

#[test]
fn junit_shape_with_findings() {
    let found = rich_findings();
    let xml = junit::document(&found, "sh -c 'make && ./t <in'");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].attribute("name"), Some("umsan"));
    assert_eq!(
        suites[0].attribute("failures"),
        Some(found.len().to_string().as_str())
    );
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), found.len());
    assert!(cases
        .iter()
        .all(|c| c.children().any(|n| n.has_tag_name("failure"))));
    let copy = cases
        .iter()
        .find(|c| c.attribute("name") == Some("uninit-copy-out at net/send.c:30"))
        .expect("copy-out test case");
    assert_eq!(copy.attribute("classname"), Some("net/send.c"));
    let failure = copy.children().find(|n| n.has_tag_name("failure")).unwrap();
    let body = failure.text().unwrap();
    assert!(body.contains("bytes [8, 16) of 64"), "{body}");
    assert!(
        body.contains("#0 0x55d0c4a1b2c3 in send_header /repo/net/send.c:30:5"),
        "{body}"
    );
    let command = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("command"))
        .unwrap();
    assert_eq!(command.attribute("value"), Some("sh -c 'make && ./t <in'"));
}

#[test]
fn junit_clean_run_has_one_passing_case() {
    let xml = junit::document(&[], "make check");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].attribute("name"), Some(junit::CLEAN_CASE));
    assert_eq!(cases[0].children().filter(|n| n.is_element()).count(), 0);
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("failures"), Some("0"));
}

// ---------------------------------------------------------------------------
// summary, exit status, environment

#[test]
fn summary_table() {
    let found = findings::dedup(
        vec![
            report(USE_OF_UNINITIALIZED_VALUE, "/repo/a.c", 1, 2, "f"),
            report(USE_OF_UNINITIALIZED_VALUE, "/repo/a.c", 1, 2, "f"),
        ],
        &root(),
    );
    let t = summary::table(&found);
    assert!(t.contains("KIND"), "{t}");
    assert!(t.contains("use-of-uninitialized-value  a.c:1:2"), "{t}");
    assert!(t.contains("1 finding(s) from 2 report(s)"), "{t}");
    assert!(summary::table(&[]).contains("no uninitialized memory use found"));
}

#[test]
fn exit_status_policy() {
    assert_eq!(exit_code(false, 0), 0);
    assert_eq!(exit_code(true, 0), 1);
    assert_eq!(exit_code(true, 77), 1);
    assert_eq!(exit_code(false, 3), 3);
    assert_eq!(exit_code(false, 137), 137);
    assert_eq!(exit_code(false, 256), 1);
    assert_eq!(exit_code(false, -1), 1);
}

#[test]
fn umsan_options_keep_the_users_other_keys() {
    let opts = env::umsan_options(
        Some("halt_on_error=0:exitcode=9:log_path=/x:report_format=text"),
        Path::new("/tmp/d/report"),
    );
    assert_eq!(
        opts,
        "halt_on_error=0:exitcode=9:log_path=/tmp/d/report:report_format=json"
    );
}

// ---------------------------------------------------------------------------
// the binary, with stand-in commands (no plugin needed)

/// A shell command that appends `lines` to the runtime's log file for
/// pid `pid`, as an instrumented program would.
fn fake_program(pid: u32, lines: &[String]) -> String {
    let mut script = String::from(
        "p=${UMSAN_OPTIONS#*log_path=}; p=${p%%:*}; case \"$UMSAN_OPTIONS\" in *report_format=json*) ;; *) exit 99;; esac; ",
    );
    for l in lines {
        script.push_str(&format!(
            "printf '%s\\n' '{}' >> \"$p.{pid}\"; ",
            l.replace('\'', "'\\''")
        ));
    }
    script
}

#[test]
fn usage_errors_exit_2() {
    let s = Scratch::new("usage");
    for args in [
        &[][..],
        &["true"][..],
        &["--"][..],
        &["--bogus", "--", "true"][..],
    ] {
        let out = umsan_ci(&s.0, args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    // An unwritable output file: an error naming it, and COMMAND never runs.
    let out = umsan_ci(
        &s.0,
        &[
            "--sarif",
            "/nonexistent/dir/out.sarif",
            "--",
            "touch",
            "ran",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/nonexistent/dir/out.sarif"),
        "{}",
        stderr(&out)
    );
    assert!(!s.path("ran").exists());
}

#[test]
fn a_command_that_cannot_start_exits_127() {
    let s = Scratch::new("nostart");
    let out = umsan_ci(&s.0, &["--", "umsan-no-such-command-xyz"], &[]);
    assert_eq!(out.status.code(), Some(127));
    assert!(
        stderr(&out).contains("umsan-no-such-command-xyz"),
        "{}",
        stderr(&out)
    );
    // No empty output file is left behind.
    let out = umsan_ci(
        &s.0,
        &["--sarif", "s.sarif", "--", "umsan-no-such-command-xyz"],
        &[],
    );
    assert_eq!(out.status.code(), Some(127));
    assert!(!s.path("s.sarif").exists());
}

#[test]
fn command_status_without_findings() {
    let s = Scratch::new("status");
    let out = umsan_ci(&s.0, &["--", "true"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = umsan_ci(&s.0, &["--", "sh", "-c", "exit 3"], &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn environment_of_the_command() {
    let s = Scratch::new("env");
    let out = umsan_ci(
        &s.0,
        &[
            "--",
            "sh",
            "-c",
            "printf '%s\\n' \"$CC\" \"$UMSAN_OPTIONS\" > env.txt; command -v umsan-cc >> env.txt",
        ],
        &[(
            "UMSAN_OPTIONS",
            "halt_on_error=0:log_path=/elsewhere:exitcode=5",
        )],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let env = s.read("env.txt");
    let lines: Vec<&str> = env.lines().collect();
    let ours = Path::new(UMSAN).parent().unwrap().join("umsan-cc");
    assert_eq!(Path::new(lines[0]), ours.canonicalize().unwrap());
    assert!(
        lines[1].starts_with("halt_on_error=0:exitcode=5:log_path=/"),
        "{}",
        lines[1]
    );
    assert!(!lines[1].contains("/elsewhere"), "{}", lines[1]);
    assert!(
        lines[1].ends_with("/report:report_format=json"),
        "{}",
        lines[1]
    );
    assert_eq!(Path::new(lines[2]), Path::new(lines[0]));

    // A CC that already is umsan-cc is kept.
    let out = umsan_ci(
        &s.0,
        &["--", "sh", "-c", "printf '%s' \"$CC\" > cc.txt"],
        &[("CC", "ccache umsan-cc")],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(s.read("cc.txt"), "ccache umsan-cc");
}

#[test]
fn reports_of_every_process_are_collected() {
    let s = Scratch::new("collect-bin");
    s.git_init();
    let file = s.path("src/a.c").display().to_string();
    let line = report_line(
        USE_OF_UNINITIALIZED_VALUE,
        vec![frame(Some("f"), Some(&file), 12, 7)],
    );
    let other = report_line(
        UNINIT_COPY_OUT,
        vec![frame(Some("g"), Some("/usr/src/lib.c"), 3, 1)],
    );
    let script = format!(
        "{} {} {}",
        fake_program(100, &[line.clone(), "{broken".into()]),
        fake_program(200, &[line, other]),
        "exit 0"
    );
    let summary_file = s.path("step-summary.md");
    let out = umsan_ci(
        &s.0,
        &[
            "--sarif",
            "out.sarif",
            "--junit",
            "out.xml",
            "--github",
            "--",
            "sh",
            "-c",
            &script,
        ],
        &[("GITHUB_STEP_SUMMARY", summary_file.to_str().unwrap())],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("skipping malformed report line"), "{err}");
    assert!(err.contains("2 finding(s) from 3 report(s)"), "{err}");

    let annotations: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(str::to_string)
        .collect();
    assert_eq!(annotations.len(), 2, "{annotations:?}");
    assert!(annotations
        .iter()
        .any(|a| a.starts_with("::error file=src/a.c,line=12,col=7,")));

    let log: Value = serde_json::from_str(&s.read("out.sarif")).unwrap();
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"src/a.c"), "{uris:?}");
    assert!(uris.contains(&"file:///usr/src/lib.c"), "{uris:?}");

    roxmltree::Document::parse(&s.read("out.xml")).unwrap();
    assert!(s.read("step-summary.md").contains("| Kind |"));
}

// ---------------------------------------------------------------------------
// end to end, with the real pass and runtime

/// Whether the pass plugin and runtime are built next to `umsan`.
fn instrumentation_built(test: &str) -> bool {
    let dir = Path::new(UMSAN).parent().unwrap();
    let missing: Vec<&str> = ["libumsan_pass.so", "libumsan_rt.a"]
        .into_iter()
        .filter(|f| !dir.join(f).is_file())
        .collect();
    if missing.is_empty() {
        return true;
    }
    eprintln!(
        "SKIP {test}: {} not built in {} (run `cargo build --release`)",
        missing.join(", "),
        dir.display()
    );
    false
}

fn results(sarif: &str) -> Vec<Value> {
    let log: Value = serde_json::from_str(sarif).unwrap();
    assert_valid_sarif(&log);
    log["runs"][0]["results"].as_array().unwrap().clone()
}

#[test]
fn end_to_end_bug_is_found() {
    if !instrumentation_built("end_to_end_bug_is_found") {
        return;
    }
    let s = Scratch::new("e2e-bug");
    s.git_init();
    let src = s.path("bug.c");
    std::fs::copy(Path::new(DATA).join("ci_bug.c"), &src).unwrap();
    let out = umsan_ci(
        &s.0,
        &[
            "--sarif",
            "s.sarif",
            "--junit",
            "j.xml",
            "--github",
            "--",
            "sh",
            "-c",
            "umsan-cc -g -O1 bug.c -o bug && ./bug",
        ],
        &[],
    );
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    let results = results(&s.read("s.sarif"));
    assert_eq!(results.len(), 1, "{err}");
    let phys = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uri"], "bug.c");
    assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(phys["region"]["startLine"], line_of(&src, "UMSAN-BUG"));
    assert_eq!(results[0]["ruleId"], "umsan/use-of-uninitialized-value");

    let xml = s.read("j.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        1
    );
    assert!(stdout(&out)
        .lines()
        .any(|l| l.starts_with("::error file=bug.c,line=")));
}

#[test]
fn end_to_end_clean_program() {
    if !instrumentation_built("end_to_end_clean_program") {
        return;
    }
    let s = Scratch::new("e2e-clean");
    s.git_init();
    std::fs::copy(Path::new(DATA).join("ci_clean.c"), s.path("clean.c")).unwrap();
    let out = umsan_ci(
        &s.0,
        &[
            "--sarif",
            "s.sarif",
            "--junit",
            "j.xml",
            "--",
            "sh",
            "-c",
            "umsan-cc -g -O1 clean.c -o clean && ./clean",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(results(&s.read("s.sarif")).is_empty());
    let xml = s.read("j.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        0
    );
}

// ---------------------------------------------------------------------------
// Lua 5.4, built by its own (tiny) Makefile

/// The Makefile of the Lua test: every `.c` but `luac.c` (there is none in
/// lua-src, but a full distribution has one), compiled with `$(CC)`.
const LUA_MAKEFILE: &str = "\
CFLAGS = -O1 -g -DLUA_USE_LINUX
SRCS = $(filter-out luac.c,$(wildcard *.c))
OBJS = $(SRCS:.c=.o)

lua: $(OBJS)
\t$(CC) -o $@ $(OBJS) -lm -ldl

%.o: %.c
\t$(CC) $(CFLAGS) -c $<
";

const LUA_SCRIPT: &str = r#"
local t = {}
for i = 1, 100 do t[i] = i * i end
local s = 0
for _, v in ipairs(t) do s = s + v end
print("sum", s, string.format("%5.2f", s / 7), ("x"):rep(3))
print(table.concat({"a", "b", "c"}, ","), #t, math.max(3, 9))
"#;

/// The seed: `luaB_print` (Lua's `print`) branches on a local that is never
/// initialized. `volatile` keeps the optimizer from folding the branch away.
const LUA_SEED: &str = "  volatile int umsan_seed;  /* seeded bug: never initialized */
  if (umsan_seed == 7)  /* UMSAN-SEED */
    lua_writeline();
";

/// `lua-5.4.7/` of the lua-src crate in the cargo registry, fetching
/// tests/registry's dependencies once if it is not there.
fn lua_sources() -> Option<PathBuf> {
    let find = || -> Option<PathBuf> {
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
        let src = home.join("registry").join("src");
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(src)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path().join("lua-src-547.1.0").join("lua-5.4.7"))
            .filter(|p| p.join("lbaselib.c").is_file())
            .collect();
        dirs.sort();
        dirs.pop()
    };
    if let Some(found) = find() {
        return Some(found);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/registry/Cargo.toml");
    if manifest.is_file() {
        let _ = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .arg("fetch")
            .arg("--manifest-path")
            .arg(&manifest)
            .status();
    }
    find()
}

#[test]
fn lua_makefile_seeded_bug_is_the_only_finding() {
    if !instrumentation_built("lua_makefile_seeded_bug_is_the_only_finding") {
        return;
    }
    if Command::new("make").arg("--version").output().is_err() {
        eprintln!("SKIP lua test: make not found");
        return;
    }
    let Some(lua) = lua_sources() else {
        eprintln!(
            "SKIP lua test: lua-src 547.1.0 (Lua 5.4.7 sources) is not in the cargo registry"
        );
        return;
    };
    let s = Scratch::new("lua");
    s.git_init();
    for entry in std::fs::read_dir(&lua).unwrap() {
        let path = entry.unwrap().path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("c" | "h")) {
            std::fs::copy(&path, s.path(path.file_name().unwrap().to_str().unwrap())).unwrap();
        }
    }
    std::fs::copy(Path::new(DATA).join("ci_lua_host.c"), s.path("lua.c")).unwrap();
    s.write("Makefile", LUA_MAKEFILE);
    s.write("script.lua", LUA_SCRIPT);
    let command = ["--", "sh", "-c", "make -j2 -s && ./lua script.lua"];

    // Unmodified: nothing found, exit 0.
    let mut args = vec!["--sarif", "clean.sarif"];
    args.extend(command);
    let out = umsan_ci(&s.0, &args, &[]);
    let err = stderr(&out);
    assert!(stdout(&out).contains("sum\t338350\t48335.71\txxx"), "{err}");
    let clean = results(&s.read("clean.sarif"));
    assert!(clean.is_empty(), "unexpected findings in Lua:\n{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");

    // Seeded: exactly one finding, at the seeded line (make rebuilds only
    // lbaselib.o).
    let base = s.path("lbaselib.c");
    let text = std::fs::read_to_string(&base).unwrap();
    let anchor = "static int luaB_print (lua_State *L) {\n  int n = lua_gettop(L);  /* number of arguments */\n  int i;\n";
    assert!(text.contains(anchor), "luaB_print changed upstream");
    std::fs::write(
        &base,
        text.replacen(anchor, &format!("{anchor}{LUA_SEED}"), 1),
    )
    .unwrap();
    let mut args = vec!["--sarif", "seeded.sarif"];
    args.extend(command);
    let out = umsan_ci(&s.0, &args, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let seeded = results(&s.read("seeded.sarif"));
    assert_eq!(seeded.len(), 1, "{err}");
    let phys = &seeded[0]["locations"][0]["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uri"], "lbaselib.c");
    assert_eq!(phys["region"]["startLine"], line_of(&base, "UMSAN-SEED"));
    assert!(seeded[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("in luaB_print"));
}

// ---------------------------------------------------------------------------
// `umsan cc`

#[test]
fn umsan_cc_alias_runs_the_wrapper() {
    if !instrumentation_built("umsan_cc_alias_runs_the_wrapper") {
        return;
    }
    let out = Command::new(UMSAN)
        .args(["cc", "--version"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("umsan-cc "), "{}", stdout(&out));
}
