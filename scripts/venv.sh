#!/usr/bin/env bash
# Kept for habit: `scripts/venv.sh EXTRAS` is `scripts/install.sh --minimal EXTRAS` (exactly the
# extras named). scripts/install.sh is the one installer.
set -euo pipefail
exec "$(dirname "$0")/install.sh" --minimal "$@"
