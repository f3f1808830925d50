#!/usr/bin/env python3
"""umsan benchmark suite.

Builds real C code (SQLite, zlib, zstd, Lua; fetched with `cargo fetch` into
the cargo registry, never committed) plus our own drivers in several
configurations and runs them side by side:

    native           clang-19 -O2
    msan             clang-19 -O2 -fsanitize=memory
    msan-origins     clang-19 -O2 -fsanitize=memory -fsanitize-memory-track-origins
    umsan-noorigins  umsan-cc -O2 -fno-umsan-track-origins
    umsan            umsan-cc -O2                 (origins on, the default)
    msan-recover     msan + -fsanitize-recover=memory -fno-sanitize-memory-param-retval
    msan-recover-origins   the same with origins   (umsan's default semantics)
    umsan-eager      umsan-cc -O2 -fno-umsan-track-origins -fumsan-eager-checks
                                                  (MSan's default semantics)
    umsan-nolocals   umsan-cc -O2 -fno-umsan-uninit-locals (only when named)
    valgrind         valgrind memcheck on the native build (smaller inputs)

Prints median CPU (user+sys) and wall times over --reps runs, slowdown
against native, geometric means, umsan/MSan ratios, the metamove per-MiB
numbers, compile time of sqlite3.c, and binary sizes. Every
configuration's output must be identical; a mismatch, a non-zero exit status
or a sanitizer report is an error (printed, and the exit status is 1).

    bench/bench.py                 # everything, 5 repetitions
    bench/bench.py --quick         # tiny inputs, 1 repetition: checks the harness
    bench/bench.py --workloads sqlite,zlib --configs native,umsan --reps 3
    bench/bench.py --list
"""

import argparse
import concurrent.futures
import glob
import hashlib
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BUILD = os.path.join(BENCH, "build")
DRIVERS = os.path.join(BENCH, "drivers")
LUA_SCRIPTS = os.path.join(BENCH, "lua")

CLANG = "clang-19"
VALGRIND = "/usr/bin/valgrind"

# --------------------------------------------------------------------------
# Sources in the cargo registry (see bench/Cargo.toml).

CRATES = {
    "sqlite": ("libsqlite3-sys-0.30.1", "sqlite3"),
    "zlib": ("libz-sys-1.1.31", "src/zlib"),
    "lua": ("lua-src-547.1.0", "lua-5.4.7"),
    "zstd": ("zstd-sys-2.1.3*", "zstd/lib"),
}

# --------------------------------------------------------------------------
# Configurations. "builds" are compiled; valgrind runs the native build.

BUILD_CONFIGS = {
    "native": {"cc": "clang", "flags": ["-O2"]},
    "msan": {"cc": "clang", "flags": ["-O2", "-fsanitize=memory"]},
    "msan-origins": {
        "cc": "clang",
        "flags": ["-O2", "-fsanitize=memory", "-fsanitize-memory-track-origins"],
    },
    # MemorySanitizer with umsan's default semantics: arguments and return
    # values are checked where they are used, not at the call
    # (-fno-sanitize-memory-param-retval), and a report can return
    # (halt_on_error=0 works: -fsanitize-recover=memory).
    "msan-recover": {
        "cc": "clang",
        "flags": ["-O2", "-fsanitize=memory", "-fsanitize-recover=memory",
                  "-fno-sanitize-memory-param-retval"],
    },
    "msan-recover-origins": {
        "cc": "clang",
        "flags": ["-O2", "-fsanitize=memory", "-fsanitize-recover=memory",
                  "-fno-sanitize-memory-param-retval", "-fsanitize-memory-track-origins"],
    },
    "umsan-noorigins": {"cc": "umsan", "flags": ["-O2", "-fno-umsan-track-origins"]},
    "umsan": {"cc": "umsan", "flags": ["-O2"]},
    # umsan with MemorySanitizer's default semantics for arguments and
    # return values (checked at the call, as -fsanitize-memory-param-retval).
    "umsan-eager": {"cc": "umsan", "flags": ["-O2", "-fno-umsan-track-origins", "-fumsan-eager-checks"]},
    # Ablation (not in "all"): umsan without marking uninitialized locals
    # (-fno-umsan-uninit-locals), to measure what keeping them costs.
    "umsan-nolocals": {"cc": "umsan", "flags": ["-O2", "-fno-umsan-uninit-locals"]},
    # Ablation (not in "all"): checks end in a noreturn call, as MSan's
    # default (-fno-umsan-recover: halt_on_error=0 no longer returns), to
    # measure what recoverable reports cost.
    "umsan-norecover": {"cc": "umsan", "flags": ["-O2", "-fno-umsan-recover"]},
    "umsan-noorigins-norecover": {"cc": "umsan", "flags": ["-O2", "-fno-umsan-track-origins", "-fno-umsan-recover"]},
}
# Configurations only run when named in --configs.
OPTIONAL_CONFIGS = ["umsan-nolocals", "umsan-norecover", "umsan-noorigins-norecover"]
ALL_CONFIGS = [c for c in BUILD_CONFIGS if c not in OPTIONAL_CONFIGS] + ["valgrind"]
# The configuration whose build each configuration runs.
BUILD_OF = {c: c for c in BUILD_CONFIGS}
BUILD_OF["valgrind"] = "native"

