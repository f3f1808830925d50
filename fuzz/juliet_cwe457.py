#!/usr/bin/env python3
"""Juliet CWE-457 (C and C++): umsan's detection rate against MemorySanitizer.

NIST's Juliet Test Suite for C/C++ 1.3, CWE-457 "Use of Uninitialized
Variable", its C test cases (`.c`, built with umsan-cc / clang-19) and its
C++ test cases (`.cpp`, umsan-c++ / clang++-19; issue 17). For every case
(the files of one case, e.g. `_62a.cpp` + `_62b.cpp`, are built into one
program) and every optimization level (default -O0 and -O1), builds

  * the bad program  (-DINCLUDEMAIN -DOMITGOOD): must be reported,
  * the good program (-DINCLUDEMAIN -DOMITBAD):  must run clean,

with umsan-c++ (testcasesupport's io.c with umsan-cc; origin tracking on, as
umsan's default) and with `clang++-19 -fsanitize=memory
-fsanitize-memory-track-origins` over the system's uninstrumented libstdc++
(io.c with `clang-19 -fsanitize=memory -fsanitize-memory-track-origins`).
Each program runs with UMSAN_OPTIONS / MSAN_OPTIONS `log_path=…` and a
timeout. A bad program is `detected` (a report in the log), `missed` (exit 0,
no report), `crash` (no report, killed, timed out or non-zero exit) or
`build-fail`; a good program is `clean`, `false-report`, `crash`,
`mismatch` (its stdout differs from a native clang++-19 build; umsan only)
or `build-fail`.

Flow variant 12 picks the bad or the good path at random (`rand()`, seeded
with `time(NULL)`; the bad program of such a case initializes only on one
coin flip and uses without initializing on another: a run takes the flawed
path with probability 1/4): a bad program of such a case that reports
nothing is rerun, in the next second, up to --random-runs times in all.

Usage:
  fuzz/juliet_cwe457.py JULIET                  # a checkout, or the official .zip / .tar.gz
  fuzz/juliet_cwe457.py JULIET --levels O0,O1,O2 --list
  fuzz/juliet_cwe457.py JULIET --lang c                 # the C cases only
  fuzz/juliet_cwe457.py --ci                    # the vendored sample (fuzz/juliet-sample), exit 1 on a miss
"""

import argparse
import collections
import concurrent.futures
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLE = os.path.join(HERE, "juliet-sample")

CWE_DIR = "CWE457_Use_of_Uninitialized_Variable"
PREFIX = CWE_DIR + "__"
# <prefix><kind>_<flow>[a-e][_<part>].{c,cpp}: `_62a`/`_62b` (parts of one
# program), `_01_bad`/`_01_good1` (each its own program, with its own main).
FILE_RE = re.compile(r"^" + re.escape(PREFIX)
                     + r"(?P<kind>.+)_(?P<flow>\d\d)(?P<letter>[a-z])?(?:_(?P<part>[A-Za-z0-9]+))?\.(?P<lang>c|cpp)$")
LANGS = ("c", "cpp")
REPORT_RE = {
    "umsan": re.compile(r"==\d+==WARNING: umsan: "),
    "msan": re.compile(r"==\d+==WARNING: MemorySanitizer: "),
}
SANITIZERS = ("umsan", "msan")
COMMON_FLAGS = ["-g", "-w", "-DINCLUDEMAIN"]


def data_kind(kind):
    """The data a case leaves uninitialized, for the per-kind table."""
    if kind.startswith("new_") or kind.endswith("_array_new_no_init") or kind.endswith("_array_new_partial_init"):
        return "new[] array"
    if kind in ("empty_constructor", "no_constructor"):
        return "class member (constructor)"
    if kind.startswith("twointsclass"):
        return "class (TwoIntsClass)" if kind == "twointsclass" else "class array (stack/heap)"
    if kind.endswith("_pointer"):
        return "pointer"
    if "_array_" in kind:
        return "array (stack/malloc)"
    if kind == "struct":
        return "struct"
    return "scalar"


def flow_kind(flow):
    f = int(flow)
    if f <= 18:
        return "control flow (01-18)"
    return {43: "by reference (43)", 62: "by reference, two files (62)",
            63: "pointer (63)", 64: "void pointer (64)"}.get(f, f"flow {flow}")


