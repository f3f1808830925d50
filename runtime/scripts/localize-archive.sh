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
# members reachable from __umsan_preinit_anchor, plus the C++ members
# (operator new wrappers, exception stack cleaning: runtime/build.rs) as
# members of their own, as in slim-archive.sh: only binaries with
# instrumented C++ (a `cc` crate built with `.cpp(true)`) pull them in, and
# with them libstdc++; the runtime functions they call are kept.
#
# Link it exactly like libumsan_rt.a (with -Wl,-u,__umsan_preinit_anchor).
set -eu
case $1 in /*) in=$1 ;; *) in=$PWD/$1 ;; esac
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v llvm-ar-19 >/dev/null 2>&1; then ar=llvm-ar-19; else ar=ar; fi
mkdir "$tmp/cxx"
roots="-u __umsan_preinit_anchor"
cxx_members=$("$ar" t "$in" | grep -E -- '-umsan_(cxx|eh)\.o$' || true)
for m in $cxx_members; do
    (cd "$tmp/cxx" && "$ar" x "$in" "$m")
    for s in $(nm -u "$tmp/cxx/$m" | awk '$2 ~ /^__umsan_/ { print $2 }'); do
        roots="$roots -u $s"
    done
done
cp "$in" "$tmp/rest.a"
for m in $cxx_members; do
    "$ar" d "$tmp/rest.a" "$m"
done
# shellcheck disable=SC2086 # one -u per word pair
ld -r $roots -o "$tmp/umsan_rt.o" "$tmp/rest.a"
keep="--wildcard --keep-global-symbol=__umsan_* --keep-global-symbol=umsan_* --keep-global-symbol=__msan_* --keep-global-symbol=__sanitizer_* --keep-global-symbol=DW.ref.*"
for s in malloc free calloc realloc reallocarray memalign posix_memalign \
         aligned_alloc valloc pvalloc mmap mmap64 munmap; do
    keep="$keep --keep-global-symbol=$s"
done
# shellcheck disable=SC2086
objcopy $keep "$tmp/umsan_rt.o"
rm -f "$out.tmp"
members="$tmp/umsan_rt.o"
for m in $cxx_members; do
    members="$members $tmp/cxx/$m"
done
# binutils ar may load the LLVM LTO plugin, which rejects Rust objects.
# shellcheck disable=SC2086 # one word per member
if [ "$ar" = llvm-ar-19 ]; then
    llvm-ar-19 rcs "$out.tmp" $members
else
    ar --plugin /dev/null rcs "$out.tmp" $members 2>/dev/null ||
        ar rcs "$out.tmp" $members
fi
mv "$out.tmp" "$out"
