#!/usr/bin/env bash
# Bad-input checks for umsan (issue 8, part 3): record only, never fails.
# Prints, for each case, the command, exit status and the exact messages.
#   fuzz/bad-inputs.sh [--bin DIR] > fuzz/out/bad-inputs.txt
# Runs one process at a time.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
bin="${UMSAN_BIN:-$root/target/release}"
[ "${1:-}" = --bin ] && bin="$2"
cc="$bin/umsan-cc"
w="$(mktemp -d)"; trap 'rm -rf "$w"' EXIT
cd "$w"
unset UMSAN_OPTIONS UMSAN_CONFIG

show() { # show TITLE CMD...   (runs CMD, prints status and output)
  local title="$1"; shift
  echo "### $title"
  echo '$' "$@"
  "$@" >out.txt 2>err.txt; local st=$?
  echo "exit: $st"
  [ -s out.txt ] && { echo "stdout:"; sed 's/^/    /' out.txt | head -20; }
  [ -s err.txt ] && { echo "stderr:"; sed 's/^/    /' err.txt | head -20; }
  echo
}

cat > ok.c <<'EOF'
#include <stdio.h>
int main(void) { puts("ok"); return 0; }
EOF
cat > uninit.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  int *p = malloc(sizeof *p);
  if (argc > 100) *p = 1;
  if (*p) puts("nonzero"); else puts("zero");
  return 3;
}
EOF
cat > copyfn.c <<'EOF'
#include <stddef.h>
#include <string.h>
size_t my_copy(void *dst, const void *src, size_t n) { memcpy(dst, src, n); return 0; }
int main(void) { char a[8] = {0}, b[8]; my_copy(b, a, 8); return b[0]; }
EOF

echo "## umsan-cc flags and config files"
echo
show "unknown -fumsan-foo flag" "$cc" -fumsan-foo ok.c -o t
show "unknown -fno-umsan-foo flag" "$cc" -fno-umsan-foo ok.c -o t
show "-fumsan-config without a value" "$cc" -fumsan-config= ok.c -o t
show "-fumsan-config= missing file" "$cc" -fumsan-config=/nonexistent/x.toml ok.c -o t
mkdir -p adir
show "-fumsan-config= a directory" "$cc" -fumsan-config=adir ok.c -o t
printf '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = 0\nsrc = 1\nlen = 2\nret = "remaining"\n' > good.toml
cp good.toml noperm.toml; chmod 000 noperm.toml
show "-fumsan-config= mode 000 file (note: run as $(id -un); root can read it anyway)" "$cc" -fumsan-config=noperm.toml copyfn.c -o t
mk() { printf "$2" > "$1.toml"; }
mk syntax '[[function]\nname = "my_copy"\n'
mk unknown_key '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = 0\nsrc = 1\nlen = 2\nret = "none"\ncolour = "red"\n'
mk unknown_effect '[[function]]\nname = "my_copy"\neffect = "teleport"\ndst = 0\nsrc = 1\nlen = 2\nret = "none"\n'
mk unknown_ret '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = 0\nsrc = 1\nlen = 2\nret = "most"\n'
mk index_past '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = 0\nsrc = 1\nlen = 7\nret = "none"\n'
mk negative_index '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = -1\nsrc = 1\nlen = 2\nret = "none"\n'
mk wrong_type '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = "zero"\nsrc = 1\nlen = 2\nret = "none"\n'
mk missing_name '[[function]]\neffect = "memcpy_like"\ndst = 0\nsrc = 1\nlen = 2\nret = "none"\n'
mk missing_dst '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\nsrc = 1\nlen = 2\nret = "none"\n'
mk dup_conflict '[[function]]\nname = "my_copy"\neffect = "memcpy_like"\ndst = 0\nsrc = 1\nlen = 2\nret = "none"\n\n[[function]]\nname = "my_copy"\neffect = "copy_out"\nsrc = 1\nlen = 2\nret = "none"\n'
mk top_level_junk 'version = 3\n'
mk empty ''
printf '\xff\xfe\x00garbage' > binary.toml
for f in syntax unknown_key unknown_effect unknown_ret index_past negative_index wrong_type missing_name missing_dst dup_conflict top_level_junk empty binary; do
  echo "(file $f.toml:)"; sed 's/^/    | /' "$f.toml" | cat -v | head -14
  show "-fumsan-config=$f.toml" "$cc" -fumsan-config=$f.toml copyfn.c -o t
