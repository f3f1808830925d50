#!/bin/sh
# Install umsan for everyday use: scripts/install.sh [PREFIX] (default ~/.local)
#   PREFIX/bin/{umsan,umsan-cc,umsan-c++,cargo-umsan}  (umsan-c++ -> umsan-cc)
#   PREFIX/lib/umsan/{libumsan_pass.so,libumsan_rt.a}
#   PREFIX/share/umsan/cmake/umsan-toolchain.cmake, PREFIX/share/umsan/meson/umsan-native.ini
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
mkdir -p "$prefix/share/umsan/cmake" "$prefix/share/umsan/meson"
install -m 644 cmake/umsan-toolchain.cmake "$prefix/share/umsan/cmake/umsan-toolchain.cmake"
install -m 644 meson/umsan-native.ini "$prefix/share/umsan/meson/umsan-native.ini"
echo "installed umsan into $prefix (add $prefix/bin to PATH)"