# --------------------------------------------------------------------------
# Programs (what is built) and workloads (what is run).


def lib_sources(srcdir, lib):
    d = os.path.join(srcdir, lib)
    if lib == "zlib":
        names = ["adler32", "compress", "crc32", "deflate", "infback", "inffast",
                 "inflate", "inftrees", "trees", "uncompr", "zutil"]
        return [os.path.join(d, n + ".c") for n in names]
    if lib == "zstd":
        out = []
        for sub in ("common", "compress", "decompress"):
            out += sorted(glob.glob(os.path.join(d, sub, "*.c")))
        return out
    if lib == "lua":
        return sorted(f for f in glob.glob(os.path.join(d, "*.c"))
                      if os.path.basename(f) not in ("luac.c", "onelua.c"))
    if lib == "sqlite":
        return [os.path.join(d, "sqlite3.c")]
    raise KeyError(lib)


def program_specs(srcdir):
    """name -> (sources, cflags, libs). Paths into build/src (copied)."""
    s = lambda lib: os.path.join(srcdir, lib)
    return {
        "sqlite": (
            lib_sources(srcdir, "sqlite") + [os.path.join(DRIVERS, "sqlite_bench.c")],
            ["-I" + s("sqlite"), "-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_LOAD_EXTENSION",
             "-DSQLITE_DEFAULT_MEMSTATUS=0"],
            ["-lm"],
        ),
        "zlib": (
            lib_sources(srcdir, "zlib") + [os.path.join(DRIVERS, "zlib_bench.c")],
            ["-I" + s("zlib")],
            [],
        ),
        "zstd": (
            lib_sources(srcdir, "zstd") + [os.path.join(DRIVERS, "zstd_bench.c")],
            ["-I" + s("zstd"), "-I" + os.path.join(s("zstd"), "common"),
             "-DZSTD_DISABLE_ASM", "-DZSTD_LEGACY_SUPPORT=0"],
            [],
        ),
        "lua": (lib_sources(srcdir, "lua") + [os.path.join(DRIVERS, "lua_main.c")],
                ["-I" + s("lua"), "-DLUA_USE_LINUX"], ["-lm", "-ldl"]),
        "memcpy": ([os.path.join(DRIVERS, "memcpy_bench.c")], [], []),
        "metamove": ([os.path.join(DRIVERS, "metamove_bench.c")], [], []),
    }


def lua(script):
    return lambda n: [os.path.join(LUA_SCRIPTS, script), str(n)]


def plain(n):
    return [str(n)]


# workload -> program, argument builder, sizes: (full, quick, valgrind, valgrind-quick)
WORKLOADS = {
    "sqlite": ("sqlite", plain, (200000, 2000, 20000, 2000),
               "in-memory DB: N inserts, 2 indexes, N/2 indexed queries, GROUP BY"),
    "zlib": ("zlib", plain, (64, 1, 4, 1), "deflate -1 + inflate of N MiB"),
    "zstd": ("zstd", plain, (64, 1, 8, 1), "ZSTD_compress -3 + decompress of N MiB"),
    "lua-binarytrees": ("lua", lua("binary_trees.lua"), (14, 8, 11, 8),
                        "Lua binary-trees, max depth N"),
    "lua-fib": ("lua", lua("fib.lua"), (34, 18, 25, 18), "Lua recursive fib(N) + memo"),
    "lua-strings": ("lua", lua("strings.lua"), (400000, 5000, 40000, 5000),
                    "Lua string building, N pieces"),
    "memcpy": ("memcpy", plain, (40, 1, 4, 1),
               "N rounds of small/4K/1M memcpy and struct copies"),
    "metamove": ("metamove", plain, (2000, 20, 200, 20),
                 "N x 1 MiB: memcpy vs umsan_memmove_metadata"),
}