done
show "UMSAN_CONFIG= missing file" env UMSAN_CONFIG=/nonexistent/y.toml "$cc" ok.c -o t

echo "## UMSAN_OPTIONS (program: uninit.c, which has one uninitialized use and exits 3 when run without halting)"
echo
"$cc" -g uninit.c -o uninit >/dev/null 2>&1 || echo "(building uninit.c failed)"
"$cc" -g ok.c -o okprog >/dev/null 2>&1 || echo "(building ok.c failed)"
show "baseline (no options)" ./uninit
for o in halt_on_error=2 halt_on_error= halt_on_error halt_on_error=yes exitcode=x exitcode= exitcode=256 exitcode=-1 \
         report_format=xml report_format=JSON report_format= log_path=/nonexistent/dir/x log_path=/proc/self/x log_path= \
         foo=1 halt_on_error=TRUE "halt_on_error=0:halt_on_error=1" \
         "halt_on_error=0::exitcode=5" ":" "exitcode=5 " ; do
  show "UMSAN_OPTIONS='$o' (uninit)" env UMSAN_OPTIONS="$o" ./uninit
done
for o in halt_on_error=2 exitcode=x report_format=xml log_path=/nonexistent/dir/x log_path=/proc/self/x foo=1; do
  show "UMSAN_OPTIONS='$o' (clean program)" env UMSAN_OPTIONS="$o" ./okprog
done

echo "## Shadow memory cannot be reserved (address space limited)"
echo
show "ulimit -v 4194304 (4 GiB), clean program" bash -c 'ulimit -v 4194304 && exec ./okprog'
show "ulimit -v 4194304 (4 GiB), uninit program" bash -c 'ulimit -v 4194304 && exec ./uninit'

echo "## Allocation failure in an instrumented program"
echo
cat > bigalloc.c <<'EOF'
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void rep(const char *what, void *p, int e) {
  printf("%s -> %s, errno=%s\n", what, p ? "non-NULL" : "NULL", e == ENOMEM ? "ENOMEM" : (e ? strerror(e) : "0"));
}
int main(void) {
  void *p; int r;
  errno = 0; p = malloc(SIZE_MAX); rep("malloc(SIZE_MAX)", p, errno);
  errno = 0; p = malloc(SIZE_MAX / 2); rep("malloc(SIZE_MAX/2)", p, errno);
  errno = 0; p = malloc((size_t)1 << 46); rep("malloc(1<<46)", p, errno); free(p);
  errno = 0; p = calloc(SIZE_MAX / 2, 4); rep("calloc(SIZE_MAX/2, 4) (overflow)", p, errno);
  errno = 0; p = calloc(1, SIZE_MAX); rep("calloc(1, SIZE_MAX)", p, errno);
  void *q = malloc(16);
  errno = 0; p = realloc(q, SIZE_MAX); rep("realloc(p16, SIZE_MAX)", p, errno); free(p ? p : q);
  errno = 0; p = aligned_alloc(64, SIZE_MAX - 63); rep("aligned_alloc(64, SIZE_MAX-63)", p, errno);
  p = NULL; r = posix_memalign(&p, 64, SIZE_MAX); rep("posix_memalign(64, SIZE_MAX)", p, r);
  errno = 0; p = reallocarray(NULL, SIZE_MAX / 2, 4); rep("reallocarray(NULL, SIZE_MAX/2, 4)", p, errno);
  errno = 0; p = aligned_alloc(4096, (size_t)1 << 62); rep("aligned_alloc(4096, 1<<62)", p, errno);
  errno = 0; p = memalign(64, SIZE_MAX); rep("memalign(64, SIZE_MAX)", p, errno);
  errno = 0; p = valloc(SIZE_MAX); rep("valloc(SIZE_MAX)", p, errno);
  errno = 0; p = pvalloc(SIZE_MAX); rep("pvalloc(SIZE_MAX)", p, errno);
  puts("done");
  return 0;
}
EOF
show "build bigalloc.c" "$cc" -g bigalloc.c -o bigalloc
show "run bigalloc (instrumented)" ./bigalloc
clang-19 -g bigalloc.c -o bigalloc_native 2>/dev/null && show "run bigalloc (native clang-19, for comparison)" ./bigalloc_native
