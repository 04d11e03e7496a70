#!/usr/bin/env bash
# Starts the pipeline in the background, pushes samples/, shows what was stored, stops the pipeline.
# Usage: scripts/run-samples.sh BIN_DIR DATA_DIR
set -euo pipefail
bin=$1 data=$2
pressline="$bin/pressline"

"$pressline" up pipelines/default.toml --data-dir "$data" 2> "$data.log" &
up=$!
stop() { kill -TERM "$up" 2>/dev/null && wait "$up" 2>/dev/null || true; }
trap stop EXIT

echo "== pushing samples/ (pipeline log: $data.log)"
"$pressline" push --wait samples/
echo
echo "== articles stored in $data/articles.db"
"$pressline" query articles --db "$data/articles.db"
echo
echo "== people and their roles"
"$pressline" query people --db "$data/articles.db" --limit 15
echo
echo "== quotes"
"$pressline" query quotes --db "$data/articles.db" --limit 10
echo
echo "== queue"
"$pressline" status
cat <<MSG

Query more with, for example:
  $pressline query show ID --db $data/articles.db --format json
  $pressline query search "your words" --db $data/articles.db
  $pressline query organizations --db $data/articles.db
MSG