SANITIZER_MARKERS = ("WARNING: MemorySanitizer", "umsan:", "ERROR: AddressSanitizer",
                     "==ERROR", "SUMMARY:")


# --------------------------------------------------------------------------
# Helpers


def log(msg=""):
    print(msg, flush=True)


def banner(msg):
    line = "!" * 78
    log(line)
    for l in msg.splitlines():
        log("!!! " + l)
    log(line)


def sha256_file(path, h=None):
    h = h or hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h


def cargo_home():
    return os.environ.get("CARGO_HOME") or os.path.expanduser("~/.cargo")


def fetch_sources():
    """cargo fetch, then copy the C sources out of the registry into build/src."""
    manifest = os.path.join(BENCH, "Cargo.toml")
    log(f"== cargo fetch --manifest-path {os.path.relpath(manifest, ROOT)}")
    r = subprocess.run(["cargo", "fetch", "--manifest-path", manifest],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        sys.exit("cargo fetch failed")
    dst_root = os.path.join(BUILD, "src")
    for lib, (crate, sub) in CRATES.items():
        cands = sorted(glob.glob(os.path.join(cargo_home(), "registry", "src", "*", crate, sub)))
        if not cands:
            sys.exit(f"{crate}/{sub} not found under {cargo_home()}/registry/src/*/")
        src = cands[-1]
        dst = os.path.join(dst_root, lib)
        stamp = os.path.join(dst_root, lib + ".from")
        if os.path.isdir(dst) and os.path.exists(stamp) and open(stamp).read() == src:
            continue
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst)
        with open(stamp, "w") as f:
            f.write(src)
        log(f"   copied {src} -> {os.path.relpath(dst, ROOT)}")
    return dst_root


UMSAN_FILES = ("umsan-cc", "libumsan_pass.so", "libumsan_rt.a")


def snapshot_umsan(umsan_cc):
    """Copy umsan-cc with its pass plugin and runtime (it finds them next to
    itself) into build/toolchain/<hash>/, so that a `cargo build` by someone
    else during a long run cannot change the compiler half-way. Returns the
    copied umsan-cc and the content hash (part of the object cache keys)."""
    d = os.path.dirname(os.path.realpath(umsan_cc))
    h = hashlib.sha256()
    for name in UMSAN_FILES:
        path = umsan_cc if name == "umsan-cc" else os.path.join(d, name)
        if not os.path.isfile(path):
            sys.exit(f"{path} not found: run `cargo build --release` at the repository root")
        sha256_file(path, h)
    ident = h.hexdigest()[:16]
    root = os.path.join(BUILD, "toolchain")
    dst = os.path.join(root, ident)
    if not os.path.isdir(dst):
        tmp = dst + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        for name in UMSAN_FILES:
            shutil.copy2(umsan_cc if name == "umsan-cc" else os.path.join(d, name),
                         os.path.join(tmp, name))
        os.rename(tmp, dst)
    else:
        os.utime(dst)
    # Keep the three newest snapshots (another run may still be using one).
    snaps = sorted((os.path.getmtime(os.path.join(root, x)), x) for x in os.listdir(root)
                   if not x.endswith(".tmp") and x != ident)
    for _, old in snaps[:-2]:
        shutil.rmtree(os.path.join(root, old), ignore_errors=True)
    return os.path.join(dst, "umsan-cc"), ident


def clang_identity():
    r = subprocess.run([CLANG, "--version"], capture_output=True, text=True)
    return hashlib.sha256(r.stdout.encode()).hexdigest()[:16]


