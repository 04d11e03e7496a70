#!/usr/bin/env bash
# Scores title, authors, publication date (and body) on ../shared/bench/meta-dev, then on wcxb-dev's articles per
# half (tune, check). Usage: scripts/eval-meta.sh BIN_DIR
. "$(dirname "$0")/eval-common.sh" "$1" meta-dev/docs.jsonl
"$bin/pressline" process --stages clean --jsonl "$bench/meta-dev/docs.jsonl" 2> "$out/errors.txt" > "$out/predictions.jsonl" || true
python3 "$bench/tools/score_meta.py" "$bench/meta-dev/gold.jsonl" "$out/predictions.jsonl"
echo "$(grep -c . "$out/errors.txt" || true) pages failed to clean"
python3 "$(dirname "$0")/eval-meta-wcxb.py" "$1"
