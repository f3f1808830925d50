#!/usr/bin/env python3
"""Summarize a fuzz/out/*/results.jsonl (also for runs stopped early).

  python3 fuzz/summarize.py fuzz/out/csmith-main/results.jsonl
"""
import json
import sys
from collections import Counter


def main(path):
    recs = [json.loads(l) for l in open(path) if l.strip()]
    if not recs:
        print("no records")
        return
    if "seed" in recs[0]:
        skips = Counter(r["skip"] for r in recs if "skip" in r)
        tested = [r for r in recs if "skip" not in r]
        kinds, slow, bad = Counter(), 0, []
        variants = Counter()
        for r in tested:
            for v, vr in r["variants"].items():
                variants[v] += 1
                k = vr.get("kind")
                if k == "slow":
                    slow += 1
                elif k:
                    kinds[k] += 1
                    bad.append((r["seed"], v, k))
        seeds = [r["seed"] for r in recs]
        print(f"csmith: {len(recs)} programs (seeds {min(seeds)}..{max(seeds)}), {len(tested)} tested, "
              f"{len(skips)and sum(skips.values())} skipped {dict(skips)}")
        print(f"variant runs: {dict(variants)}; failures: {dict(kinds) or 'none'}; slow (>timeout, passed on retry): {slow}")
        for s, v, k in bad:
            print(f"  seed {s} {v}: {k}")
    else:
        kinds = Counter()
        runs = 0
        bad = []
        for r in recs:
            for v, vr in r["variants"].items():
                runs += 1
                if vr.get("kind"):
                    kinds[vr["kind"]] += 1
                    bad.append((r["input"], v, vr["kind"], vr.get("detail", "")))
        print(f"llvm-stress: {len(recs)} inputs, {runs} pass runs; failures: {dict(kinds) or 'none'}")
        for b in bad[:50]:
            print("  %s [%s]: %s: %s" % b)


if __name__ == "__main__":
    main(sys.argv[1])