def find_cases(root, langs=LANGS):
    """{case name: {"bad": [files], "good": [files], "kind", "flow", "lang"}} for every case under root
    in one of langs ("c", "cpp"). A case's name is `<kind>_<flow>` (C and C++ cases never share one)."""
    groups = collections.defaultdict(list)
    paths = [p for lang in langs
             for p in glob.glob(os.path.join(root, "testcases", CWE_DIR, "**", "*." + lang), recursive=True)]
    for path in sorted(paths):
        m = FILE_RE.match(os.path.basename(path))
        if not m:
            raise SystemExit(f"error: {path}: not a CWE-457 test case file name "
                             f"(expected {PREFIX}<kind>_<NN>[a-e][_part].c or .cpp)")
        groups[(m["kind"], m["flow"])].append((path, m))
    cases = {}
    for (kind, flow), files in groups.items():
        name = f"{kind}_{flow}"
        langs_here = {m["lang"] for _, m in files}
        if len(langs_here) != 1:
            raise SystemExit(f"error: case {name}: both C and C++ files ({', '.join(os.path.basename(p) for p, _ in files)})")
        paths = [p for p, _ in files]
        with_letter = [p for p, m in files if m["letter"]]
        if not with_letter and all(m["part"] for _, m in files):
            # `_01_bad.cpp` / `_01_good1.cpp`: separate programs.
            bad = [p for p, m in files if m["part"] == "bad"]
            good = [p for p, m in files if m["part"].startswith("good")]
        else:
            bad = good = paths
        if not bad or not good:
            raise SystemExit(f"error: case {name}: no bad or no good program among {', '.join(map(os.path.basename, paths))}")
        random = any("globalReturnsTrueOrFalse" in open(p, errors="replace").read() for p in bad)
        cases[name] = {"bad": bad, "good": good, "kind": kind, "flow": flow, "random": random,
                       "lang": langs_here.pop()}
    return cases


def find_root(path, tmp):
    """The Juliet root (the directory holding testcases/ and testcasesupport/), extracting an archive into tmp."""
    if os.path.isfile(path):
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                members = [n for n in z.namelist() if CWE_DIR in n or "testcasesupport/" in n]
                z.extractall(tmp, members)
        elif tarfile.is_tarfile(path):
            with tarfile.open(path) as t:
                members = [m for m in t.getmembers() if (CWE_DIR in m.name or "testcasesupport/" in m.name) and (m.isfile() or m.isdir())]
                t.extractall(tmp, members)
        else:
            raise SystemExit(f"error: {path}: neither a directory nor a zip or tar archive")
        path = tmp
    elif not os.path.isdir(path):
        raise SystemExit(f"error: {path}: no such directory or archive")
    hits = sorted(glob.glob(os.path.join(path, "**", "testcasesupport", "io.c"), recursive=True), key=len)
    if not hits:
        raise SystemExit(f"error: {path}: no testcasesupport/io.c in it (is it Juliet C/C++ 1.3?)")
    root = os.path.dirname(os.path.dirname(hits[0]))
    if not os.path.isdir(os.path.join(root, "testcases", CWE_DIR)):
        raise SystemExit(f"error: {root}: no testcases/{CWE_DIR} next to testcasesupport")
    return root


def run(cmd, timeout, env=None, cwd=None):
    """(status, stdout, stderr): status is the exit code, a negative signal number or 'timeout'."""
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""


def tail(b, n=1200):
    s = b.decode("utf-8", "replace") if isinstance(b, bytes) else b
    return s if len(s) <= n else "..." + s[-n:]


