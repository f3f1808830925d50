//! `umsan-cc` under real compiler caches: ccache (direct, preprocessor and
//! depend mode) and sccache. Each scenario compiles the same source through
//! the cache as the configuration changes and checks, at every step, that
//! the cache hit or missed as it must, that the object it produced is
//! byte-identical to one `umsan-cc` builds without the cache (a stale object
//! is never returned), and that the program reports exactly when the model
//! says the copied bytes are uninitialized.
//!
//! The caches come from Debian packages that `scripts/bootstrap.sh`
//! installs; a test prints `SKIP` when its cache is not installed, or when
//! the pass plugin and runtime are not built yet.

mod common;
use common::{have, Scratch, COPY_C, COPY_IN, MAIN_C, MEMCPY_LIKE};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const UMSAN_CC: &str = env!("CARGO_BIN_EXE_umsan-cc");

/// A private installation: `umsan-cc`, the runtime and a *copy* of the
/// plugin (so that the test can "rebuild" it) in `<scratch>/bin/`, plus the
/// sources. `None` (after a SKIP notice) when the plugin or runtime is not
/// built.
struct Setup {
    dir: Scratch,
    umsan_cc: PathBuf,
    plugin: PathBuf,
}

impl Setup {
    fn new(name: &str) -> Option<Setup> {
        let built = Path::new(UMSAN_CC).parent().unwrap();
        let (plugin, runtime) = (built.join("libumsan_pass.so"), built.join("libumsan_rt.a"));
        if !plugin.is_file() || !runtime.is_file() {
            eprintln!(
                "SKIP: the pass plugin or runtime is not built (run `cargo build --release`)"
            );
            return None;
        }
        let dir = Scratch::in_suite("caches", name);
        let bin = dir.path("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let umsan_cc = bin.join("umsan-cc");
        // Hard links where the file is not modified (a copy's write
        // descriptor could leak into a concurrent test's child: ETXTBSY).
        for (from, to) in [
            (Path::new(UMSAN_CC), &umsan_cc),
            (&runtime, &bin.join("libumsan_rt.a")),
        ] {
            if std::fs::hard_link(from, to).is_err() {
                std::fs::copy(from, to).unwrap();
            }
        }
        let my_plugin = bin.join("libumsan_pass.so");
        std::fs::copy(&plugin, &my_plugin).unwrap();
        dir.write("main.c", MAIN_C);
        dir.write("copy.c", COPY_C);
        dir.write("models.toml", COPY_IN);
        std::fs::create_dir_all(dir.path("cache")).unwrap();
        Some(Setup {
            dir,
            umsan_cc,
            plugin: my_plugin,
        })
    }

    /// `program args…` in the scratch directory with a clean environment:
    /// a private `XDG_CACHE_HOME`, no umsan or cache settings inherited.
    fn cmd(&self, program: &Path) -> Command {
        let mut c = Command::new(program);
        c.current_dir(&self.dir.0)
            .env("XDG_CACHE_HOME", self.dir.path("cache"))
            .env_remove("UMSAN_CONFIG")
            .env_remove("UMSAN_CLANG")
            .env_remove("UMSAN_OPTIONS");
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy();
            if k.starts_with("CCACHE_") || k.starts_with("SCCACHE_") {
                c.env_remove(k.as_ref());
            }
        }
        c
    }

    /// Compile `main.c` with `umsan-cc` directly into `ref.o`.
    fn reference(&self, flags: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
        let out = self
            .cmd(&self.umsan_cc)
            .args(["-g", "-O1", "-c", "main.c", "-o", "ref.o"])
            .args(flags)
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success(), "reference compile: {}", text(&out));
        std::fs::read(self.dir.path("ref.o")).unwrap()
    }

    /// Link `main.o` with `copy.c` (compiled without models) and run it:
    /// does it report?
    fn reports(&self) -> bool {
        let out = self
            .cmd(&self.umsan_cc)
            .args(["-g", "-c", "copy.c", "-o", "copy.o"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let out = self
            .cmd(&self.umsan_cc)
            .args(["main.o", "copy.o", "-o", "prog"])
            .output()
            .unwrap();
        assert!(out.status.success(), "link: {}", text(&out));
        let out = self.cmd(&self.dir.path("prog")).output().unwrap();
        match out.status.code() {
            Some(0) => {
                assert!(!text(&out).contains("umsan:"), "{}", text(&out));
                false
            }
            Some(77) => {
                let t = text(&out);
                assert!(
                    t.contains("SUMMARY: umsan: use-of-uninitialized-value"),
                    "{t}"
                );
                assert!(t.contains("main.c:9:"), "{t}");
                true
            }
            _ => panic!("unexpected outcome: {}", text(&out)),
        }
    }

    /// "Rebuild" the plugin: different bytes, same behaviour (appended
    /// bytes are not part of any ELF segment).
    fn rebuild_plugin(&self, stamp: &str) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&self.plugin)
            .unwrap();
        f.write_all(format!("\0umsan-test-rebuild-{stamp}").as_bytes())
            .unwrap();
    }
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// What a cached compile must have done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Miss,
    /// A hit of any kind.
    Hit,
    /// A hit in ccache's direct mode.
    DirectHit,
}

