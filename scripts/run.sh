#!/usr/bin/env bash
# Install everything and run Hallway on http://127.0.0.1:8000 with the embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh "voice"
exec .venv/bin/hallway serve "$@"
