//! `CC="distcc umsan-cc"` against distcc daemons on loopback, started and
//! stopped by the test: remote compiles get the models from the
//! preprocessed file (the model file is named by a *relative* path, and by
//! `UMSAN_CONFIG`, neither of which the remote side has), produce objects
//! byte-identical to local compiles and programs with the same reports; a
//! daemon whose umsan has another pass plugin refuses with a clear error.
//!
//! distcc comes from the Debian package that `scripts/bootstrap.sh`
//! installs; the test prints `SKIP` without it or before the pass plugin and
//! runtime are built. Daemons listen on 127.0.0.1 only.

mod common;
use common::{have, Scratch, COPY_C, MAIN_C, MEMCPY_LIKE as MODELS};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const UMSAN_CC: &str = env!("CARGO_BIN_EXE_umsan-cc");

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// An umsan installation in `dir`: umsan-cc and the runtime hard-linked,
/// the plugin copied (with `extra` bytes appended: another build).
fn install(dir: &Path, extra: &str) {
    let built = Path::new(UMSAN_CC).parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for name in ["umsan-cc", "libumsan_rt.a"] {
        if std::fs::hard_link(built.join(name), dir.join(name)).is_err() {
            std::fs::copy(built.join(name), dir.join(name)).unwrap();
        }
    }
    let mut plugin = std::fs::read(built.join("libumsan_pass.so")).unwrap();
    plugin.extend_from_slice(extra.as_bytes());
    std::fs::write(dir.join("libumsan_pass.so"), plugin).unwrap();
}

fn world_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
}

/// A distccd on 127.0.0.1 in its own process group, whose `umsan-cc` is
/// the one in `bin`; stopped (the whole group) on drop.
struct Daemon {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Daemon {
    fn start(s: &Scratch, name: &str, bin: &Path) -> Daemon {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = s.path(&format!("{name}.log"));
        // The daemon may run as another user (distcc, when started as root):
        // it gets a cache directory of its own that it can write.
        let cache = s.path(&format!("{name}-cache"));
        world_writable(&cache);
        let child = Command::new("distccd")
            .args(["--daemon", "--no-detach", "--listen", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .args([
                "--allow",
                "127.0.0.1",
                "--enable-tcp-insecure",
                "--jobs",
                "2",
            ])
            .args(["--log-stderr", "--log-level", "info"])
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("XDG_CACHE_HOME", &cache)
            .env_remove("UMSAN_CONFIG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .process_group(0)
            .spawn()
            .unwrap();
        // Wait until it accepts connections.
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Daemon { child, port, log }
    }

    fn jobs_ok(&self) -> usize {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .matches("COMPILE_OK")
            .count()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let _ = self.child.wait();
    }
}

struct Setup {
    s: Scratch,
    bin: PathBuf,
}

impl Setup {
    fn cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.current_dir(self.s.path("src"))
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    self.bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("XDG_CACHE_HOME", self.s.path("cache"))
            .env("DISTCC_DIR", self.s.path("distcc"))
            .env_remove("UMSAN_CONFIG")
            .env_remove("UMSAN_OPTIONS")
            .env_remove("DISTCC_HOSTS")
            .env_remove("DISTCC_VERBOSE");
        c
    }

    /// Compile `src` into `out` through distcc on `hosts` (never locally).
    fn distcc(
        &self,
        hosts: &str,
        flags: &[&str],
        env: &[(&str, &str)],
        src: &str,
        out: &str,
    ) -> Output {
        self.cmd("distcc")
            .env("DISTCC_HOSTS", hosts)
            .env("DISTCC_SKIP_LOCAL_RETRY", "1")
            .env("DISTCC_FALLBACK", "0")
            .envs(env.iter().copied())
            .arg("umsan-cc")
            .args(flags)
            .args(["-c", src, "-o", out])
            .output()
            .unwrap()
    }

    fn local(&self, flags: &[&str], env: &[(&str, &str)], src: &str, out: &str) {
        let o = self
            .cmd("umsan-cc")
            .envs(env.iter().copied())
            .args(flags)
            .args(["-c", src, "-o", out])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o));
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.s.path("src").join(name)).unwrap()
    }

