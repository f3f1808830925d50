//! `scripts/bootstrap.sh`: the detection logic (it never installs here: the
//! install path is exercised only as a dry run).

use std::path::PathBuf;
use std::process::Command;

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/bootstrap.sh")
}

fn run(envs: &[(&str, &str)]) -> (i32, String) {
    let out = Command::new("sh")
        .arg(script())
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn all_present_or_explains_what_is_missing() {
    let (code, text) = run(&[]);
    if code == 0 {
        assert!(text.contains("toolchain present"), "{text}");
    } else {
        assert!(
            text.contains("missing:") && text.contains("libclang-rt-19-dev"),
            "{text}"
        );
    }
}

#[test]
fn a_missing_file_triggers_install_or_message() {
    let (code, text) = run(&[
        ("UMSAN_BOOTSTRAP_MSAN_RT", "/nonexistent/msan.a"),
        ("UMSAN_BOOTSTRAP_DRY_RUN", "1"),
    ]);
    assert!(
        text.contains("missing:") && text.contains("/nonexistent/msan.a"),
        "{text}"
    );
    let packages = "clang-19 llvm-19-dev llvm-19-tools libclang-rt-19-dev lld-19";
    if code == 0 {
        // Root with apt-get: the install command it would run.
        assert!(
            text.contains(&format!("apt-get install -y {packages}")),
            "{text}"
        );
    } else {
        assert_eq!(code, 1);
        assert!(
            text.contains("cannot install automatically") && text.contains(packages),
            "{text}"
        );
    }
}

#[test]
fn missing_build_integration_tools_are_installed_or_reported() {
    let (code, text) = run(&[
        ("UMSAN_BOOTSTRAP_EXTRA_TOOLS", "ccache no-such-tool-umsan-test"),
        ("UMSAN_BOOTSTRAP_DRY_RUN", "1"),
    ]);
    assert!(
        text.contains("missing (build-integration tests): no-such-tool-umsan-test"),
        "{text}"
    );
    assert!(!text.contains("missing (build-integration tests): ccache"), "{text}");
    let extras = "ccache sccache distcc cmake meson ninja-build";
    if text.contains("toolchain present") {
        // Only optional tools are missing: never a failure.
        assert_eq!(code, 0, "{text}");
    }
    if code == 0 && text.contains("would run") {
        assert!(
            text.contains(&format!("apt-get install -y {extras}")),
            "{text}"
        );
    } else if code == 0 {
        assert!(text.contains("warning: cannot install") && text.contains(extras), "{text}");
    } else {
        assert!(text.contains(extras), "{text}");
    }
}
