//! Compiles the C++ plugin-registration shim against LLVM 19's headers.
use std::process::Command;

fn main() {
    let prefix = std::env::var("LLVM_SYS_191_PREFIX").unwrap_or_else(|_| "/usr/lib/llvm-19".into());
    let llvm_config = format!("{prefix}/bin/llvm-config");
    let cxxflags = Command::new(&llvm_config)
        .arg("--cxxflags")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {llvm_config}: {e} (install llvm-19-dev: scripts/bootstrap.sh)"));
    let cxxflags = String::from_utf8(cxxflags.stdout).expect("llvm-config output");
    let mut build = cc::Build::new();
    build.cpp(true).file("src/shim.cpp").warnings(false);
    for flag in cxxflags.split_whitespace() {
        build.flag(flag);
    }
    build.compile("umsan_shim");
    println!("cargo:rerun-if-changed=src/shim.cpp");
    println!("cargo:rerun-if-env-changed=LLVM_SYS_191_PREFIX");
}