class Builder:
    def __init__(self, args, srcdir):
        self.args = args
        self.srcdir = srcdir
        self.ids = {"clang": clang_identity()}
        self.umsan_cc = None
        if any(BUILD_CONFIGS[c]["cc"] == "umsan" for c in args.build_configs):
            if args.umsan_snapshot:
                snap = os.path.join(BUILD, "toolchain", args.umsan_snapshot)
                if not os.path.isfile(os.path.join(snap, "umsan-cc")):
                    sys.exit(f"no umsan snapshot {snap}")
                self.umsan_cc, self.ids["umsan"] = os.path.join(snap, "umsan-cc"), args.umsan_snapshot
                os.utime(snap)
            else:
                self.umsan_cc, self.ids["umsan"] = snapshot_umsan(args.umsan_cc)
            log(f"== umsan-cc: " + (f"reusing snapshot {self.ids['umsan']}" if args.umsan_snapshot
                                    else f"{args.umsan_cc}, snapshot {self.ids['umsan']}") +
                f" in {os.path.relpath(os.path.dirname(self.umsan_cc), ROOT)}")
        self.specs = program_specs(srcdir)
        self.compile_times = {}   # config -> (seconds, cached?, date)
        self.errors = []

    def cc(self, config):
        return CLANG if BUILD_CONFIGS[config]["cc"] == "clang" else self.umsan_cc

    def base_flags(self, config):
        return BUILD_CONFIGS[config]["flags"] + ["-I" + DRIVERS, "-I" + os.path.join(ROOT, "include")]

    def obj_path(self, config, src):
        rel = os.path.relpath(src, BENCH).replace(os.sep, "_").replace("..", "up")
        return os.path.join(BUILD, config, "obj", rel[:-2] + ".o")

    def obj_key(self, config, src, cflags):
        h = hashlib.sha256()
        h.update(self.ids[BUILD_CONFIGS[config]["cc"]].encode())
        h.update(json.dumps([BUILD_CONFIGS[config]["cc"], self.base_flags(config), cflags]).encode())
        st = os.stat(src)
        h.update(f"{src}:{st.st_size}:{st.st_mtime_ns}".encode())
        if src.startswith(DRIVERS):  # drivers include common.h (and umsan.h)
            sha256_file(os.path.join(DRIVERS, "common.h"), h)
            sha256_file(os.path.join(ROOT, "include", "umsan.h"), h)
        return h.hexdigest()

    def compile(self, config, src, cflags, timed=False):
        """Compile src unless a cached object with the same key exists.
        Returns (obj, seconds or None if cached)."""
        obj = self.obj_path(config, src)
        keyfile = obj + ".key"
        key = self.obj_key(config, src, cflags)
        if os.path.exists(obj) and os.path.exists(keyfile):
            with open(keyfile) as f:
                meta = json.load(f)
            if meta.get("key") == key and not (timed and self.args.rebuild_sqlite):
                return obj, meta
        os.makedirs(os.path.dirname(obj), exist_ok=True)
        cmd = [self.cc(config)] + self.base_flags(config) + cflags + ["-c", src, "-o", obj]
        try:
            wall, cpu, _, err, rc = run_once(cmd, 3600)
        except OSError as e:
            raise RuntimeError(f"compile failed ({config}): {' '.join(cmd)}\n{e}")
        if rc != 0:
            raise RuntimeError(f"compile failed ({config}): {' '.join(cmd)}\n"
                               f"{err.decode(errors='replace')[-4000:]}")
        meta = {"key": key, "seconds": wall, "cpu": cpu, "cmd": cmd,
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        with open(keyfile, "w") as f:
            json.dump(meta, f)
        return obj, dict(meta, fresh=True)

    def build(self, configs, programs):
        jobs = self.args.jobs
        # 1. sqlite3.c, one configuration at a time (its compile time is reported).
        # With --rebuild-sqlite and --compile-reps N, N rounds over the
        # configurations (so that a slow phase of the machine hits all of
        # them alike); the fastest compile of each counts.
        if "sqlite" in programs:
            src = self.specs["sqlite"][0][0]
            rounds = self.args.compile_reps if self.args.rebuild_sqlite else 1
            failed = set()
            for r in range(rounds):
                for config in configs:
                    if config in failed:
                        continue
                    log(f"== sqlite3.c [{config}]" + (f" (round {r + 1}/{rounds})" if rounds > 1 else "") + " ...")
                    try:
                        obj, meta = self.compile(config, src, self.specs["sqlite"][1], timed=True)
                    except RuntimeError as e:
                        failed.add(config)
                        self.errors.append(str(e))
                        banner(str(e))
                        continue
                    fresh = meta.pop("fresh", False)
                    log(f"   {meta['seconds']:.1f} s wall, {meta.get('cpu', 0):.1f} s CPU" + ("" if fresh else f" (cached object, compiled {meta['date']})"))
                    prev = self.compile_times.get(config)
                    cur = (meta["seconds"], meta.get("cpu"), not fresh, meta["date"], rounds)
                    if prev is None or (cur[1] or cur[0]) < (prev[1] or prev[0]):
                        self.compile_times[config] = cur
        # 2. everything else in parallel.
        todo = []
        for config in configs:
            for prog in programs:
                srcs, cflags, _ = self.specs[prog]
                for src in srcs:
                    if prog == "sqlite" and src.endswith("sqlite3.c"):
                        continue
                    todo.append((config, src, cflags))
        todo = list(dict.fromkeys((c, s, tuple(f)) for c, s, f in todo))
        log(f"== compiling {len(todo)} other sources (-j{jobs}, cached where possible)")
        failed = set()
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
            futs = {ex.submit(self.compile, c, s, list(f)): (c, s) for c, s, f in todo}
            for fut in concurrent.futures.as_completed(futs):
                try:
                    fut.result()
                except RuntimeError as e:
                    failed.add(futs[fut][0])
                    self.errors.append(str(e))
                    banner(str(e))
        # 3. link (always: cheap).
        binaries = {}
        for config in configs:
            for prog in programs:
                srcs, cflags, libs = self.specs[prog]
                objs = [self.obj_path(config, s) for s in srcs]
                if not all(os.path.exists(o) for o in objs):
                    continue
                exe = os.path.join(BUILD, config, "bin", prog)
                os.makedirs(os.path.dirname(exe), exist_ok=True)
                cmd = [self.cc(config)] + BUILD_CONFIGS[config]["flags"] + objs + ["-o", exe] + libs
                r = subprocess.run(cmd, capture_output=True, text=True)
                if r.returncode != 0:
                    msg = f"link failed ({config}/{prog}): {' '.join(cmd)}\n{r.stderr[-4000:]}"
                    self.errors.append(msg)
                    banner(msg)
                    continue
                binaries[(config, prog)] = exe
        return binaries


# --------------------------------------------------------------------------
# Running


def run_once(cmd, timeout):
    """Run cmd; return (wall seconds, cpu seconds (user+sys of the child),
    stdout, stderr, exit status). Times are None on timeout."""
    env = dict(os.environ)
    for k in ("UMSAN_OPTIONS", "MSAN_OPTIONS"):
        env.pop(k, None)
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, env=env)
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        out, err = fo.read(), fe.read()
    if rc == -9 and wall >= timeout:
        return None, None, out, err + b"\ntimeout after %d s" % timeout, rc
    return wall, ru.ru_utime + ru.ru_stime, out, err, rc