    /// Link and run; the report with PIDs and addresses masked.
    fn report(&self, objs: &[&str], exe: &str) -> String {
        let o = self
            .cmd("umsan-cc")
            .args(objs)
            .args(["-o", exe])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o));
        let o = self.cmd(self.s.path("src").join(exe)).output().unwrap();
        assert_eq!(o.status.code(), Some(77), "{}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("SUMMARY: umsan: use-of-uninitialized-value"),
            "{err}"
        );
        err.split_whitespace()
            .map(|w| {
                if w.starts_with("0x") {
                    "ADDR"
                } else if w.starts_with("==") {
                    "==PID=="
                } else if w.contains(".so") || w.contains('+') {
                    "MODULE"
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[test]
fn distcc_with_loopback_daemons() {
    let built = Path::new(UMSAN_CC).parent().unwrap();
    if !built.join("libumsan_pass.so").is_file() || !built.join("libumsan_rt.a").is_file() {
        eprintln!("SKIP: the pass plugin or runtime is not built (run `cargo build --release`)");
        return;
    }
    if !have("distcc") || !have("distccd") {
        eprintln!("SKIP: distcc is not installed (scripts/bootstrap.sh installs it)");
        return;
    }
    let s = Scratch::in_suite("distcc", "loopback");
    std::fs::create_dir_all(s.path("src")).unwrap();
    s.write("src/main.c", MAIN_C);
    s.write("src/copy.c", COPY_C);
    s.write("src/models.toml", MODELS);
    // Everything here must be readable by the daemons' user.
    world_writable(&s.0);
    let bin = s.path("bin");
    install(&bin, "");
    let other = s.path("other-bin");
    install(&other, "\0another umsan build");
    std::fs::create_dir_all(s.path("distcc")).unwrap();
    let setup = Setup { s, bin };

    let d1 = Daemon::start(&setup.s, "d1", &setup.bin);
    let d2 = Daemon::start(&setup.s, "d2", &setup.bin);
    let hosts = format!("127.0.0.1:{}/2 127.0.0.1:{}/2", d1.port, d2.port);

    // Model by relative path (the remote's temporary directory has no
    // models.toml) and by UMSAN_CONFIG (the remote gets no environment).
    let by_flag: (&[&str], &[(&str, &str)]) = (&["-fumsan-config=models.toml"], &[]);
    let by_env: (&[&str], &[(&str, &str)]) = (&[], &[("UMSAN_CONFIG", "models.toml")]);
    let mut n = 0;
    for (how, (cfg, env)) in [("-fumsan-config", by_flag), ("UMSAN_CONFIG", by_env)] {
        for opt in [
            &["-O2"][..],
            &["-O1", "-gdwarf-4"],
            &["-O0", "-g", "-fno-umsan-track-origins"],
        ] {
            let flags: Vec<&str> = opt.iter().chain(cfg.iter()).copied().collect();
            for src in ["main.c", "copy.c"] {
                let base = src.trim_end_matches(".c");
                let (remote, local) = (format!("{base}.remote.o"), format!("{base}.local.o"));
                let o = setup.distcc(&hosts, &flags, env, src, &remote);
                assert!(o.status.success(), "{how} {flags:?} {src}: {}", text(&o));
                n += 1;
                setup.local(&flags, env, src, &local);
                let (mut r, mut l) = (setup.read(&remote), setup.read(&local));
                if opt.contains(&"-g") {
                    // DWARF 5: a local compile's line table has the
                    // sources' MD5s, which a compile of a preprocessed file
                    // cannot know (the same with plain clang under distcc).
                    // Compare copies without debug info (with -gdwarf-4,
                    // above, the whole objects are), and the reports below.
                    let strip = |o: &str| {
                        let copy = format!("{o}.cmp");
                        let st = setup
                            .cmd("objcopy")
                            .args(["--strip-debug", o, &copy])
                            .output()
                            .unwrap();
                        assert!(st.status.success(), "{}", text(&st));
                        setup.read(&copy)
                    };
                    (r, l) = (strip(&remote), strip(&local));
                }
                assert!(
                    r == l,
                    "{how} {flags:?} {src}: the remote object differs from the local one"
                );
            }
            let remote = setup.report(&["main.remote.o", "copy.remote.o"], "prog.remote");
            let local = setup.report(&["main.local.o", "copy.local.o"], "prog.local");
            assert_eq!(remote, local, "{how} {flags:?}: reports differ");
        }
    }
    assert_eq!(
        d1.jobs_ok() + d2.jobs_ok(),
        n,
        "every compile ran on a daemon"
    );

    // Reports name the local file with the local line, also with -g from
    // a remote compile (debug info records the local directory).
    let o = setup.distcc(
        &hosts,
        &["-g", "-O1", "-fumsan-config=models.toml"],
        &[],
        "main.c",
        "main.g.o",
    );
    assert!(o.status.success(), "{}", text(&o));
    setup.local(&["-g"], &[], "copy.c", "copy.g.o");
    let r = setup.report(&["main.g.o", "copy.g.o"], "prog.g");
    let main_c = setup.s.path("src/main.c").display().to_string();
    assert!(r.contains(&format!("{main_c}:9:")), "{r}");

    // A daemon whose umsan has another plugin: a clear error, no object.
    let bad = Daemon::start(&setup.s, "bad", &other);
    let o = setup.distcc(
        &format!("127.0.0.1:{}/2", bad.port),
        &["-O2", "-fumsan-config=models.toml"],
        &[],
        "main.c",
        "bad.o",
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("install the same umsan build on every host"),
        "{}",
        text(&o)
    );
    assert!(!setup.s.path("src/bad.o").exists());
}
