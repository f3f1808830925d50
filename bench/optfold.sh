#!/usr/bin/env bash
# Reads the optimizer would fold away (issue 20): for each report case of
# tests/c/optfold, the number of reports at -O0/-O1/-O2/-O3 under
# MemorySanitizer (clang-19 -fsanitize=memory), umsan (default) and umsan
# with -fno-umsan-uninit-locals. Usage: bench/optfold.sh (after
# `cargo build --release`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cc="$root/target/release/umsan-cc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
count() { # program, marker text
    "$1" >/dev/null 2>"$work/err" || true
    grep -c "$2" "$work/err" || true
}
printf '%-16s %-3s %5s %6s %15s\n' case opt msan umsan umsan-nolocals
for src in "$root"/tests/c/optfold/*.c; do
    grep -q '^// EXPECT: report' "$src" || continue
    name="$(basename "$src" .c)"
    for o in 0 1 2 3; do
        clang-19 -fsanitize=memory -g -O$o "$src" -o "$work/m" 2>/dev/null
        "$cc" -g -O$o "$src" -o "$work/u" 2>/dev/null
        "$cc" -fno-umsan-uninit-locals -g -O$o "$src" -o "$work/n" 2>/dev/null
        printf '%-16s O%-2s %5s %6s %15s\n' "$name" "$o" \
            "$(count "$work/m" 'WARNING: MemorySanitizer')" \
            "$(count "$work/u" 'WARNING: umsan')" \
            "$(count "$work/n" 'WARNING: umsan')"
    done
done