def parse_metrics(stderr):
    out = {}
    for line in stderr.decode(errors="replace").splitlines():
        if line.startswith("METRIC "):
            parts = line.split(None, 2)
            if len(parts) == 3:
                try:
                    out[parts[1]] = float(parts[2])
                except ValueError:
                    out[parts[1]] = parts[2]
    return out


def looks_like_report(stderr):
    text = stderr.decode(errors="replace")
    return any(m in text for m in SANITIZER_MARKERS)


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def fmt_size(n):
    return f"{n / 1024:.0f} KiB" if n < 10 << 20 else f"{n / (1 << 20):.1f} MiB"


def text_size(path):
    r = subprocess.run(["size", path], capture_output=True, text=True)
    try:
        fields = r.stdout.splitlines()[1].split()
        return int(fields[0]) + int(fields[1])  # text + data
    except (IndexError, ValueError):
        return None


def table(headers, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    out = [line(headers), "|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2))
                                          for i, w in enumerate(widths)) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=None, help="repetitions per (workload, config); default 5, 1 with --quick")
    ap.add_argument("--quick", action="store_true", help="tiny inputs, 1 repetition: check the harness")
    ap.add_argument("--workloads", default="all", help="comma-separated workloads (see --list)")
    ap.add_argument("--configs", default="all", help="comma-separated configurations (see --list)")
    ap.add_argument("--list", action="store_true", help="list workloads and configurations")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="parallel compiles (not sqlite3.c)")
    ap.add_argument("--rebuild-sqlite", action="store_true", help="recompile sqlite3.c even if cached (fresh compile times)")
    ap.add_argument("--compile-reps", type=int, default=1, metavar="N",
                    help="with --rebuild-sqlite: compile sqlite3.c N times per configuration, round-robin, and report the fastest")
    ap.add_argument("--umsan-cc", default=os.path.join(ROOT, "target", "release", "umsan-cc"))
    ap.add_argument("--umsan-snapshot", metavar="HASH",
                    help="use the umsan build snapshotted earlier in build/toolchain/HASH "
                         "(and its cached objects) instead of snapshotting target/release")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per run")
    ap.add_argument("--json", help="write raw results to this file")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the full input sizes (not --quick, not valgrind's; depth-like sizes are adjusted)")
    args = ap.parse_args()
    if args.compile_reps < 1:
        ap.error("--compile-reps must be at least 1")

    if args.list:
        log("workloads:")
        for w, (p, _, sizes, desc) in WORKLOADS.items():
            log(f"  {w:16} {desc}  (N={sizes[0]}; valgrind N={sizes[2]}; quick N={sizes[1]})")
        log("configurations:")
        for c in ALL_CONFIGS:
            if c == "valgrind":
                log(f"  {c:16} valgrind --tool=memcheck on the native build, smaller inputs")
            else:
                cc = CLANG if BUILD_CONFIGS[c]["cc"] == "clang" else "umsan-cc"
                log(f"  {c:16} {cc} {' '.join(BUILD_CONFIGS[c]['flags'])}")
        return 0

    def pick(spec, universe, what, optional=()):
        if spec == "all":
            return list(universe)
        universe = list(universe) + list(optional)
        items = [x.strip() for x in spec.split(",") if x.strip()]
        bad = [x for x in items if x not in universe]
        if bad:
            sys.exit(f"unknown {what}: {', '.join(bad)} (known: {', '.join(universe)})")
        return [x for x in universe if x in items]

    workloads = pick(args.workloads, WORKLOADS, "workload")
    configs = pick(args.configs, ALL_CONFIGS, "configuration", OPTIONAL_CONFIGS)
    reps = args.reps if args.reps is not None else (1 if args.quick else 5)
    if reps < 1:
        sys.exit("--reps must be >= 1")
    if any(BUILD_CONFIGS[c]["cc"] == "umsan" for c in configs if c in BUILD_CONFIGS) \
            and not args.umsan_snapshot:
        if not os.access(args.umsan_cc, os.X_OK):
            sys.exit(f"{args.umsan_cc} not found: run `cargo build --release` at the repository root")
    if "valgrind" in configs and not os.access(VALGRIND, os.X_OK):
        sys.exit(f"{VALGRIND} not found")

    started = time.time()
    log(f"umsan bench: {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
    cpu = "?"
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                cpu = l.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    machine = {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
               "loadavg_start": os.getloadavg()}
    log(f"machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}, "
        f"load average {machine['loadavg_start'][0]:.2f}")
    log(f"mode: {'quick' if args.quick else 'full'}, reps {reps}, workloads {','.join(workloads)}, "
        f"configs {','.join(configs)}")

    srcdir = fetch_sources()
    build_configs = list(dict.fromkeys(BUILD_OF[c] for c in configs))
    args.build_configs = build_configs
    builder = Builder(args, srcdir)
    programs = list(dict.fromkeys(WORKLOADS[w][0] for w in workloads))
    # valgrind needs native timings at its own input size for the slowdown.
    binaries = builder.build(build_configs, programs)
    errors = list(builder.errors)

    # The runs: (workload, config, size) -> list of times
    def size_of(w, vg):
        sizes = WORKLOADS[w][2]
        if args.quick:
            return sizes[3] if vg else sizes[1]
        n = sizes[2] if vg else sizes[0]
        if vg or args.scale == 1.0:
            return n
        # binary-trees doubles its work per depth, fib grows by the golden ratio
        if w == "lua-binarytrees":
            return max(4, n + int(round(math.log2(args.scale))))
        if w == "lua-fib":
            return max(2, n + int(round(math.log(args.scale) / math.log(1.618))))
        return max(1, int(round(n * args.scale)))

    runs = []  # (workload, label, config-to-run, vg-size?)
    for w in workloads:
        for c in configs:
            runs.append((w, c, c == "valgrind"))
        if "valgrind" in configs:
            runs.append((w, "native@vg", True))
    times = {}   # CPU seconds (user+sys) of the run
    walls = {}   # wall seconds
    metrics = {}
    outputs = {}
    failed = set()
    log("")
    log(f"== running {len(runs)} (workload, configuration) pairs x {reps} reps")
    for rep in range(reps):
        order = runs[:]
        random.Random(rep).shuffle(order)   # spread machine noise over configurations
        for w, label, vg in order:
            if (w, label) in failed:
                continue
            prog, argf, _, _ = WORKLOADS[w]
            cfg = "native" if label == "native@vg" else label
            exe = binaries.get((BUILD_OF[cfg], prog))
            if exe is None:
                if (w, label) not in failed:
                    errors.append(f"{w}/{label}: not built")
                failed.add((w, label))
                continue
            n = size_of(w, vg)
            cmd = [exe] + argf(n)
            if cfg == "valgrind":
                cmd = [VALGRIND, "--tool=memcheck", "-q", "--error-exitcode=99"] + cmd
            dt, cpu, out, err, rc = run_once(cmd, args.timeout)
            tag = f"{w}/{label} (N={n}, rep {rep + 1})"
            other = [l for l in err.decode(errors="replace").splitlines()
                     if l.strip() and not l.startswith("METRIC ")]
            if rc != 0 or dt is None or looks_like_report(err) or (cfg == "valgrind" and other):
                msg = (f"{tag}: exit status {rc}" +
                       (" with a sanitizer report" if looks_like_report(err) else "") +
                       f"\ncommand: {' '.join(cmd)}\n--- stderr ---\n" +
                       err.decode(errors="replace")[-6000:])
                banner(msg)
                errors.append(msg)
                failed.add((w, label))
                continue
            times.setdefault((w, label), []).append(cpu)
            walls.setdefault((w, label), []).append(dt)
            m = parse_metrics(err)
            if m:
                metrics.setdefault((w, label), []).append(m)
            outputs.setdefault((w, n), {}).setdefault(out, []).append(label)
            log(f"   {tag}: {cpu:.3f} s CPU, {dt:.3f} s wall")

    # Output identity: per (workload, input size) every configuration prints the same.
    for (w, n), outs in sorted(outputs.items()):
        if len(outs) > 1:
            lines = [f"OUTPUT MISMATCH in {w} (N={n}): configurations disagree"]
            for out, labels in outs.items():
                lines.append(f"--- {', '.join(sorted(set(labels)))}:")
                lines += out.decode(errors="replace").rstrip().splitlines()[-10:]
            msg = "\n".join(lines)
            banner(msg)
            errors.append(msg)
    # Reference checksum lines, for the record.
    checks = {}
    for (w, n), outs in sorted(outputs.items()):
        if len(outs) == 1:
            checks[f"{w} N={n}"] = next(iter(outs)).decode(errors="replace").strip()

    # ---------------------------------------------------------------- report
    med = {k: statistics.median(v) for k, v in times.items()}

    def baseline(w, c):
        return med.get((w, "native@vg" if c == "valgrind" else "native"))

    def results_table(med, what):
        log("")
        log(f"== results: median {what} over {reps} rep(s), seconds (slowdown vs native)")
        headers = ["workload", "N"] + configs
        rows = []
        slow = {c: [] for c in configs}
        for w in workloads:
            row = [w, f"{size_of(w, False)}"]
            for c in configs:
                t = med.get((w, c))
                if t is None:
                    row.append("FAIL" if (w, c) in failed else "-")
                    continue
                b = med.get((w, "native@vg" if c == "valgrind" else "native"))
                if b and c != "native":
                    s = t / b
                    slow[c].append(s)
                    row.append(f"{t:.2f} ({s:.1f}x)")
                else:
                    row.append(f"{t:.2f}")
            rows.append(row)
        gm_row = ["geomean slowdown", ""]
        gms = {}
        for c in configs:
            g = geomean(slow[c])
            gms[c] = g
            gm_row.append("1.0x" if c == "native" else (f"{g:.2f}x" if g else "-"))
        rows.append(gm_row)
        log(table(headers, rows))
        return gms

    med = {k: statistics.median(v) for k, v in times.items()}
    med_wall = {k: statistics.median(v) for k, v in walls.items()}
    gm_cpu = results_table(med, "CPU time (user+sys of the benchmark process)")
    gm_wall = results_table(med_wall, "wall time")
    if "valgrind" in configs:
        vg_sizes = ", ".join(f"{w} N={size_of(w, True)}" for w in workloads)
        vg_native = ", ".join(f"{w} {med[(w, 'native@vg')]:.3f}s CPU" for w in workloads
                              if (w, "native@vg") in med)
        log(f"valgrind column: smaller inputs ({vg_sizes}); its slowdown is against the native build "
            f"on the same input (native times there: {vg_native}).")

    # Pairwise: umsan against MSan at the same origin setting.
    notes = []
    pairs = [("umsan-noorigins", "msan"), ("umsan", "msan-origins"),
             ("umsan-noorigins", "msan-recover"), ("umsan", "msan-recover-origins"),
             ("umsan-eager", "msan")]
    pair_rows = []
    for u, m in pairs:
        if u in configs and m in configs:
            ratios = []
            for w in workloads:
                if (w, u) in med and (w, m) in med:
                    r = med[(w, u)] / med[(w, m)]
                    ratios.append(r)
                    pair_rows.append([w, f"{u} / {m}", f"{r:.2f}"])
                    if r > 1.5:
                        notes.append(f"umsan is {r:.1f}x slower than MemorySanitizer on {w} ({u} vs {m})")
            if ratios:
                pair_rows.append(["geomean", f"{u} / {m}", f"{geomean(ratios):.2f}"])
    if pair_rows:
        log("")
        log("== umsan CPU time / MemorySanitizer CPU time (>1 means umsan is slower)")
        log(table(["workload", "pair", "ratio"], pair_rows))

    # metamove internal metrics.
    mrows = []
    for w in workloads:
        for c in configs:
            ms = metrics.get((w, c))
            if not ms:
                continue
            keys = [k for k in ms[0] if isinstance(ms[0][k], float)]
            vals = {k: statistics.median(m[k] for m in ms if k in m) for k in keys}
            kind = ms[0].get("metamove_kind", "")
            if c == "valgrind":
                kind = "no-op (native build)"
            mrows.append([c, kind] + [f"{vals[k]:.0f}" for k in keys])
            mkeys = keys
    if mrows:
        log("")
        log("== metamove: median ns per 1 MiB block, measured inside the program")
        log(table(["config", "metadata move"] + [k.replace("_ns_per_MiB", "") for k in mkeys], mrows))

    # compile times.
    ct = builder.compile_times
    if ct:
        log("")
        rounds = max(v[4] for v in ct.values())
        log("== compile time of sqlite3.c (-O2 -c, " + (f"fastest of {rounds} compiles each" if rounds > 1 else "one compile each")
            + "; ratios on CPU time)")
        nat = ct.get("native", (None, None))[1]
        ms = ct.get("msan", (None, None))[1]
        mso = ct.get("msan-origins", (None, None))[1]
        crow = []
        for c, (sec, cpu, cached, date, n) in ct.items():
            crow.append([c, f"{sec:.1f}", f"{cpu:.1f}" if cpu else "?",
                         f"{cpu / nat:.2f}x" if nat and cpu else "-",
                         f"{cpu / ms:.2f}x" if ms and cpu else "-",
                         f"{cpu / mso:.2f}x" if mso and cpu else "-",
                         f"cached object, compiled {date}" if cached else
                         (f"fastest of {n} in this run" if n > 1 else "compiled in this run")])
        log(table(["config", "wall s", "CPU s", "vs native", "vs msan", "vs msan-origins", "note"], crow))

    # binary sizes.
    srows = []
    sizes = {}
    bcfgs = [c for c in configs if c in BUILD_CONFIGS]
    for prog in programs:
        row = [prog]
        for c in bcfgs:
            exe = binaries.get((c, prog))
            if not exe:
                row.append("-")
                continue
            fsz = os.path.getsize(exe)
            tsz = text_size(exe)
            sizes[f"{prog}/{c}"] = {"file": fsz, "text+data": tsz}
            row.append(f"{fmt_size(tsz) if tsz else '?'} / {fmt_size(fsz)}")
        srows.append(row)
    if srows and bcfgs:
        log("")
        log("== binary sizes: text+data (`size`) / file size")
        log(table(["program"] + bcfgs, srows))

    if checks:
        log("")
        log("== program output (identical in every configuration that ran it)")
        for k, v in checks.items():
            log(f"   {k}: {' | '.join(v.splitlines())}")

    machine["loadavg_end"] = os.getloadavg()
    log("")
    log(f"load average at start {machine['loadavg_start'][0]:.2f}, at end {machine['loadavg_end'][0]:.2f}; "
        f"total {time.time() - started:.0f} s")
    for n in notes:
        log("NOTE: " + n)

    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
                "machine": machine, "reps": reps, "quick": args.quick,
                "workloads": workloads, "configs": configs,
                "sizes": {w: {"N": size_of(w, False), "valgrind_N": size_of(w, True)} for w in workloads},
                "cpu_times": {f"{w}/{c}": v for (w, c), v in times.items()},
                "wall_times": {f"{w}/{c}": v for (w, c), v in walls.items()},
                "geomean_slowdown_cpu": gm_cpu, "geomean_slowdown_wall": gm_wall,
                "metrics": {f"{w}/{c}": v for (w, c), v in metrics.items()},
                "sqlite_compile": {c: {"wall": v[0], "cpu": v[1], "cached": v[2], "date": v[3], "compiles": v[4]}
                                   for c, v in ct.items()},
                "binary_sizes": sizes, "outputs": checks, "errors": errors,
            }, f, indent=1)

    if errors:
        log("")
        banner(f"{len(errors)} ERROR(S): see above (build failures, sanitizer reports, "
               f"bad exit status or output mismatches)")
        return 1
    log("all outputs identical, no reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
