#!/bin/sh
# README command 1: install the toolchain if needed, build umsan, and run it
# on the bundled demo (examples/demo), which shows a real report.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/bootstrap.sh
cargo build --release --quiet
exec ./examples/demo/run.sh
