#!/bin/sh
# Report throughput on a real test suite that reports everywhere: libpng
# 1.6's own `make check`, with a one-line patch that uses an uninitialized
# heap byte (the last padding byte of big_row_buf, which png_malloc leaves
# uninitialized for non-interlaced images) in a branch, built with umsan-cc
# and with MemorySanitizer (-fsanitize-recover and origins, as
# realprojects/run.py builds it), each suite run with halt_on_error=0 and
# log_path. Prints per configuration: wall and CPU time of the suite, tests
# passed/failed, reports printed, log files written.
#
#   [SITE=image|row] bench/suite_report_rate.sh [ORIG_TARBALL] [TESTS]
#
# SITE=image (default): the use is in png_read_start_row, once per image
# read; SITE=row: in png_read_row, once per row read (MemorySanitizer then
# prints hundreds of thousands of reports per test program).
# ORIG_TARBALL: libpng's orig tarball (default: fetched with
# `apt-get source --download-only libpng1.6`; needs deb-src, which
# realprojects/run.py enables). TESTS: the suite's tests to run (default:
# all but tests/pngimage-full, the --exhaustive one that takes over an hour
# under either sanitizer). Run from the repository root after
# `cargo build --release`; builds one configuration at a time (-j2).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
tarball=${1:-}
tests_arg=${2:-}
if [ -z "$tarball" ]; then
    (cd "$work" && apt-get source --download-only libpng1.6 >/dev/null 2>&1)
    tarball=$(ls "$work"/libpng1.6_*.orig.tar.* | head -n 1)
fi
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")

# The one-line patch.
case ${SITE:-image} in
image) file=pngrutil.c anchor='png_ptr->old_big_row_buf_size = row_bytes + 48;' ;;
row) file=pngread.c anchor='png_read_IDAT_data(png_ptr, png_ptr->row_buf, row_info.rowbytes + 1);' ;;
*) echo "SITE must be image or row" >&2; exit 2 ;;
esac
line='   { static volatile int umsan_bench_sink; if (png_ptr->big_row_buf[png_ptr->old_big_row_buf_size - 1] == 0x5a) umsan_bench_sink++; }'

for cfg in umsan msan; do
    dir="$work/$cfg"
    mkdir -p "$dir/logs"
    tar -xf "$tarball" -C "$dir"
    src=$(ls -d "$dir"/libpng-*/)
    grep -qF "$anchor" "$src/$file" || { echo "patch anchor not found in $file" >&2; exit 2; }
    awk -v a="$anchor" -v l="$line" '{ print } index($0, a) { print l }' "$src/$file" >"$src/$file.new"
    mv "$src/$file.new" "$src/$file"
    case $cfg in
    umsan) cc="$root/target/release/umsan-cc" cflags="-g -O2" ;;
    msan) cc=clang-19 cflags="-g -O2 -fsanitize=memory -fsanitize-recover=memory -fsanitize-memory-track-origins" ;;
    esac
    (cd "$src" && CC="$cc" CFLAGS="$cflags" LDFLAGS="$cflags" ./configure --disable-shared >"$dir/build.log" 2>&1 &&
        make -j2 >>"$dir/build.log" 2>&1) || { echo "$cfg: build failed, see $dir/build.log" >&2; exit 1; }
    tests=${tests_arg:-$(sed -n '/^TESTS *=/,/^[^ \t]*$/p' "$src/Makefile" | tr -d '\\' | tr ' \t' '\n\n' |
        grep '^tests/' | grep -v '^tests/pngimage-full$' | tr '\n' ' ')}
    opts="halt_on_error=0:log_path=$dir/logs/r"
    (cd "$src" && UMSAN_OPTIONS="$opts" MSAN_OPTIONS="$opts" /usr/bin/time -f '%e %U %S' -o "$dir/time" \
        make -j2 check TESTS="$tests" >"$dir/test.log" 2>&1) || true
    read -r wall user sys <"$dir/time"
    passed=$(sed -n 's/^# PASS: *//p' "$dir/test.log")
    failed=$(sed -n 's/^# FAIL: *//p' "$dir/test.log")
    reports=$(cat "$dir"/logs/r.* 2>/dev/null | grep -c 'WARNING: ' || true)
    files=$(ls "$dir"/logs | wc -l)
    echo "$cfg: $wall s wall, $(awk "BEGIN { print $user + $sys }") s CPU; tests passed ${passed:-?}, failed ${failed:-?}; $reports reports in $files log files"
done
