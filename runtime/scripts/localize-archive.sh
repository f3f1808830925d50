#!/bin/sh
# localize-archive.sh IN.a OUT.a
#
# Turn libumsan_rt.a (a Rust staticlib: the runtime plus its own copy of Rust
# std) into an archive whose only global symbols are the runtime's interface:
# __umsan_*, umsan_*, MemorySanitizer's interface (__msan_*, __sanitizer_*), the interposed allocator/mmap functions, and the
# DW.ref.* COMDAT personality references. Everything else (std, the
# allocator shim __rust_alloc & co.) becomes local, so the result links into
# a *Rust* binary (cargo umsan) or next to another Rust staticlib without
# "duplicate symbol" errors. It is one relocatable object holding just the
# members reachable from __umsan_preinit_anchor.
#
# Link it exactly like libumsan_rt.a (with -Wl,-u,__umsan_preinit_anchor).
set -eu
in=$1
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ld -r -u __umsan_preinit_anchor -o "$tmp/umsan_rt.o" "$in"
keep="--wildcard --keep-global-symbol=__umsan_* --keep-global-symbol=umsan_* --keep-global-symbol=__msan_* --keep-global-symbol=__sanitizer_* --keep-global-symbol=DW.ref.*"
for s in malloc free calloc realloc reallocarray memalign posix_memalign \
         aligned_alloc valloc pvalloc mmap mmap64 munmap; do
    keep="$keep --keep-global-symbol=$s"
done
# shellcheck disable=SC2086
objcopy $keep "$tmp/umsan_rt.o"
rm -f "$out.tmp"
# binutils ar may load the LLVM LTO plugin, which rejects Rust objects.
if command -v llvm-ar-19 >/dev/null 2>&1; then
    llvm-ar-19 rcs "$out.tmp" "$tmp/umsan_rt.o"
else
    ar --plugin /dev/null rcs "$out.tmp" "$tmp/umsan_rt.o" 2>/dev/null ||
        ar rcs "$out.tmp" "$tmp/umsan_rt.o"
fi
mv "$out.tmp" "$out"
