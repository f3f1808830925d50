#!/bin/sh
# Build the demo with umsan-cc and run it: umsan reports the uninitialized
# checksum of the version 1 packet, with the file:line of the comparison.
# Works from any directory; needs `cargo build --release` at the repo root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cc="$root/target/release/umsan-cc"
if [ ! -x "$cc" ]; then
    echo "run.sh: $cc not found: run \`cargo build --release\` in $root first" >&2
    exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$cc" -g -O2 "$here/parse.c" -o "$out/parse"
echo "\$ umsan-cc -g -O2 parse.c -o parse && ./parse"
status=0
"$out/parse" 2>&1 || status=$?
echo "(exit status $status)"
