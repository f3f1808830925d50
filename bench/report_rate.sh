#!/bin/sh
# Report throughput with halt_on_error=0: umsan against MemorySanitizer
# (which prints every report; umsan prints each distinct one once).
#   bench/report_rate.sh [REPEATS] [DISTINCT] [PROCESSES]
# Run from the repository root after `cargo build --release`.
set -eu
repeats=${1:-300000}
distinct=${2:-100}
procs=${3:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$root/bench/drivers/report_rate.c"
"$root/target/release/umsan-cc" -O2 -g "$src" -o "$tmp/umsan"
clang-19 -O2 -g -fsanitize=memory -fsanitize-recover=memory -fno-sanitize-memory-param-retval "$src" -o "$tmp/msan"
export UMSAN_OPTIONS=halt_on_error=0 MSAN_OPTIONS=halt_on_error=0
echo "umsan repeat:   $("$tmp/umsan" repeat "$repeats" 2>/dev/null)"
echo "msan  repeat:   $("$tmp/msan" repeat $((repeats / 100)) 2>/dev/null || true) (every one printed)"
echo "umsan distinct: $("$tmp/umsan" distinct "$distinct" 2>/dev/null)"
echo "msan  distinct: $("$tmp/msan" distinct "$distinct" 2>/dev/null || true)"
for t in umsan msan; do
    start=$(date +%s%N)
    i=0
    while [ $i -lt "$procs" ]; do
        "$tmp/$t" once >/dev/null 2>&1 || true
        i=$((i + 1))
    done
    end=$(date +%s%N)
    echo "$t  $procs processes with one report each: $(( (end - start) / procs / 1000 )) us per process"
done
