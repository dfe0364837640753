#!/usr/bin/env bash
# The one installer (scripts/run.sh and scripts/test.sh call it): create .venv when missing and
# install Hallway with every feature extra of pyproject.toml (semantic, ocr, and any added later),
# plus the extras named, e.g. `scripts/install.sh test`.
#   --minimal (or HALLWAY_MINIMAL=1): the core app only, plus the extras named.
# Skips pip when pyproject.toml and the extras are what the last install used (.venv/.installed).
set -euo pipefail
cd "$(dirname "$0")/.."
minimal=false
case "${HALLWAY_MINIMAL:-}" in 1|true|yes|on) minimal=true ;; esac
if [ "${1:-}" = "--minimal" ]; then
  minimal=true
  shift
fi
named=${1:-}
python=${PYTHON:-python3}
features=""
if ! $minimal; then
  # Every optional-dependencies group except the developer one is a feature of the product.
  features=$("$python" -c 'import tomllib; extras = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]; print(",".join(name for name in extras if name != "test"))')
fi
extras=$(echo "$features,$named" | tr ',' '\n' | { grep -v '^$' || true; } | sort -u | paste -sd, -)
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp="$extras $(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f .venv/.installed ] && [ "$(cat .venv/.installed)" = "$stamp" ]; then
  exit 0
fi
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ -t 1 ]; then
  # On a terminal, show pip's own progress: the models' packages are large (see the README).
  echo "Installing Hallway${extras:+ with $extras} into .venv (pip shows each download)…"
  .venv/bin/python -m pip install --progress-bar on -e "$spec"
else
  # Quiet pip, but keep its errors visible.
  .venv/bin/python -m pip install -q -e "$spec" 2> >(grep -v "^WARNING: Location" >&2)
fi
echo "$stamp" > .venv/.installed
