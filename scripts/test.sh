#!/usr/bin/env bash
# Install what the tests need and run the whole suite: lint, types, then pytest on SQLite and on
# a throwaway PostgreSQL server (browser tests included). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
scripts/venv.sh "test,semantic,ocr,voice"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export HALLWAY_DATA_DIR=$(mktemp -d /tmp/hallway-test-data.XXXXXX)

echo "== ruff"
.venv/bin/ruff check hallway bench
.venv/bin/ruff format --check hallway bench
echo "== mypy"
.venv/bin/mypy hallway
echo "== migrations are up to date"
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null

echo "== pytest on SQLite"
env -u DATABASE_URL .venv/bin/pytest -q -n 2 "$@"

echo "== pytest on PostgreSQL"
eval "$(scripts/pg-throwaway.sh start)"
trap 'scripts/pg-throwaway.sh stop "$HALLWAY_PG_DIR"' EXIT
DATABASE_URL="$HALLWAY_PG_URL/hallway" .venv/bin/pytest -q -n 2 "$@"
echo "== all green"