class Toolchain:
    def __init__(self, sanitizer, level, bin_dir, support, work):
        self.sanitizer, self.level, self.support = sanitizer, level, support
        if sanitizer == "umsan":
            self.cc = [os.path.join(bin_dir, "umsan-cc")]
            self.cxx = [os.path.join(bin_dir, "umsan-c++")]
            self.flags = []  # -fumsan-track-origins is the default
            self.opt_var = "UMSAN_OPTIONS"
        elif sanitizer == "msan":
            self.cc = ["clang-19"]
            self.cxx = ["clang++-19"]
            self.flags = ["-fsanitize=memory", "-fsanitize-memory-track-origins"]
            self.opt_var = "MSAN_OPTIONS"
        else:  # the native reference for the good programs' output
            self.cc, self.cxx, self.flags, self.opt_var = ["clang-19"], ["clang++-19"], [], None
        self.dir = os.path.join(work, f"{sanitizer}-{level}")
        os.makedirs(self.dir, exist_ok=True)
        self.io_obj = os.path.join(self.dir, "io.o")

    def base(self):
        return ["-" + self.level] + COMMON_FLAGS + self.flags + ["-I", self.support]

    def build_support(self):
        st, _, err = run(self.cc + self.base() + ["-c", os.path.join(self.support, "io.c"), "-o", self.io_obj], 300)
        if st != 0:
            raise SystemExit(f"error: {self.sanitizer} -{self.level}: io.c does not build:\n{tail(err)}")

    def build(self, sources, omit, exe, lang="cpp"):
        cmd = (self.cc if lang == "c" else self.cxx) + self.base() + ["-D" + omit] + sources + [self.io_obj, "-o", exe]
        st, _, err = run(cmd, 300)
        return None if st == 0 else f"exit {st}: {tail(err)}"

    def run(self, exe, log_dir, timeout):
        """(status, stdout, reports text)."""
        env = dict(os.environ)
        for k in ("UMSAN_OPTIONS", "MSAN_OPTIONS", "UMSAN_CONFIG"):
            env.pop(k, None)
        if os.path.isdir(log_dir):
            shutil.rmtree(log_dir)
        os.makedirs(log_dir)
        if self.opt_var:
            env[self.opt_var] = "log_path=" + os.path.join(log_dir, "log")
        st, out, err = run([exe], timeout, env=env, cwd=log_dir)
        logs = ""
        for f in sorted(glob.glob(os.path.join(log_dir, "log.*"))):
            logs += open(f, errors="replace").read()
        # A report on stderr would be a lost log_path: count it too.
        logs += err.decode("utf-8", "replace")
        return st, out, logs


def first_frames(logs, n=3):
    """The report's first lines (kind, #0, #1…), for --list."""
    lines = logs.splitlines()
    for i, l in enumerate(lines):
        if "WARNING:" in l:
            return " | ".join(x.strip() for x in lines[i:i + 1 + n])
    return ""


def run_case(name, case, tc, native, timeout, random_runs):
    """Results of one case for one toolchain: {"bad": outcome, "good": outcome, "detail": …}."""
    d = os.path.join(tc.dir, name)
    os.makedirs(d, exist_ok=True)
    res = {}
    report_re = REPORT_RE[tc.sanitizer]
    # Bad program.
    exe = os.path.join(d, "bad")
    err = tc.build(case["bad"], "OMITGOOD", exe, case["lang"])
    if err:
        res["bad"], res["bad_detail"] = "build-fail", err
    else:
        runs = random_runs if case["random"] else 1
        for attempt in range(runs):
            if attempt:
                time.sleep(1.02 - time.time() % 1)  # the next second: a new time(NULL) seed
            st, out, logs = tc.run(exe, os.path.join(d, "bad-log"), timeout)
            if report_re.search(logs):
                res["bad"], res["bad_detail"] = "detected", first_frames(logs)
                break
            res["bad"] = "missed" if st == 0 else "crash"
            res["bad_detail"] = f"exit {st}" + (": " + tail(logs, 600) if logs.strip() else "")
    # Good program.
    exe = os.path.join(d, "good")
    err = tc.build(case["good"], "OMITBAD", exe, case["lang"])
    if err:
        res["good"], res["good_detail"] = "build-fail", err
    else:
        st, out, logs = tc.run(exe, os.path.join(d, "good-log"), timeout)
        if report_re.search(logs):
            res["good"], res["good_detail"] = "false-report", first_frames(logs, 6)
        elif st != 0:
            res["good"], res["good_detail"] = "crash", f"exit {st}: {tail(logs, 600)}"
        elif native is not None:
            nexe = os.path.join(d, "good-native")
            nerr = native.build(case["good"], "OMITBAD", nexe, case["lang"])
            if nerr:
                res["good"], res["good_detail"] = "clean", "(native build failed: output not compared)"
            else:
                nst, nout, _ = native.run(nexe, os.path.join(d, "native-log"), timeout)
                if (nst, nout) != (st, out) and not case["random"]:
                    res["good"] = "mismatch"
                    res["good_detail"] = f"native exit {nst} {tail(nout, 200)!r} | umsan exit {st} {tail(out, 200)!r}"
                else:
                    res["good"] = "clean"
        else:
            res["good"] = "clean"
    shutil.rmtree(d, ignore_errors=True)
    return res


