#!/bin/sh
# slim-archive.sh IN.a OUT.a
#
# Make the copy of libumsan_rt.a that umsan-cc links into executables: one
# relocatable object holding only the code reachable from the runtime's
# interface, without debug information.
#
# libumsan_rt.a is a Rust staticlib: the runtime plus all of Rust std,
# addr2line/gimli and mimalloc, with their debug info (~40 MiB; linked as
# is, a 7 KiB program became an 11 MiB executable). Reports do not need the
# runtime's own debug info: they symbolize the *program's* frames from the
# program's debug info, and runtime frames (`in malloc`) from the symbol
# table, which is kept.
#
# Roots of the garbage collection: every global symbol the archive defines
# with a C name (the runtime's interface __umsan_*/umsan_*, the functions it
# interposes: malloc & co., mmap, signal, sigaction, …), except those of its
# own dependencies (Rust-mangled names, anon.*, mimalloc's mi_*, Rust's
# rust_*/__rust_* glue), which are kept only if reachable. .init_array and
# .preinit_array sections are always kept by the linker.
set -eu
in=$1
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v llvm-ar-19 >/dev/null 2>&1; then ar=llvm-ar-19; else ar=ar; fi
# The C++ members (operator new wrappers, exception stack cleaning: see
# runtime/build.rs) stay members of their own, stripped, so that only
# programs that need them pull them in (and with them libstdc++): their
# symbols are no roots of the one object below.
mkdir "$tmp/cxx"
: > "$tmp/cxx_syms"
cxx_members=$("$ar" t "$in" | grep -E -- '-umsan_(cxx|eh)\.o$' || true)
for m in $cxx_members; do
    (cd "$tmp/cxx" && "$ar" x "$in" "$m")
    nm -g --defined-only "$tmp/cxx/$m" | awk 'NF == 3 { print $3 }' >> "$tmp/cxx_syms"
    objcopy --strip-debug "$tmp/cxx/$m"
done
# The rest: the archive without them.
cp "$in" "$tmp/rest.a"
for m in $cxx_members; do
    "$ar" d "$tmp/rest.a" "$m"
done
nm -g --defined-only "$in" 2>/dev/null | awk 'NF == 3 { print $3 }' |
    grep -v -E '^(_ZN|_R|anon\.|mi_|_mi_|rust_|__rust|__rdl|__rg|DW\.ref\.)' |
    grep -v -x -F -f "$tmp/cxx_syms" |
    sort -u | sed 's/^/-u /' > "$tmp/roots"
if ! grep -q -- '-u __umsan_preinit_anchor$' "$tmp/roots"; then
    echo "slim-archive.sh: $in does not define __umsan_preinit_anchor: not the umsan runtime" >&2
    exit 1
fi
# shellcheck disable=SC2046 # one -u per line
ld -r --gc-sections $(cat "$tmp/roots") -o "$tmp/umsan_rt.o" "$tmp/rest.a"
# Local symbols only name the runtime's own internals (long Rust names): reports
# name runtime frames by their global symbols.
objcopy --strip-debug --strip-unneeded "$tmp/umsan_rt.o"
rm -f "$out.tmp"
# binutils ar may load the LLVM LTO plugin, which rejects Rust objects.
members="$tmp/umsan_rt.o"
for m in $cxx_members; do
    members="$members $tmp/cxx/$m"
done
# shellcheck disable=SC2086 # one word per member
if [ "$ar" = llvm-ar-19 ]; then
    llvm-ar-19 rcs "$out.tmp" $members
else
    ar --plugin /dev/null rcs "$out.tmp" $members 2>/dev/null ||
        ar rcs "$out.tmp" $members
fi
mv "$out.tmp" "$out"