/// One cached compile of `main.c` with extra flags and environment.
type Compile<'a> = dyn FnMut(&[&str], &[(&str, &str)]) -> Expect + 'a;

/// One configuration step: compile `main.o` through the cache with `flags`
/// and `env`, check the outcome and the object, and whether it reports.
struct Step<'a> {
    what: &'a str,
    flags: &'a [&'a str],
    env: &'a [(&'a str, &'a str)],
    expect: Expect,
    reports: bool,
}

/// The scenario every cache goes through. `compile` runs one cached compile
/// of `main.c` into `main.o` (`-g -O1 -c main.c -o main.o` plus the flags)
/// and returns what happened (as [`Expect`], where a direct hit is
/// reported as such when the cache can tell). `direct`: the third identical
/// compile must be a direct hit. `settle`: after each miss, compile once
/// more before expecting a hit (ccache's depend mode does not record a
/// compile whose include files — here the new configuration header — were
/// created after it started, and has no preprocessor mode to fall back on).
fn scenario(s: &Setup, compile: &mut Compile, direct: bool, settle: bool) {
    let models = s.dir.path("models.toml");
    let cfg = "-fumsan-config=models.toml";
    let check = |step: &Step, got: Expect| {
        let ok = match step.expect {
            Expect::Hit => matches!(got, Expect::Hit | Expect::DirectHit),
            e => got == e,
        };
        assert!(ok, "{}: expected {:?}, got {got:?}", step.what, step.expect);
        let main = std::fs::read(s.dir.path("main.o")).unwrap();
        assert!(
            main == s.reference(step.flags, step.env),
            "{}: the cached object differs from a fresh compile (stale object)",
            step.what
        );
        assert_eq!(s.reports(), step.reports, "{}: report", step.what);
    };
    let mut run = |step: Step| {
        let got = compile(step.flags, step.env);
        check(&step, got);
        if settle && step.expect == Expect::Miss {
            compile(step.flags, step.env);
            check(
                &Step {
                    expect: Expect::Hit,
                    ..step
                },
                Expect::Hit,
            );
        }
    };

    run(Step {
        what: "first build (copy_in)",
        flags: &[cfg],
        env: &[],
        expect: Expect::Miss,
        reports: false,
    });
    run(Step {
        what: "unchanged rebuild",
        flags: &[cfg],
        env: &[],
        expect: Expect::Hit,
        reports: false,
    });
    let again = if direct {
        Expect::DirectHit
    } else {
        Expect::Hit
    };
    run(Step {
        what: "unchanged rebuild (again)",
        flags: &[cfg],
        env: &[],
        expect: again,
        reports: false,
    });

    std::fs::write(&models, MEMCPY_LIKE).unwrap();
    run(Step {
        what: "model file edited to memcpy_like",
        flags: &[cfg],
        env: &[],
        expect: Expect::Miss,
        reports: true,
    });
    run(Step {
        what: "unchanged rebuild after the edit",
        flags: &[cfg],
        env: &[],
        expect: Expect::Hit,
        reports: true,
    });

    let no_origins = [cfg, "-fno-umsan-track-origins"];
    run(Step {
        what: "-fno-umsan-track-origins",
        flags: &no_origins,
        env: &[],
        expect: Expect::Miss,
        reports: true,
    });
    let no_recover = [cfg, "-fno-umsan-recover"];
    run(Step {
        what: "-fno-umsan-recover",
        flags: &no_recover,
        env: &[],
        expect: Expect::Miss,
        reports: true,
    });

    std::fs::write(&models, COPY_IN).unwrap();
    run(Step {
        what: "model file edited back to copy_in",
        flags: &[cfg],
        env: &[],
        expect: Expect::Hit,
        reports: false,
    });

    s.rebuild_plugin("1");
    run(Step {
        what: "plugin rebuilt",
        flags: &[cfg],
        env: &[],
        expect: Expect::Miss,
        reports: false,
    });
    run(Step {
        what: "unchanged rebuild after the plugin",
        flags: &[cfg],
        env: &[],
        expect: Expect::Hit,
        reports: false,
    });

    // Models named by the environment.
    s.dir.write("a.toml", COPY_IN);
    s.dir.write("b.toml", MEMCPY_LIKE);
    run(Step {
        what: "UMSAN_CONFIG=a.toml",
        flags: &[],
        env: &[("UMSAN_CONFIG", "a.toml")],
        expect: Expect::Miss,
        reports: false,
    });
    run(Step {
        what: "UMSAN_CONFIG=b.toml",
        flags: &[],
        env: &[("UMSAN_CONFIG", "b.toml")],
        expect: Expect::Miss,
        reports: true,
    });
    run(Step {
        what: "UMSAN_CONFIG=a.toml again",
        flags: &[],
        env: &[("UMSAN_CONFIG", "a.toml")],
        expect: Expect::Hit,
        reports: false,
    });
    // (Not b.toml's contents: the same contents would rightly hit.)
    std::fs::write(s.dir.path("a.toml"), format!("# edited\n{MEMCPY_LIKE}")).unwrap();
    run(Step {
        what: "UMSAN_CONFIG's file edited",
        flags: &[],
        env: &[("UMSAN_CONFIG", "a.toml")],
        expect: Expect::Miss,
        reports: true,
    });
}

