#!/bin/sh
# README command 2: install the toolchain if needed, build umsan, and run
# every test (unit tests, C file tests, IR tests, acceptance tests).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/bootstrap.sh
cargo build --release
exec cargo test --release "$@"
