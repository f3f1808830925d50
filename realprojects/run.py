#!/usr/bin/env python3
"""Real projects under umsan: Debian source packages built with their
upstream build systems three ways (native clang-19, umsan-cc, clang-19
-fsanitize=memory), their own test suites run with every report collected to
files, and one table of the results. See README.md beside this file.

    realprojects/run.py                  # every package of packages.toml
    realprojects/run.py zlib libpng1.6   # some
    realprojects/run.py --ci             # the CI sample (ci = true)

Exit status: 0 when, for every package, umsan built and its test suite
passed exactly as natively with no unclassified report; 1 otherwise; 2 for
bad input (an unknown package, a malformed packages.toml).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIGS = ("native", "umsan", "msan")
SUMMARY = re.compile(r"^SUMMARY: (umsan|MemorySanitizer): ([\w-]+) (\S+)(?: in (\S+))?", re.M)
KNOWN_KEYS = {"source", "build", "test", "passed", "failed", "total", "msan_build", "umsan_cflags", "timeout", "env",
              "true_report", "ci", "apt"}


class BadInput(Exception):
    pass


def load_packages(path):
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BadInput(f"{path}: {e}") from e
    pkgs = data.get("package")
    if not isinstance(pkgs, dict) or set(data) != {"package"}:
        raise BadInput(f"{path}: expected only [package.NAME] tables")
    for name, p in pkgs.items():
        unknown = set(p) - KNOWN_KEYS
        if unknown:
            raise BadInput(f"{path}: [package.{name}]: unknown key(s) {', '.join(sorted(unknown))}")
        for key in ("source", "build", "test"):
            if key not in p:
                raise BadInput(f"{path}: [package.{name}]: missing key '{key}'")
        if not isinstance(p["build"], list):
            raise BadInput(f"{path}: [package.{name}]: 'build' must be a list of commands")
        for key in ("passed", "failed", "total"):
            if key in p:
                try:
                    re.compile(p[key])
                except re.error as e:
                    raise BadInput(f"{path}: [package.{name}]: bad regex in '{key}': {e}") from e
        for t in p.get("true_report", []):
            if set(t) != {"at", "why"}:
                raise BadInput(f"{path}: [package.{name}]: true_report needs exactly 'at' and 'why'")
    return pkgs


def log(msg):
    print(f"[realprojects {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sh(cmd, cwd, env, out, timeout):
    """Runs a shell command, appending its output to `out`. Returns its exit
    status (124 on time-out). The command runs in its own process group,
    killed whole on time-out: a test program that `make` or `ctest` started
    must not outlive the cut."""
    with open(out, "a") as f:
        f.write(f"\n$ {cmd}\n")
        f.flush()
        proc = subprocess.Popen(["bash", "-c", cmd], cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            f.write(f"\n(timed out after {timeout} s)\n")
            return 124
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            raise


def ensure_deb_src():
    """Debian source lists: a copy of the Debian sources entry with
    `Types: deb-src` (then apt-get update), when none is enabled."""
    d = Path("/etc/apt/sources.list.d")
    for f in list(d.glob("*.sources")) + [Path("/etc/apt/sources.list")]:
        if f.exists() and re.search(r"^Types:.*deb-src|^deb-src ", f.read_text(), re.M):
            return
    src = d / "debian.sources"
    if not src.exists():
        raise BadInput("no Debian sources entry to copy (/etc/apt/sources.list.d/debian.sources)")
    text = re.sub(r"^Types: deb$", "Types: deb-src", src.read_text(), flags=re.M)
    (d / "umsan-deb-src.sources").write_text(text)
    subprocess.run(["apt-get", "update", "-q"], check=True, stdout=subprocess.DEVNULL)


def ensure_apt(packages):
    """Installs the Debian packages a build needs (autotools, CMake, ...)
    when they are missing."""
    missing = [p for p in packages if subprocess.run(["dpkg", "-s", p], stdout=subprocess.DEVNULL,
                                                     stderr=subprocess.DEVNULL).returncode != 0]
    if missing:
        log(f"installing {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True, env=env,
                       stdout=subprocess.DEVNULL)


def fetch_source(pkg, work):
    """The package's upstream source tree: the source package unpacked with
    `--skip-patches` (upstream as released, to be built with its own build
    system; an entry that needs one of Debian's patches applies it in its
    `build` commands, as `gmp` does), else the orig tarball."""
    dl = work / "src" / pkg["source"]
    tree = dl / "tree"
    if tree.exists():
        return tree
    dl.mkdir(parents=True, exist_ok=True)
    # The newest version first; an archive that lacks its files (a security
    # update the mirror does not carry) falls back to the next one.
    show = subprocess.run(["apt-cache", "showsrc", pkg["source"]], capture_output=True, text=True).stdout
    versions = sorted(set(re.findall(r"^Version: (\S+)", show, re.M)), reverse=True, key=debian_version_key)
    # A security update's orig tarball may be missing from the mirror's
    # security pool while the release's copy is there: `NAME/CODENAME`.
    release = re.search(r"^VERSION_CODENAME=(\S+)", Path("/etc/os-release").read_text(), re.M)
    specs = [pkg["source"]] + ([f"{pkg['source']}/{release.group(1)}"] if release else [])
    for spec in specs + [f"{pkg['source']}={v}" for v in versions]:
        for f in dl.iterdir():
            if f.is_file():
                f.unlink()
        if subprocess.run(["apt-get", "source", "--download-only", "-q", spec], cwd=dl,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            break
    dscs = sorted(dl.glob("*.dsc"))
    shutil.rmtree(dl / "x", ignore_errors=True)
    if dscs and subprocess.run(["dpkg-source", "-x", "--skip-patches", str(dscs[-1].resolve()), "x"], cwd=dl,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
        (dl / "x").rename(tree)
        return tree
    origs = sorted(f for f in dl.glob("*.orig.tar.*") if not f.name.endswith(".asc"))
    if not origs:
        raise RuntimeError(f"apt-get source {pkg['source']}: nothing downloaded")
    tmp = dl / "x"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    subprocess.run(["tar", "xf", str(origs[-1]), "-C", str(tmp)], check=True)
    inner = [p for p in tmp.iterdir()]
    (inner[0] if len(inner) == 1 and inner[0].is_dir() else tmp).rename(tree)
    return tree


def debian_version_key(v):
    """Orders Debian versions well enough to try the newest first."""
    return [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in re.split(r"(\d+)", v)]


def config_env(config, pkg, logdir):
    env = dict(os.environ)
    env.pop("UMSAN_OPTIONS", None)
    env.pop("MSAN_OPTIONS", None)
    cflags = "-g -O2"
    ldflags = ""
    if config == "native":
        cc, cxx = "clang-19", "clang++-19"
    elif config == "umsan":
        cc = str(ROOT / "target/release/umsan-cc")
        cxx = str(ROOT / "target/release/umsan-c++")
        env["UMSAN_OPTIONS"] = f"halt_on_error=0:log_path={logdir}/report"
        if pkg.get("umsan_cflags"):
            cflags += " " + pkg["umsan_cflags"]
    else:
        cc, cxx = "clang-19", "clang++-19"
        cflags += " -fsanitize=memory -fsanitize-recover=memory -fsanitize-memory-track-origins"
        ldflags = "-fsanitize=memory"
        env["MSAN_OPTIONS"] = f"halt_on_error=0:log_path={logdir}/report"
    env.update({"CC": cc, "CXX": cxx, "CFLAGS": cflags, "CXXFLAGS": cflags, "LDFLAGS": ldflags})
    # Test commands may use files of this repository (a workload script).
    env["UMSAN_REPO"] = str(ROOT)
    env["MSAN_BUILD_FLAGS"] = pkg.get("msan_build", "") if config == "msan" else ""
    env.update(pkg.get("env", {}))
    return env


def count(pattern, text):
    if not pattern:
        return None
    total = 0
    found = False
    for m in re.finditer(pattern, text, re.M):
        found = True
        g = next((x for x in m.groups() if x is not None), None) if m.groups() else None
        total += int(g) if g is not None else 1
    return total if found else 0


def collect_reports(logdir):
    """Distinct reports by kind and first-frame location: {key: count}."""
    reports = {}
    if not logdir.exists():
        return reports
    for f in logdir.iterdir():
        if not f.name.startswith("report"):
            continue
        # Line by line: a MemorySanitizer log over the uninstrumented
        # libstdc++ reaches gigabytes.
        with open(f, errors="replace") as lines:
            for line in lines:
                m = SUMMARY.match(line) if line.startswith("SUMMARY: ") else None
                if m:
                    key = f"{m.group(2)} {m.group(3)}" + (f" in {m.group(4)}" if m.group(4) else "")
                    reports[key] = reports.get(key, 0) + 1
    return reports


def run_config(name, pkg, config, tree, work, test_timeout=None):
    out = work / "build" / f"{name}-{config}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(tree, out, symlinks=True)
    logdir = work / "logs" / f"{name}-{config}"
    shutil.rmtree(logdir, ignore_errors=True)
    logdir.mkdir(parents=True)
    # Suites that must run as an unprivileged user (sqlite3's refuses root)
    # write their report files here too.
    logdir.chmod(0o1777)
    buildlog = logdir / "build.log"
    testlog = logdir / "test.log"
    env = config_env(config, pkg, logdir)
    timeout = pkg.get("timeout", 1800)
    res = {"config": config, "build_ok": False}
    started = time.time()
    # Reports printed while building (configure's test programs) are not the
    # test suite's: they are counted apart.
    build_env = dict(env)
    if config == "umsan":
        build_env["UMSAN_OPTIONS"] = f"halt_on_error=0:log_path={logdir}/build-report"
    elif config == "msan":
        build_env["MSAN_OPTIONS"] = f"halt_on_error=0:log_path={logdir}/build-report"
    for cmd in pkg["build"]:
        cmd = cmd.replace("{flags}", env["MSAN_BUILD_FLAGS"])
        if sh(cmd, out, build_env, buildlog, timeout) != 0:
            res["build_seconds"] = round(time.time() - started, 1)
            return res
    res["build_ok"] = True
    res["build_seconds"] = round(time.time() - started, 1)
    started = time.time()
    res["test_timeout"] = test_timeout or timeout
    status = sh(pkg["test"], out, env, testlog, res["test_timeout"])
    res["test_seconds"] = round(time.time() - started, 1)
    res["test_status"] = status
    text = testlog.read_text(errors="replace")
    passed, failed, total = (count(pkg.get(k), text) for k in ("passed", "failed", "total"))
    if passed is None and total is not None and failed is not None:
        passed = total - failed
    res["passed"], res["failed"] = passed, failed
    res["reports"] = collect_reports(logdir)
    return res


def classify(pkg, reports):
    """umsan reports: those listed as true_report (real bugs) and the rest."""
    true_at = [t["at"] for t in pkg.get("true_report", [])]
    true, unexplained = {}, {}
    for key, n in reports.items():
        (true if any(at in key for at in true_at) else unexplained)[key] = n
    return true, unexplained


def verdict(row):
    nat, um = row["configs"].get("native"), row["configs"].get("umsan")
    if not um or not um["build_ok"]:
        return "umsan build failed"
    if nat and nat["build_ok"]:
        same = (um.get("test_status") == 0) == (nat.get("test_status") == 0) and um.get("passed") == nat.get(
            "passed") and um.get("failed") == nat.get("failed")
        if not same:
            return "tests differ from native"
    if row["false"]:
        return "unexplained reports"
    return "ok"


def fmt_tests(r):
    if not r:
        return "–"
    if not r["build_ok"]:
        return "build failed"
    if r.get("passed") is not None:
        s = f"{r['passed']} passed"
        if r.get("failed"):
            s += f", {r['failed']} failed"
        return s + ("" if r["test_status"] == 0 else f" ({fmt_status(r)})")
    return "exit 0" if r["test_status"] == 0 else fmt_status(r)


def fmt_status(r):
    if r["test_status"] == 124:
        return f"cut after {r['test_timeout']} s"
    return f"exit {r['test_status']}"


def fmt_reports(r):
    if not r or not r["build_ok"]:
        return "–"
    reps = r.get("reports", {})
    return f"{sum(reps.values())} at {len(reps)}" if reps else "0"


def write_results(rows, args, work):
    """The JSON (with --json) and the Markdown table of the rows so far;
    returns the Markdown file's path."""
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")
    md = Path(args.markdown) if args.markdown else work / "results.md"
    md.parent.mkdir(parents=True, exist_ok=True)
    write_markdown(rows, md)
    return md