/// ccache's counters.
fn ccache_stats(
    s: &Setup,
    ccache_env: &[(&str, String)],
) -> std::collections::HashMap<String, u64> {
    let out = s
        .cmd(Path::new("ccache"))
        .arg("--print-stats")
        .envs(ccache_env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k.to_owned(), v.trim().parse().ok()?))
        })
        .collect()
}

fn ccache_scenario(name: &str, mode: &[(&str, &str)], extra_flags: &[&str]) {
    if !have("ccache") {
        eprintln!("SKIP: ccache is not installed (scripts/bootstrap.sh installs it)");
        return;
    }
    let Some(s) = Setup::new(name) else { return };
    let conf = s.dir.write("ccache.conf", "");
    let mut env: Vec<(&str, String)> = vec![
        ("CCACHE_DIR", s.dir.path("ccache").display().to_string()),
        ("CCACHE_CONFIGPATH", conf.display().to_string()),
        // umsan's documented setting: the environment (UMSAN_CONFIG) and
        // umsan-cc, the plugin and clang themselves.
        (
            "CCACHE_COMPILERCHECK",
            "%compiler% --umsan-cache-key".to_owned(),
        ),
    ];
    env.extend(mode.iter().map(|(k, v)| (*k, v.to_string())));
    let direct = !mode.iter().any(|(k, _)| *k == "CCACHE_NODIRECT");
    let settle = mode.iter().any(|(k, _)| *k == "CCACHE_DEPEND");
    let umsan_cc = s.umsan_cc.clone();
    let mut compile = |flags: &[&str], step_env: &[(&str, &str)]| {
        let zero = s
            .cmd(Path::new("ccache"))
            .arg("-z")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .output()
            .unwrap();
        assert!(zero.status.success(), "{}", text(&zero));
        let out = s
            .cmd(Path::new("ccache"))
            .arg(&umsan_cc)
            .args(["-g", "-O1", "-c", "main.c", "-o", "main.o"])
            .args(extra_flags)
            .args(flags)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .envs(step_env.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success(), "ccache umsan-cc: {}", text(&out));
        let st = ccache_stats(&s, &env);
        let get = |k: &str| st.get(k).copied().unwrap_or(0);
        let (dh, ph, miss) = (
            get("direct_cache_hit"),
            get("preprocessed_cache_hit"),
            get("cache_miss"),
        );
        assert_eq!(dh + ph + miss, 1, "one cacheable compile: {st:?}");
        if dh == 1 {
            Expect::DirectHit
        } else if ph == 1 {
            Expect::Hit
        } else {
            Expect::Miss
        }
    };
    scenario(&s, &mut compile, direct, settle);
}

#[test]
fn ccache_direct_mode() {
    ccache_scenario("direct", &[], &[]);
}

#[test]
fn ccache_preprocessor_mode() {
    ccache_scenario("cpp", &[("CCACHE_NODIRECT", "1")], &[]);
}

#[test]
fn ccache_depend_mode() {
    ccache_scenario("depend", &[("CCACHE_DEPEND", "1")], &["-MD"]);
}

