#!/usr/bin/env bash
# Install what the tests need and run the whole suite: lint, types, then pytest on SQLite and on
# a throwaway PostgreSQL server (browser tests included). Extra arguments go to pytest.
#
# scripts/test.sh --quick: the developer loop. Lint, then pytest on SQLite only, without the
# browser, the models (semantic search off, OCR tests left out), PostgreSQL, fresh-process and
# whole-API fuzzing tests. CI runs the full command.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
if [ "${1:-}" = "--quick" ]; then
  quick=true
  shift
fi
$quick || scripts/system-packages.sh
scripts/install.sh test
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export HALLWAY_DATA_DIR=$(mktemp -d /tmp/hallway-test-data.XXXXXX)
trap 'rm -rf "$HALLWAY_DATA_DIR"' EXIT

echo "== ruff"
.venv/bin/ruff check hallway bench
.venv/bin/ruff format --check hallway bench

if $quick; then
  echo "== pytest on SQLite (quick: no browser, models, PostgreSQL or slow tests)"
  env -u DATABASE_URL HALLWAY_SEMANTIC=off .venv/bin/pytest -q -n 2 \
    -m "not browser and not semantic and not ocr and not slow" "$@"
  echo "== quick run green (the full run: scripts/test.sh)"
  exit 0
fi

echo "== mypy"
.venv/bin/mypy hallway
echo "== migrations are up to date"
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null

echo "== pytest on SQLite"
env -u DATABASE_URL .venv/bin/pytest -q -n 2 "$@"

echo "== pytest on PostgreSQL"
eval "$(scripts/pg-throwaway.sh start)"
trap 'scripts/pg-throwaway.sh stop "$HALLWAY_PG_DIR"; rm -rf "$HALLWAY_DATA_DIR"' EXIT
DATABASE_URL="$HALLWAY_PG_URL/hallway" .venv/bin/pytest -q -n 2 "$@"
echo "== all green"
