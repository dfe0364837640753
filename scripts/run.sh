#!/usr/bin/env bash
# Install everything and run Hallway on http://127.0.0.1:8000 with the embedded SQLite database.
#   scripts/run.sh [--minimal] [hallway serve options]
# --minimal (or HALLWAY_MINIMAL=1) installs the core app without the models' extras.
set -euo pipefail
cd "$(dirname "$0")/.."
install=(scripts/install.sh)
if [ "${1:-}" = "--minimal" ]; then
  install+=(--minimal)
  shift
fi
"${install[@]}"
.venv/bin/hallway doctor --summary
exec .venv/bin/hallway serve "$@"
