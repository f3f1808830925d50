#!/usr/bin/env python3
"""Csmith differential testing for umsan (issue 8, part 1).

For each seed: generate a UB-free Csmith program, build it natively with
clang-19 at -O0 and -O2, run it (timeout), and use the native -O0 output as
the reference (seeds whose native builds fail, time out, or disagree with each
other are skipped). Then build it with umsan-cc in each variant (default
-O0 and -O2), run it, and require:

  * the build succeeds                      (else: compile-fail)
  * no umsan report on stderr               (else: false-report)
  * exit status 0                           (else: crash / bad-exit)
  * no timeout                              (else: timeout)
  * stdout identical to the native output   (else: mismatch)

Csmith programs never read uninitialized memory, so every report is a false
report and every output difference is a semantics change.

Usage: see fuzz/README.md or `fuzz/csmith.sh --help`.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

REPORT_RE = re.compile(r"==\d+==WARNING: umsan: |umsan: (error|fatal)|SUMMARY: umsan")

# Fixed seeds for --ci: a stable sample, so that a CI failure is reproducible.
CI_SEEDS = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]

DEFAULT_VARIANTS = ["O0", "O2"]
# A variant is "O<level>[+origins|+noorigins][+eager]" (umsan-cc's default
# tracks origins; +noorigins is the configuration without them).
VARIANT_FLAGS = {
    "origins": ["-fumsan-track-origins"],
    "noorigins": ["-fno-umsan-track-origins"],
    "eager": ["-fumsan-eager-checks"],
    "g": ["-g"],
}


def variant_flags(v):
    parts = v.split("+")
    flags = ["-" + parts[0]]
    for p in parts[1:]:
        if p not in VARIANT_FLAGS:
            raise SystemExit(f"unknown variant modifier '{p}' in '{v}' (known: {', '.join(VARIANT_FLAGS)})")
        flags += VARIANT_FLAGS[p]
    return flags


def run(cmd, timeout, cwd=None, env=None):
    """Run cmd; return (status, stdout, stderr, seconds). status is the exit
    code, a negative signal number, or 'timeout'."""
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout)
        st = p.returncode
        out, err = p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        st = "timeout"
        out, err = e.stdout or b"", e.stderr or b""
    return st, out, err, time.monotonic() - t0


def tail(b, n=1500):
    s = b.decode("utf-8", "replace")
    return s if len(s) <= n else "..." + s[-n:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300, help="number of programs (default 300)")
    ap.add_argument("--seed-start", type=int, default=1, help="first seed (seeds are consecutive)")
    ap.add_argument("--seeds", help="explicit comma-separated seed list (overrides --count/--seed-start)")
    ap.add_argument("--ci", action="store_true", help=f"fixed small sample ({len(CI_SEEDS)} seeds), exit non-zero on any failure")
    ap.add_argument("--bin", default=os.environ.get("UMSAN_BIN") or (
                        os.path.join(os.environ["UMSAN_PREFIX"], "bin") if os.environ.get("UMSAN_PREFIX")
                        else os.path.join(ROOT, "target", "release")),
                    help="directory holding umsan-cc (default $UMSAN_BIN, else $UMSAN_PREFIX/bin for an "
                         "installed copy, else target/release)")
    ap.add_argument("--variants", default=",".join(DEFAULT_VARIANTS),
                    help="comma-separated umsan build variants, e.g. O0,O2,O1+origins,O2+eager (default O0,O2)")
    ap.add_argument("--timeout", type=float, default=10.0, help="run timeout in seconds, native and umsan (default 10)")
    ap.add_argument("--slow-timeout", type=float, default=60.0,
                    help="an umsan run that times out is retried with this timeout to tell slow from hung (default 60)")
    ap.add_argument("--out", help="directory for failure artifacts and results.jsonl (default fuzz/out/csmith-<timestamp>)")
    ap.add_argument("--csmith-args", default="", help="extra csmith arguments")
    ap.add_argument("--include", default="/usr/include/csmith", help="Csmith runtime header directory")
    ap.add_argument("--cxx", action="store_true",
                    help="C++: csmith --lang-cpp, built with clang++-19 and umsan-c++")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()

    csmith = shutil.which("csmith")
    if not csmith or not os.path.isfile(os.path.join(a.include, "csmith.h")):
        print("NOTICE: csmith (or its headers in %s) is not installed; skipping Csmith differential testing.\n"
              "        Install with: apt-get install -y csmith libcsmith-dev" % a.include)
        return 0
    clang_name, umsan_name, suffix = ("clang++-19", "umsan-c++", "cpp") if a.cxx else ("clang-19", "umsan-cc", "c")
    clang = shutil.which(clang_name)
    if not clang:
        print(f"error: {clang_name} not found", file=sys.stderr)
        return 2
    umsan_cc = os.path.join(a.bin, umsan_name)
    if not os.access(umsan_cc, os.X_OK):
        print(f"error: {umsan_cc} not found; run `cargo build --release` first (or pass --bin)", file=sys.stderr)
        return 2

    if a.seeds:
        seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    elif a.ci:
        seeds = CI_SEEDS
    else:
        seeds = list(range(a.seed_start, a.seed_start + a.count))
    variants = [v.strip() for v in a.variants.split(",") if v.strip()]
    for v in variants:
        variant_flags(v)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out_dir = a.out or os.path.join(HERE, "out", f"csmith-{stamp}")
    os.makedirs(out_dir, exist_ok=True)
    results_path = os.path.join(out_dir, "results.jsonl")
    results = open(results_path, "a")

    # Csmith's C++ is C++03 (C++11 rejects its narrowing initializers).
    base_flags = ["-w", "-I" + a.include] + (["-std=gnu++03"] if a.cxx else [])
    csmith_extra = a.csmith_args.split() + (["--lang-cpp"] if a.cxx else [])
    # Keep the run environment free of a user's UMSAN_OPTIONS so defaults apply.
    env = dict(os.environ)
    env.pop("UMSAN_OPTIONS", None)
    env.pop("UMSAN_CONFIG", None)

    counts = {"tested": 0, "skipped": 0, "pass": 0, "fail": 0}
    fail_kinds = {}
    skip_kinds = {}
    failures = []
    t_start = time.monotonic()
    work = tempfile.mkdtemp(prefix="umsan-csmith-")
    try:
        for i, seed in enumerate(seeds):
            d = os.path.join(work, str(seed))
            os.makedirs(d, exist_ok=True)
            src = os.path.join(d, f"csmith-{seed}.{suffix}")
            rec = {"seed": seed, "variants": {}}
            st, _, err, _ = run([csmith, "--seed", str(seed), "-o", src] + csmith_extra, 60, cwd=d)
            if st != 0:
                rec["skip"] = "csmith-failed"
            else:
                # Native reference.
                native = {}
                for lvl in ("O0", "O2"):
                    exe = os.path.join(d, f"native-{lvl}")
                    st, _, err, _ = run([clang, "-" + lvl] + base_flags + [src, "-o", exe], 120)
                    if st != 0:
                        rec["skip"] = f"native-build-failed-{lvl}"
                        break
                    st, out, err, secs = run([exe], a.timeout, cwd=d)
                    if st == "timeout":
                        rec["skip"] = f"native-timeout-{lvl}"
                        break
                    if st != 0:
                        rec["skip"] = f"native-exit-{st}-{lvl}"
                        break
                    native[lvl] = (out, secs)
                if "skip" not in rec and native["O0"][0] != native["O2"][0]:
                    rec["skip"] = "native-O0-O2-disagree"
            if "skip" in rec:
                counts["skipped"] += 1
                skip_kinds[rec["skip"]] = skip_kinds.get(rec["skip"], 0) + 1
                results.write(json.dumps(rec) + "\n")
                results.flush()
                if not a.quiet:
                    print(f"[{i+1}/{len(seeds)}] seed {seed}: SKIP ({rec['skip']})", flush=True)
                shutil.rmtree(d, ignore_errors=True)
                continue

            ref = native["O0"][0]
            rec["checksum"] = ref.decode("utf-8", "replace").strip().splitlines()[-1] if ref.strip() else ""
            rec["native_secs"] = round(native["O0"][1], 3)
            counts["tested"] += 1
            seed_fail = []
            for v in variants:
                vr = {}
                exe = os.path.join(d, f"umsan-{v}")
                cmd = [umsan_cc] + variant_flags(v) + base_flags + [src, "-o", exe]
                st, out, err, secs = run(cmd, 300, env=env)
                vr["compile_secs"] = round(secs, 2)
                if st != 0:
                    vr["kind"] = "compile-fail" if st != "timeout" else "compile-timeout"
                    vr["detail"] = f"{umsan_name} exit {st}: " + tail(err)
                else:
                    st, out, err, secs = run([exe], a.timeout, cwd=d, env=env)
                    if st == "timeout":
                        st2, out2, err2, secs2 = run([exe], a.slow_timeout, cwd=d, env=env)
                        if st2 == "timeout":
                            vr["kind"] = "timeout"
                            vr["detail"] = f"no exit within {a.slow_timeout}s (native {native['O0'][1]:.2f}s)"
                        else:
                            vr["slow"] = round(secs2, 2)
                            st, out, err, secs = st2, out2, err2, secs2
                    vr["run_secs"] = round(secs, 3)
                    if "kind" not in vr:
                        serr = err.decode("utf-8", "replace")
                        if REPORT_RE.search(serr):
                            vr["kind"] = "false-report"
                            vr["detail"] = tail(err, 4000)
                        elif st != 0:
                            vr["kind"] = "crash" if (isinstance(st, int) and st < 0) else "bad-exit"
                            vr["detail"] = f"exit {st}: " + tail(err)
                        elif out != ref:
                            vr["kind"] = "mismatch"
                            vr["detail"] = ("native: " + tail(ref, 300) + " | umsan: " + tail(out, 300))
                        elif "slow" in vr:
                            vr["kind"] = "slow"  # recorded, not a failure
                if vr.get("kind") and vr["kind"] != "slow":
                    seed_fail.append((v, vr["kind"]))
                    fail_kinds[vr["kind"]] = fail_kinds.get(vr["kind"], 0) + 1
                rec["variants"][v] = vr
            results.write(json.dumps(rec) + "\n")
            results.flush()
            if seed_fail:
                counts["fail"] += 1
                failures.append((seed, seed_fail))
                fd = os.path.join(out_dir, "failures", f"seed-{seed}")
                os.makedirs(fd, exist_ok=True)
                shutil.copy(src, fd)
                with open(os.path.join(fd, "native.out"), "wb") as f:
                    f.write(ref)
                with open(os.path.join(fd, "result.json"), "w") as f:
                    json.dump(rec, f, indent=2)
                msg = ", ".join(f"{v}: {k}" for v, k in seed_fail)
                print(f"[{i+1}/{len(seeds)}] seed {seed}: FAIL ({msg})", flush=True)
            else:
                counts["pass"] += 1
                if not a.quiet:
                    print(f"[{i+1}/{len(seeds)}] seed {seed}: ok {rec['checksum']}", flush=True)
            shutil.rmtree(d, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        results.close()

    elapsed = time.monotonic() - t_start
    summary = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "seeds": f"{seeds[0]}..{seeds[-1]}" if len(seeds) > 1 else str(seeds[0]),
        "programs": len(seeds),
        "variants": variants,
        **counts,
        "failure_kinds": fail_kinds,
        "skip_kinds": skip_kinds,
        "failed_seeds": [s for s, _ in failures],
        "elapsed_secs": round(elapsed, 1),
    }
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print()
    print(f"csmith: {len(seeds)} programs, {counts['tested']} tested x {len(variants)} variants "
          f"({', '.join(variants)}), {counts['skipped']} skipped, {counts['fail']} failing seeds, "
          f"{elapsed:.0f}s")
    if fail_kinds:
        print("failure kinds: " + ", ".join(f"{k}={n}" for k, n in sorted(fail_kinds.items())))
        for s, f in failures:
            print(f"  seed {s}: " + ", ".join(f"{v}: {k}" for v, k in f))
    if skip_kinds:
        print("skips: " + ", ".join(f"{k}={n}" for k, n in sorted(skip_kinds.items())))
    print(f"results: {out_dir}")
    print(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skipped']} skipped")
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
