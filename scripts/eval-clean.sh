#!/usr/bin/env bash
# Scores the clean stage's article bodies on ../shared/bench/aeb-dev with the benchmark's metric,
# and prints pages per second (one process, one core). Usage: scripts/eval-clean.sh BIN_DIR
. "$(dirname "$0")/eval-common.sh" "$1" aeb-dev/html
start=$(date +%s.%N)
"$bin/pressline" process --stages clean --format ndjson "$bench"/aeb-dev/html/*.html > "$out/records.ndjson" 2> "$out/errors.txt" || true
end=$(date +%s.%N)
python3 - "$out/records.ndjson" "$out/predictions.json" <<'PY'
import json, os, sys
predictions = {}
for line in open(sys.argv[1]):
    record = json.loads(line)
    predictions[os.path.basename(record["doc"])[:-len(".html")]] = {"articleBody": record.get("text", "")}
json.dump(predictions, open(sys.argv[2], "w"))
PY
pages=$(ls "$bench"/aeb-dev/html/*.html | wc -l)
failed=$(grep -c . "$out/errors.txt" || true)
python3 "$bench/tools/score_aeb.py" "$bench/aeb-dev/ground-truth.json" "$out/predictions.json"
python3 -c "import sys; p, t = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); print(f'{p} pages in {t:.2f} s: {p / t:.1f} pages/s (one process, including start-up); {sys.argv[4]} pages failed')" "$pages" "$start" "$end" "$failed"
