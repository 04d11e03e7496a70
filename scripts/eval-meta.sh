#!/usr/bin/env bash
# Scores title, authors, publication date (and body) on ../shared/bench/meta-dev. Usage: scripts/eval-meta.sh BIN_DIR
set -euo pipefail
bin=$1
bench=${PRESSLINE_BENCH:-../shared/bench}
if [ ! -f "$bench/meta-dev/docs.jsonl" ]; then echo "skipped: $bench/meta-dev is absent"; exit 0; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin/pressline" process --stages clean --jsonl "$bench/meta-dev/docs.jsonl" 2> "$out/errors.txt" > "$out/predictions.jsonl" || true
python3 "$bench/tools/score_meta.py" "$bench/meta-dev/gold.jsonl" "$out/predictions.jsonl"
echo "$(grep -c . "$out/errors.txt" || true) pages failed to clean"
