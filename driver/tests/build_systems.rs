//! The build-system integration shipped in the repository, used as a user
//! would: the CMake toolchain file (`cmake/umsan-toolchain.cmake`), the
//! Meson native file (`meson/umsan-native.ini`) and `umsan flags` in a
//! hand-written Makefile. Each builds the same two-file program with a
//! model file that makes it report, and runs it: the report proves that
//! umsan-cc compiled it with the model.
//!
//! cmake, meson and ninja come from Debian packages that
//! `scripts/bootstrap.sh` installs; a test prints `SKIP` without its tool
//! or before the pass plugin and runtime are built.

mod common;
use common::{have, Scratch, COPY_C, MAIN_C, MEMCPY_LIKE as MODELS};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const UMSAN_CC: &str = env!("CARGO_BIN_EXE_umsan-cc");
const UMSAN: &str = env!("CARGO_BIN_EXE_umsan");

/// `mycopy` moves the metadata of `src` (an uninitialized heap block):
/// the branch at main.c:9 must be reported.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn bin_dir() -> PathBuf {
    Path::new(UMSAN_CC).parent().unwrap().to_path_buf()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// The project sources in `<scratch>/src`, or `None` (after a SKIP notice)
/// when a tool is missing or umsan is not built.
fn setup(name: &str, tools: &[&str]) -> Option<Scratch> {
    let bin = bin_dir();
    if !bin.join("libumsan_pass.so").is_file() || !bin.join("libumsan_rt.a").is_file() {
        eprintln!("SKIP: the pass plugin or runtime is not built (run `cargo build --release`)");
        return None;
    }
    if let Some(t) = tools.iter().find(|t| !have(t)) {
        eprintln!("SKIP: {t} is not installed (scripts/bootstrap.sh installs it)");
        return None;
    }
    let s = Scratch::in_suite("buildsys", name);
    std::fs::create_dir_all(s.path("src")).unwrap();
    s.write("src/main.c", MAIN_C);
    s.write("src/copy.c", COPY_C);
    s.write("src/models.toml", MODELS);
    Some(s)
}

/// `program` with a private cache directory and no inherited umsan settings.
fn cmd(s: &Scratch, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(&s.0)
        .env("XDG_CACHE_HOME", s.path("cache"))
        .env_remove("UMSAN_CONFIG")
        .env_remove("UMSAN_CLANG")
        .env_remove("UMSAN_OPTIONS")
        .env_remove("CC")
        .env_remove("CXX")
        .env_remove("CFLAGS");
    c
}

fn ok(c: &mut Command) -> Output {
    let o = c.output().unwrap();
    assert!(o.status.success(), "{c:?}: {}", text(&o));
    o
}

/// Run the built program: it must report the branch in main.c.
fn check_report(s: &Scratch, exe: &Path) {
    let o = cmd(s, exe).output().unwrap();
    let t = text(&o);
    assert_eq!(o.status.code(), Some(77), "{t}");
    assert!(
        t.contains("SUMMARY: umsan: use-of-uninitialized-value") && t.contains("main.c:9:"),
        "{t}"
    );
}

#[test]
fn cmake_toolchain_file() {
    let Some(s) = setup("cmake", &["cmake", "ninja"]) else {
        return;
    };
    s.write(
        "src/CMakeLists.txt",
        "cmake_minimum_required(VERSION 3.18)\nproject(demo C)\nadd_executable(prog main.c copy.c)\n",
    );
    let toolchain = repo().join("cmake/umsan-toolchain.cmake");
    let models = s.path("src/models.toml");
    ok(cmd(&s, "cmake")
        .args(["-S", "src", "-B", "build", "-G", "Ninja"])
        .arg(format!("-DCMAKE_TOOLCHAIN_FILE={}", toolchain.display()))
        .arg(format!("-DUMSAN_BIN_DIR={}", bin_dir().display()))
        .arg(format!("-DUMSAN_FLAGS=-fumsan-config={}", models.display())));
    let o = ok(cmd(&s, "cmake").args(["--build", "build", "--verbose"]));
    let log = text(&o);
    let umsan_cc = bin_dir().join("umsan-cc").display().to_string();
    assert!(log.contains(&umsan_cc), "{log}");
    assert!(
        log.contains(&format!("-fumsan-config={}", models.display())),
        "{log}"
    );
    check_report(&s, &s.path("build/prog"));

    // No umsan-cc anywhere (a copy of the file away from any umsan build,
    // a PATH without umsan): a clear message.
    std::fs::copy(&toolchain, s.path("elsewhere.cmake")).unwrap();
    let o = cmd(&s, "cmake")
        .args(["-S", "src", "-B", "build2", "-G", "Ninja"])
        .arg(format!(
            "-DCMAKE_TOOLCHAIN_FILE={}",
            s.path("elsewhere.cmake").display()
        ))
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(text(&o).contains("umsan-cc not found"), "{}", text(&o));
}

#[test]
fn meson_native_file() {
    let Some(s) = setup("meson", &["meson", "ninja"]) else {
        return;
    };
    s.write(
        "src/meson.build",
        "project('demo', 'c')\nexecutable('prog', 'main.c', 'copy.c')\n",
    );
    // The project's own umsan flags, layered over the shipped file.
    s.write(
        "flags.ini",
        &format!(
            "[built-in options]\nc_args = ['-g', '-fumsan-config={}']\n",
            s.path("src/models.toml").display()
        ),
    );
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let native = repo().join("meson/umsan-native.ini");
    ok(cmd(&s, "meson")
        .env("PATH", &path)
        .args(["setup", "build", "src", "--native-file"])
        .arg(&native)
        .args(["--native-file", "flags.ini"]));
    let o = ok(cmd(&s, "meson")
        .env("PATH", &path)
        .args(["compile", "-C", "build", "--verbose"]));
    let log = text(&o);
    assert!(log.contains("umsan-cc"), "{log}");
    assert!(log.contains("-fumsan-config="), "{log}");
    check_report(&s, &s.path("build/prog"));
}

#[test]
fn makefile_with_umsan_flags() {
    let Some(s) = setup("make", &["make"]) else {
        return;
    };
    s.write(
        "src/Makefile",
        "UMSAN ?= umsan\n\
         CC := $(shell $(UMSAN) flags --cc)\n\
         CFLAGS += $(shell $(UMSAN) flags --cflags -fumsan-config=models.toml)\n\
         prog: main.o copy.o\n\
         \t$(CC) $(CFLAGS) -o $@ main.o copy.o\n",
    );
    let o = ok(cmd(&s, "make")
        .args(["-C", "src"])
        .arg(format!("UMSAN={UMSAN}")));
    let log = text(&o);
    // The config file reached the compiles as an absolute path.
    assert!(
        log.contains(&format!(
            "-fumsan-config={}",
            s.path("src/models.toml").display()
        )),
        "{log}"
    );
    assert!(
        log.contains(&bin_dir().join("umsan-cc").display().to_string()),
        "{log}"
    );
    check_report(&s, &s.path("src/prog"));
}
