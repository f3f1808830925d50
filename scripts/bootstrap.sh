#!/bin/sh
# Make sure the LLVM 19 toolchain umsan builds against is installed.
#
# Idempotent: when every tool and the MemorySanitizer runtime (used for
# comparisons in tests) are present, it does nothing and exits 0. Otherwise,
# when run as root on a system with apt-get, it installs the Debian packages
# below; if it cannot install them, it lists what is missing and exits 1.
#
# The build-integration tests (compiler caches, distributed compiles, build
# systems: driver/tests/caches.rs, driver/tests/build_systems.rs) also need
# ccache, sccache, distcc, cmake, meson and ninja: they are installed the
# same way when missing; if they cannot be, bootstrap warns and succeeds
# (those tests then print SKIP).
#
# Environment (for testing the detection logic):
#   UMSAN_BOOTSTRAP_DRY_RUN=1  print the install command instead of running it
#   UMSAN_BOOTSTRAP_MSAN_RT=PATH  check this file instead of the msan runtime
#   UMSAN_BOOTSTRAP_EXTRA_TOOLS="..."  check these tools instead of the
#     build-integration ones
set -eu

PACKAGES="clang-19 llvm-19-dev llvm-19-tools libclang-rt-19-dev lld-19"
# System libraries the tests link uninstrumented (configs/compression.toml,
# configs/gmp.toml, configs/pcre2.toml):
# header checked, package that provides it.
LIBS="zlib.h:zlib1g-dev bzlib.h:libbz2-dev lzma.h:liblzma-dev zstd.h:libzstd-dev brotli/decode.h:libbrotli-dev x86_64-linux-gnu/gmp.h:libgmp-dev pcre2.h:libpcre2-dev"
for lib in $LIBS; do
    PACKAGES="$PACKAGES ${lib#*:}"
done
TOOLS="clang-19 opt-19 FileCheck-19 llvm-config-19 ld.lld-19"
MSAN_RT="${UMSAN_BOOTSTRAP_MSAN_RT:-/usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.msan-x86_64.a}"
EXTRA_PACKAGES="ccache sccache distcc cmake meson ninja-build"
EXTRA_TOOLS="${UMSAN_BOOTSTRAP_EXTRA_TOOLS:-ccache sccache distcc distccd cmake meson ninja}"

missing=""
for tool in $TOOLS; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        missing="$missing $tool"
    fi
done
if [ ! -f "$MSAN_RT" ]; then
    missing="$missing $MSAN_RT"
fi
for lib in $LIBS; do
    if [ ! -f "/usr/include/${lib%%:*}" ]; then
        missing="$missing /usr/include/${lib%%:*}"
    fi
done
extra_missing=""
for tool in $EXTRA_TOOLS; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        extra_missing="$extra_missing $tool"
    fi
done

if [ -z "$missing" ]; then
    echo "bootstrap: LLVM 19 toolchain present (clang-19 opt-19 FileCheck-19 llvm-config-19 ld.lld-19, msan runtime, test libraries)"
    if [ -z "$extra_missing" ]; then
        exit 0
    fi
else
    echo "bootstrap: missing:$missing"
fi
if [ -n "$extra_missing" ]; then
    echo "bootstrap: missing (build-integration tests):$extra_missing"
fi

uid=$(id -u 2>/dev/null || echo 1)
if [ "$uid" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    if [ "$uid" != 0 ]; then why="not running as root"; else why="apt-get not found"; fi
    if [ -z "$missing" ]; then
        echo "bootstrap: warning: cannot install $EXTRA_PACKAGES ($why); the tests that need them will print SKIP" >&2
        exit 0
    fi
    echo "bootstrap: error: cannot install automatically ($why)." >&2
    echo "bootstrap: install these Debian packages, e.g. as root:" >&2
    echo "    apt-get update && apt-get install -y $PACKAGES" >&2
    echo "bootstrap: (and, for the build-integration tests: $EXTRA_PACKAGES)" >&2
    exit 1
fi

if [ "${UMSAN_BOOTSTRAP_DRY_RUN:-0}" = 1 ]; then
    if [ -n "$missing" ]; then
        echo "bootstrap: would run: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $PACKAGES"
    fi
    if [ -n "$extra_missing" ]; then
        echo "bootstrap: would run: DEBIAN_FRONTEND=noninteractive apt-get install -y $EXTRA_PACKAGES"
    fi
    exit 0
fi

apt-get update
if [ -n "$missing" ]; then
    echo "bootstrap: installing $PACKAGES"
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    DEBIAN_FRONTEND=noninteractive apt-get install -y $PACKAGES
fi
if [ -n "$extra_missing" ]; then
    echo "bootstrap: installing $EXTRA_PACKAGES"
    # shellcheck disable=SC2086
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y $EXTRA_PACKAGES; then
        echo "bootstrap: warning: could not install $EXTRA_PACKAGES; the tests that need them will print SKIP" >&2
    fi
fi
