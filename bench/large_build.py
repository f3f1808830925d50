#!/usr/bin/env python3
"""A large build under a compiler cache and distributed compiles (issue 19).

Builds the bench programs (SQLite amalgamation, zlib, zstd, Lua, each with
its bench driver) with `make -jN` under

    CC="ccache <compiler>"  CCACHE_PREFIX=distcc  DISTCC_HOSTS=<two loopback distccd>

for umsan (`umsan-cc -O2`) and MemorySanitizer (`clang-19 -O2
-fsanitize=memory`): a cold build (empty cache), then `make clean` and a
warm build (no change), and prints wall times and the cache hit rate of the
warm build. The two distccd listen on 127.0.0.1 and are stopped at the end.

    bench/large_build.py [--jobs 4] [--programs sqlite,zlib,zstd,lua] [--umsan-cc PATH]

Sources come from the cargo registry as for bench.py (`cargo fetch`).
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (program_specs, fetch_sources, paths)

CONFIGS = {
    "umsan": lambda umsan_cc: (umsan_cc, ["-O2"]),
    "msan": lambda umsan_cc: ("clang-19", ["-O2", "-fsanitize=memory"]),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_daemon(work, name, path):
    port = free_port()
    cache = os.path.join(work, name + "-cache")
    os.makedirs(cache, exist_ok=True)
    os.chmod(cache, 0o1777)  # distccd may run as the distcc user
    env = dict(os.environ, PATH=path, XDG_CACHE_HOME=cache)
    log = open(os.path.join(work, name + ".log"), "w")
    p = subprocess.Popen(
        ["distccd", "--daemon", "--no-detach", "--listen", "127.0.0.1", "--port", str(port),
         "--allow", "127.0.0.1", "--enable-tcp-insecure", "--jobs", "2", "--log-stderr",
         "--log-level", "info"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
        start_new_session=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return p, port


def stop_daemon(p):
    try:
        os.killpg(p.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    p.wait()


def makefile(specs, programs, cflags):
    lines = [f"CFLAGS = {' '.join(cflags)}", "", f"all: {' '.join(programs)}", ""]
    objs_all = []
    for prog in programs:
        srcs, pflags, libs = specs[prog]
        objs = []
        for src in srcs:
            obj = f"obj/{prog}/" + os.path.basename(src)[:-2] + ".o"
            objs.append(obj)
            lines.append(f"{obj}: {src}")
            lines.append(f"\t@mkdir -p obj/{prog}")
            lines.append(f"\t$(CC) $(CFLAGS) {' '.join(pflags)} -c $< -o $@")
        lines.append(f"{prog}: {' '.join(objs)}")
        lines.append(f"\t$(LINK) $(CFLAGS) -o $@ $^ {' '.join(libs)}")
        lines.append("")
        objs_all += objs
    lines.append("clean:\n\trm -rf obj " + " ".join(programs))
    return "\n".join(lines) + "\n"


def ccache_stats(env):
    out = subprocess.run(["ccache", "--print-stats"], env=env, capture_output=True, text=True).stdout
    stats = {}
    for line in out.splitlines():
        k, _, v = line.partition("\t")
        if v.strip().isdigit():
            stats[k] = int(v)
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", "-j", type=int, default=4)
    ap.add_argument("--programs", default="sqlite,zlib,zstd,lua")
    ap.add_argument("--configs", default="umsan,msan")
    ap.add_argument("--umsan-cc", default=os.path.join(bench.ROOT, "target", "release", "umsan-cc"))
    args = ap.parse_args()
    for tool in ("ccache", "distcc", "distccd", "make"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (scripts/bootstrap.sh installs it)")
    umsan_cc = os.path.abspath(args.umsan_cc)
    srcdir = bench.fetch_sources()
    specs = bench.program_specs(srcdir)
    programs = args.programs.split(",")
    work = os.path.join(bench.BUILD, "large")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.chmod(work, 0o755)

    path = f"{os.path.dirname(umsan_cc)}:/usr/bin:/bin"
    daemons = [start_daemon(work, f"distccd{i}", path) for i in (1, 2)]
    rows = []
    try:
        hosts = " ".join(f"127.0.0.1:{port}/2" for _, port in daemons)
        for cfg in args.configs.split(","):
            cc, flags = CONFIGS[cfg](umsan_cc)
            d = os.path.join(work, cfg)
            os.makedirs(d)
            with open(os.path.join(d, "Makefile"), "w") as f:
                f.write(makefile(specs, programs, flags + ["-I" + bench.DRIVERS,
                                                           "-I" + os.path.join(bench.ROOT, "include")]))
            env = dict(os.environ,
                       PATH=f"{os.path.dirname(umsan_cc)}:{os.environ.get('PATH', '')}",
                       CCACHE_DIR=os.path.join(d, "ccache"),
                       CCACHE_PREFIX="distcc",
                       CCACHE_COMPILERCHECK="%compiler% --umsan-cache-key" if cfg == "umsan" else "mtime",
                       DISTCC_HOSTS=hosts, DISTCC_DIR=os.path.join(d, "distcc"),
                       DISTCC_FALLBACK="0", DISTCC_SKIP_LOCAL_RETRY="1",
                       XDG_CACHE_HOME=os.path.join(d, "xdg"))
            os.makedirs(env["DISTCC_DIR"])
            make = ["make", "-C", d, f"-j{args.jobs}", f"CC=ccache {cc}", f"LINK={cc}"]
            times = []
            for phase in ("cold", "warm"):
                subprocess.run(["ccache", "-z"], env=env, check=True, capture_output=True)
                t0 = time.monotonic()
                r = subprocess.run(make, env=env, capture_output=True, text=True)
                dt = time.monotonic() - t0
                if r.returncode != 0:
                    sys.stderr.write(r.stdout[-4000:] + r.stderr[-4000:])
                    sys.exit(f"{cfg} {phase} build failed")
                st = ccache_stats(env)
                hits = st.get("direct_cache_hit", 0) + st.get("preprocessed_cache_hit", 0)
                total = hits + st.get("cache_miss", 0)
                times.append((phase, dt, hits, total))
                subprocess.run(["make", "-C", d, "clean"], check=True, capture_output=True)
            rows.append((cfg, times))
            print(f"{cfg}: " + ", ".join(f"{p} {t:.1f} s ({h}/{n} hits)" for p, t, h, n in times), flush=True)
    finally:
        for p, _ in daemons:
            stop_daemon(p)
    remote = sum(open(os.path.join(work, f"distccd{i}.log")).read().count("COMPILE_OK") for i in (1, 2))
    print()
    print(f"programs: {', '.join(programs)}; make -j{args.jobs}; CC=\"ccache <cc>\" CCACHE_PREFIX=distcc, "
          f"two distccd on 127.0.0.1 ({remote} compiles ran on them)")
    print("| config | cold build | warm build (no change) | warm hit rate |")
    print("|---|---|---|---|")
    for cfg, times in rows:
        (_, cold, _, _), (_, warm, h, n) = times
        print(f"| {cfg} | {cold:.1f} s | {warm:.1f} s | {h}/{n} ({100 * h / max(n, 1):.0f}%) |")


if __name__ == "__main__":
    main()
