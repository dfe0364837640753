#!/usr/bin/env bash
# Create .venv (when missing) and install Hallway with the given extras, e.g. `scripts/venv.sh test,semantic`.
# Skips pip when pyproject.toml and the extras are what the last install used (.venv/.installed).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp="$extras $(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f .venv/.installed ] && [ "$(cat .venv/.installed)" = "$stamp" ]; then
  exit 0
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
spec="."
[ -n "$extras" ] && spec=".[$extras]"
# Quiet pip, but keep its errors visible.
.venv/bin/python -m pip install -q -e "$spec" 2> >(grep -v "^WARNING: Location" >&2)
echo "$stamp" > .venv/.installed