def write_markdown(rows, path):
    lines = ["| package | native tests | umsan tests | umsan reports (total at distinct) | true | unexplained | "
             "MSan tests | MSan reports | verdict |", "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        c = row["configs"]
        lines.append(f"| {row['package']} | {fmt_tests(c.get('native'))} | {fmt_tests(c.get('umsan'))} | "
                     f"{fmt_reports(c.get('umsan'))} | {len(row['true'])} | {len(row['false'])} | "
                     f"{fmt_tests(c.get('msan'))} | {fmt_reports(c.get('msan'))} | {row['verdict']} |")
    details = []
    for row in rows:
        for title, d in (("unexplained umsan reports", row["false"]), ("true umsan reports", row["true"])):
            if d:
                details.append(f"\n{row['package']}, {title}:\n")
                details += [f"- {n}× `{k}`" for k, n in sorted(d.items())]
        msan = row["configs"].get("msan", {}).get("reports", {})
        um = row["configs"].get("umsan", {}).get("reports", {})
        if msan and not um:
            details.append(f"\n{row['package']}: MSan reports where umsan has none ({len(msan)} distinct):\n")
            details += [f"- {n}× `{k}`" for k, n in sorted(msan.items())[:20]]
    path.write_text("\n".join(lines + details) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("packages", nargs="*", help="package names (default: all)")
    ap.add_argument("--ci", action="store_true", help="only the packages marked ci = true")
    ap.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated subset of native,umsan,msan")
    ap.add_argument("--list", default=str(HERE / "packages.toml"), help="the package list (TOML)")
    ap.add_argument("--work", default=str(ROOT / "target/realprojects"), help="sources, builds and logs")
    ap.add_argument("--test-timeout", type=int, metavar="SECONDS",
                    help="cut each test suite after this long (default: the package's timeout)")
    ap.add_argument("--json", help="write the results as JSON here")
    ap.add_argument("--markdown", help="write the results table (Markdown) here")
    args = ap.parse_args()
    # Killed (SIGTERM, SIGHUP) as when interrupted: `sh` then kills the
    # running build or test suite's process group instead of leaving it
    # running without the harness.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, _frame: sys.exit(128 + signum))
    try:
        pkgs = load_packages(Path(args.list))
        configs = args.configs.split(",")
        bad = [c for c in configs if c not in CONFIGS]
        if bad:
            raise BadInput(f"--configs: unknown configuration(s) {', '.join(bad)} (known: {', '.join(CONFIGS)})")
        names = args.packages or [n for n, p in pkgs.items() if p.get("ci") or not args.ci]
        unknown = [n for n in names if n not in pkgs]
        if unknown:
            raise BadInput(f"unknown package(s) {', '.join(unknown)} (not in {args.list})")
        if args.test_timeout is not None and args.test_timeout <= 0:
            raise BadInput(f"--test-timeout: must be a positive number of seconds, not {args.test_timeout}")
        ensure_deb_src()
    except BadInput as e:
        print(f"realprojects: error: {e}", file=sys.stderr)
        return 2
    if "umsan" in configs and not (ROOT / "target/release/umsan-cc").exists():
        print("realprojects: error: run `cargo build --release` first", file=sys.stderr)
        return 2
    work = Path(args.work)
    rows = []
    for name in names:
        pkg = pkgs[name]
        log(f"{name}: fetching {pkg['source']}")
        try:
            ensure_apt(pkg.get("apt", []))
            tree = fetch_source(pkg, work)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            rows.append({"package": name, "configs": {}, "true": {}, "false": {}, "verdict": f"fetch failed: {e}"})
            continue
        row = {"package": name, "configs": {}}
        for config in configs:
            log(f"{name}: {config}")
            r = run_config(name, pkg, config, tree, work, args.test_timeout)
            row["configs"][config] = r
            log(f"{name}: {config}: {fmt_tests(r)}, reports {fmt_reports(r)}")
        row["true"], row["false"] = classify(pkg, row["configs"].get("umsan", {}).get("reports", {}))
        row["verdict"] = verdict(row)
        log(f"{name}: {row['verdict']}")
        rows.append(row)
        # After every package, so a run cut short keeps what it finished.
        write_results(rows, args, work)
    md = write_results(rows, args, work)
    print(md.read_text())
    ok = all(r["verdict"] == "ok" for r in rows)
    print(f"{sum(r['verdict'] == 'ok' for r in rows)} passed, {sum(r['verdict'] != 'ok' for r in rows)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