def table(rows, header):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    out = [fmt(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    return "\n".join(out + [fmt(r) for r in rows])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("juliet", nargs="?", help="Juliet C/C++ 1.3: a directory (holding testcases/ and testcasesupport/), or its .zip / tarball")
    ap.add_argument("--ci", action="store_true",
                    help="the vendored sample (fuzz/juliet-sample); exit 1 unless umsan reports every bad program "
                         "and runs every good one clean, with the native output")
    ap.add_argument("--levels", default="O0,O1", help="comma-separated optimization levels (default O0,O1)")
    ap.add_argument("--sanitizers", default="umsan,msan", help="comma-separated: umsan, msan (default both)")
    ap.add_argument("--lang", default="c,cpp", help="comma-separated: c, cpp — which test cases (default both)")
    ap.add_argument("--cases", help="only cases whose name (e.g. new_int_array_no_init_43) matches this regex")
    ap.add_argument("--bin", default=os.environ.get("UMSAN_BIN") or os.path.join(ROOT, "target", "release"),
                    help="directory holding umsan-cc and umsan-c++ (default $UMSAN_BIN, else target/release)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel builds/runs, at most 2 (default 2)")
    ap.add_argument("--timeout", type=float, default=10.0, help="run timeout in seconds (default 10)")
    ap.add_argument("--random-runs", type=int, default=16,
                    help="runs of a flow-12 bad program until it reports (default 16: it takes the flawed path "
                         "with probability 1/4, so 16 runs all miss it with probability 1%%)")
    ap.add_argument("--no-native", action="store_true", help="do not compare the good programs' stdout with a native build")
    ap.add_argument("--list", action="store_true", help="list the missed, crashed, failed and false-report cases")
    ap.add_argument("--out", help="directory for results.jsonl and summary.md (default fuzz/out/juliet-<timestamp>)")
    a = ap.parse_args()

    if a.ci:
        if a.juliet:
            ap.error("--ci runs the vendored sample; give no Juliet path")
        a.juliet = SAMPLE
    if not a.juliet:
        ap.error("give the Juliet root (a directory, .zip or tarball), or --ci")
    if not 1 <= a.jobs <= 2:
        ap.error("-j: 1 or 2 (the machine is shared)")
    levels = [l.strip().lstrip("-") for l in a.levels.split(",") if l.strip()]
    for l in levels:
        if not re.fullmatch(r"O[0-3sz]", l):
            ap.error(f"--levels: '{l}' is not an optimization level (O0, O1, O2, O3, Os, Oz)")
    langs = [l.strip() for l in a.lang.split(",") if l.strip()]
    for l in langs:
        if l not in LANGS:
            ap.error(f"--lang: unknown '{l}' (known: {', '.join(LANGS)})")
    sanitizers = [s.strip() for s in a.sanitizers.split(",") if s.strip()]
    for s in sanitizers:
        if s not in SANITIZERS:
            ap.error(f"--sanitizers: unknown '{s}' (known: {', '.join(SANITIZERS)})")
    if "umsan" in sanitizers and not os.access(os.path.join(a.bin, "umsan-c++"), os.X_OK):
        print(f"error: {a.bin}/umsan-c++ not found; run `cargo build --release` first (or pass --bin)", file=sys.stderr)
        return 2
    for tool in ("clang-19", "clang++-19"):
        if not shutil.which(tool):
            print(f"error: {tool} not found", file=sys.stderr)
            return 2

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out_dir = a.out or os.path.join(HERE, "out", f"juliet-{stamp}")
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="umsan-juliet-")
    t0 = time.monotonic()
    try:
        root = find_root(a.juliet, os.path.join(work, "src"))
        cases = find_cases(root, langs)
        if a.cases:
            cases = {n: c for n, c in cases.items() if re.search(a.cases, n)}
        if not cases:
            print(f"error: no CWE-457 {'/'.join(langs)} test case under {root}" + (f" matching {a.cases!r}" if a.cases else ""),
                  file=sys.stderr)
            return 2
        support = os.path.join(root, "testcasesupport")
        by_lang = collections.Counter({"c": "C", "cpp": "C++"}[c["lang"]] for c in cases.values())
        print(f"juliet: {' and '.join(f'{n} {l}' for l, n in sorted(by_lang.items()))} cases of CWE-457 under {root}; "
              f"levels {', '.join(levels)}; "
              f"{', '.join(sanitizers)}", flush=True)

        results = {}  # (sanitizer, level) -> {case: res}
        with open(os.path.join(out_dir, "results.jsonl"), "w") as rf, \
                concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            for level in levels:
                native = None if a.no_native else Toolchain("native", level, a.bin, support, work)
                if native:
                    native.build_support()
                for san in sanitizers:
                    tc = Toolchain(san, level, a.bin, support, work)
                    tc.build_support()
                    futs = {pool.submit(run_case, n, c, tc, native if san == "umsan" else None,
                                        a.timeout, a.random_runs): n for n, c in sorted(cases.items())}
                    res = results[(san, level)] = {}
                    for i, f in enumerate(concurrent.futures.as_completed(futs)):
                        n = futs[f]
                        res[n] = f.result()
                        rf.write(json.dumps({"sanitizer": san, "level": level, "case": n, **res[n]}) + "\n")
                        rf.flush()
                        if (i + 1) % 50 == 0:
                            print(f"  {san} -{level}: {i + 1}/{len(cases)}", flush=True)
                    c = collections.Counter(r["bad"] for r in res.values())
                    g = collections.Counter(r["good"] for r in res.values())
                    print(f"{san} -{level}: bad detected {c['detected']}/{len(cases)}, good false reports "
                          f"{g['false-report']} ({time.monotonic() - t0:.0f}s)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # Tables.
    header = ["level", "sanitizer", "cases", "bad detected", "missed", "bad crash", "good false reports",
              "good crash", "good mismatch", "build failures"]
    rows = []
    for (san, level), res in results.items():
        b = collections.Counter(r["bad"] for r in res.values())
        g = collections.Counter(r["good"] for r in res.values())
        rows.append(["-" + level, san, len(res), b["detected"], b["missed"], b["crash"], g["false-report"],
                     g["crash"], g["mismatch"] if san == "umsan" and not a.no_native else "-",
                     b["build-fail"] + g["build-fail"]])
    lines = [table(rows, header), ""]
    for group, keyf in (("language", lambda c: {"c": "C", "cpp": "C++"}[c["lang"]]),
                        ("data kind", lambda c: data_kind(c["kind"])), ("flow variant", lambda c: flow_kind(c["flow"]))):
        keys = sorted({keyf(c) for c in cases.values()})
        hdr = [group, "cases"] + [f"{s} -{l}" for (s, l) in results]
        rs = []
        for k in keys:
            names = [n for n, c in cases.items() if keyf(c) == k]
            rs.append([k, len(names)] + [sum(res[n]["bad"] == "detected" for n in names) for res in results.values()])
        lines += [f"Bad programs detected, by {group}:", "", table(rs, hdr), ""]
    listing = []
    for (san, level), res in results.items():
        for n in sorted(res):
            r = res[n]
            if r["bad"] != "detected":
                listing.append(f"{san} -{level} bad  {r['bad']:<12} {n}: {r.get('bad_detail', '')[:300]}")
            if r["good"] != "clean":
                listing.append(f"{san} -{level} good {r['good']:<12} {n}: {r.get('good_detail', '')[:300]}")
    # umsan misses where MemorySanitizer detects: what issue 17 measures.
    worse = []
    for level in levels:
        u, m = results.get(("umsan", level)), results.get(("msan", level))
        if u and m:
            worse += [f"-{level} {n}" for n in sorted(cases) if m[n]["bad"] == "detected" and u[n]["bad"] != "detected"]
    summary = "\n".join(lines)
    print()
    print(summary)
    if results.get(("umsan", levels[0])) is not None and ("msan", levels[0]) in results:
        print(f"umsan misses where MemorySanitizer detects: {len(worse)}" + ("".join("\n  " + w for w in worse)))
    if a.list:
        print("\n".join(["", "Not detected / not clean:"] + ["  " + l for l in listing]))
    with open(os.path.join(out_dir, "summary.md"), "w") as f:
        f.write(summary + "\n\nNot detected / not clean:\n" + "\n".join(listing) + "\n")
    print(f"results: {out_dir} ({time.monotonic() - t0:.0f}s)")

    if a.ci:
        # The sample holds cases umsan must detect: every bad program reported, every good one clean.
        bad = [f"{s} -{l} {n}: {r['bad']}" for (s, l), res in results.items() if s == "umsan"
               for n, r in sorted(res.items()) if r["bad"] != "detected"]
        bad += [f"{s} -{l} {n}: good {r['good']}" for (s, l), res in results.items() if s == "umsan"
                for n, r in sorted(res.items()) if r["good"] != "clean"]
        print("juliet --ci: " + ("ok" if not bad else "FAILED\n  " + "\n  ".join(bad)))
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
