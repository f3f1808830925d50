#!/usr/bin/env bash
# IR fuzzing of the umsan pass with llvm-stress modules and tests/ir/*.ll.
# See fuzz/README.md.
#   fuzz/llvm-stress.sh --ci             # 100 fixed modules + tests/ir; exit 1 on any failure
#   fuzz/llvm-stress.sh --count 2000     # 2000 modules
#   fuzz/llvm-stress.sh --help
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="$(command -v python3 || true)"
if [ -z "$py" ]; then
  echo "NOTICE: python3 not found; skipping IR fuzzing." >&2
  exit 0
fi
exec "$py" "$here/llvm_stress_fuzz.py" "$@"
