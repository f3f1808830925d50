#!/usr/bin/env bash
# Csmith differential testing for umsan. See fuzz/README.md.
#   fuzz/csmith.sh --ci               # 10 fixed seeds (~1 min); exit 1 on any failure
#   fuzz/csmith.sh --count 1000       # seeds 1..1000
#   fuzz/csmith.sh --help             # all options
# Exits 0 with a notice if csmith is not installed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="$(command -v python3 || true)"
if [ -z "$py" ]; then
  echo "NOTICE: python3 not found; skipping Csmith differential testing." >&2
  exit 0
fi
exec "$py" "$here/csmith_fuzz.py" "$@"