/// Without `CCACHE_COMPILERCHECK` (ccache's defaults), everything given on
/// the command line is still seen: model file contents and the plugin.
#[test]
fn ccache_defaults_see_model_files_and_plugin() {
    if !have("ccache") {
        eprintln!("SKIP: ccache is not installed (scripts/bootstrap.sh installs it)");
        return;
    }
    let Some(s) = Setup::new("defaults") else {
        return;
    };
    let conf = s.dir.write("ccache.conf", "");
    let env = [
        ("CCACHE_DIR", s.dir.path("ccache")),
        ("CCACHE_CONFIGPATH", conf),
    ];
    let compile = || {
        let out = s
            .cmd(Path::new("ccache"))
            .arg(&s.umsan_cc)
            .args([
                "-g",
                "-O1",
                "-c",
                "main.c",
                "-o",
                "main.o",
                "-fumsan-config=models.toml",
            ])
            .envs(env.iter().map(|(k, v)| (k, v)))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
    };
    compile();
    compile();
    assert!(!s.reports());
    std::fs::write(s.dir.path("models.toml"), MEMCPY_LIKE).unwrap();
    compile();
    assert!(s.reports(), "stale object after editing the model file");
    s.rebuild_plugin("d");
    compile();
    assert_eq!(
        std::fs::read(s.dir.path("main.o")).unwrap(),
        s.reference(&["-fumsan-config=models.toml"], &[])
    );
}

/// A running sccache server, stopped on drop.
struct Sccache<'a> {
    s: &'a Setup,
    env: Vec<(&'static str, String)>,
}

impl<'a> Sccache<'a> {
    fn start(s: &'a Setup) -> Sccache<'a> {
        // A free loopback port (sccache listens on 127.0.0.1).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let env = vec![
            ("SCCACHE_DIR", s.dir.path("sccache").display().to_string()),
            (
                "SCCACHE_CONF",
                s.dir.path("sccache.conf").display().to_string(),
            ),
            ("SCCACHE_SERVER_PORT", port.to_string()),
            ("SCCACHE_IDLE_TIMEOUT", "0".to_owned()),
        ];
        let sc = Sccache { s, env };
        let out = sc.cmd().arg("--start-server").output().unwrap();
        assert!(
            out.status.success(),
            "sccache --start-server: {}",
            text(&out)
        );
        sc
    }

    fn cmd(&self) -> Command {
        let mut c = self.s.cmd(Path::new("sccache"));
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        c
    }

    /// (hits, misses) so far.
    fn stats(&self) -> (u64, u64) {
        let out = self
            .cmd()
            .args(["--show-stats", "--stats-format=json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let sum = |k: &str| {
            v["stats"][k]["counts"]
                .as_object()
                .map(|m| m.values().filter_map(|n| n.as_u64()).sum())
                .unwrap_or(0)
        };
        (sum("cache_hits"), sum("cache_misses"))
    }
}

impl Drop for Sccache<'_> {
    fn drop(&mut self) {
        let _ = self.cmd().arg("--stop-server").output();
    }
}

#[test]
fn sccache() {
    if !have("sccache") {
        eprintln!("SKIP: sccache is not installed (scripts/bootstrap.sh installs it)");
        return;
    }
    let Some(s) = Setup::new("sccache") else {
        return;
    };
    let server = Sccache::start(&s);
    let mut compile = |flags: &[&str], step_env: &[(&str, &str)]| {
        let (h0, m0) = server.stats();
        let out = server
            .cmd()
            .arg(&s.umsan_cc)
            .args(["-g", "-O1", "-c", "main.c", "-o", "main.o"])
            .args(flags)
            .envs(step_env.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success(), "sccache umsan-cc: {}", text(&out));
        let (h1, m1) = server.stats();
        match (h1 - h0, m1 - m0) {
            (1, 0) => Expect::Hit,
            (0, 1) => Expect::Miss,
            d => panic!("not one cacheable compile: {d:?}"),
        }
    };
    scenario(&s, &mut compile, false, false);
}

#[test]
fn cache_key_flag() {
    let Some(s) = Setup::new("key") else { return };
    let key = |env: &[(&str, &str)]| {
        let out = s
            .cmd(&s.umsan_cc)
            .arg("--umsan-cache-key")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let k0 = key(&[]);
    assert!(k0.starts_with("umsan-cc "), "{k0}");
    assert_eq!(key(&[]), k0);
    assert_ne!(key(&[("UMSAN_CONFIG", "models.toml")]), k0);
    s.rebuild_plugin("k");
    assert_ne!(key(&[]), k0);
    let out = s
        .cmd(&s.umsan_cc)
        .args(["--umsan-cache-key", "-c", "main.c"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("--umsan-cache-key takes no other arguments"),
        "{}",
        text(&out)
    );
    let out = s
        .cmd(&s.umsan_cc)
        .arg("--umsan-cache-key")
        .env("UMSAN_CONFIG", "nope.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("nope.toml"), "{}", text(&out));
}
