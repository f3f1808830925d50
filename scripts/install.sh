#!/bin/sh
# Install umsan for everyday use: scripts/install.sh [PREFIX] (default ~/.local)
#   PREFIX/bin/{umsan,umsan-cc,umsan-c++,cargo-umsan}  (umsan-c++ -> umsan-cc)
#   PREFIX/lib/umsan/{libumsan_pass.so,libumsan_rt.a}
# The tools find the plugin and runtime in ../lib/umsan relative to
# themselves; umsan.h is built into umsan-cc.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$HOME/.local}
cd "$root"
cargo build --release --quiet
mkdir -p "$prefix/bin" "$prefix/lib/umsan"
for tool in umsan umsan-cc cargo-umsan; do
    install -m 755 "target/release/$tool" "$prefix/bin/$tool"
done
# The C++ wrapper is umsan-cc run under a name ending in ++.
ln -sf umsan-cc "$prefix/bin/umsan-c++"
install -m 755 target/release/libumsan_pass.so "$prefix/lib/umsan/libumsan_pass.so"
install -m 644 target/release/libumsan_rt.a "$prefix/lib/umsan/libumsan_rt.a"
echo "installed umsan into $prefix (add $prefix/bin to PATH)"
