#!/bin/sh
# Build the copy_mc example with umsan-cc and run each mode, saying first
# what umsan should do. Then build it again with the models taken from
# models.toml (-fumsan-config) instead of the UMSAN_* macros, and check that
# every mode ends the same way.
# Works from any directory; needs `cargo build --release` at the repo root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cc="$here/../../target/release/umsan-cc"
if [ ! -x "$cc" ]; then
    echo "run.sh: $cc not found: run \`cargo build --release\` at the repository root first" >&2
    exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$here"

echo "\$ umsan-cc -g -O2 copy_mc.S fixup.c main.c -o copy_mc"
"$cc" -g -O2 copy_mc.S fixup.c main.c -o "$out/copy_mc"

run() { # mode, expectation
    echo
    echo "--- ./copy_mc $1    (expected: $2)"
    status=0
    "$out/copy_mc" "$1" 2>&1 || status=$?
    echo "(exit status $status)"
}
run full     "no report: every byte was copied and used"
run partial  "no report: the copy stops at the PROT_NONE page; only the 16 copied bytes are used"
run overread "use-of-uninitialized-value at main.c:78, the byte past the copied prefix"
run copyout  "uninit-copy-out at main.c:103: bytes [1, 4) (struct padding) reach the pipe"

echo
echo "\$ umsan-cc -g -O2 -DUSE_TOML -fumsan-config=models.toml copy_mc.S fixup.c main.c -o copy_mc_toml"
"$cc" -g -O2 -DUSE_TOML -fumsan-config=models.toml copy_mc.S fixup.c main.c -o "$out/copy_mc_toml"
fail=0
for mode in full partial overread copyout; do
    s1=0; "$out/copy_mc" "$mode" >"$out/macro.txt" 2>&1 || s1=$?
    s2=0; "$out/copy_mc_toml" "$mode" >"$out/toml.txt" 2>&1 || s2=$?
    # Same stdout, same report kind and place (pids and addresses differ).
    sed -n 's/^SUMMARY: //p; /WARNING/d; /^ *#[0-9]/d; /^ *bytes/p; /^[a-z]*:/p' "$out/macro.txt" >"$out/m"
    sed -n 's/^SUMMARY: //p; /WARNING/d; /^ *#[0-9]/d; /^ *bytes/p; /^[a-z]*:/p' "$out/toml.txt" >"$out/t"
    if [ "$s1" = "$s2" ] && cmp -s "$out/m" "$out/t"; then
        echo "./copy_mc_toml $mode: same as the macro build (exit status $s2$(sed -n 's/^SUMMARY: umsan: \([^ ]*\) .*\/\([^/]*\) in .*/, \1 at \2/p' "$out/toml.txt"))"
    else
        echo "./copy_mc_toml $mode: DIFFERS from the macro build (exit $s1 vs $s2)"
        cat "$out/toml.txt"
        fail=1
    fi
done
exit $fail
