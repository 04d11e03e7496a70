#!/usr/bin/env bash
# Scores the extract stage: typed NER on ../shared/bench/ner-dev (worldwide, gum, uner-pud) and
# quote detection and attribution on quotes-dev/dev, and the seed's extract expectations. Usage: scripts/eval-extract.sh BIN_DIR
. "$(dirname "$0")/eval-common.sh" "$1" ner-dev
to_entities() {
    python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    print(json.dumps({"doc": record["doc"], "entities": [{"text": m["text"], "label": m["type"]} for m in record.get("mentions", [])]}))'
}
for set in worldwide gum uner-pud; do
    start=$(date +%s.%N)
    "$bin/pressline" process --stages extract --jsonl "$bench/ner-dev/$set/docs.jsonl" 2> "$out/$set.err" | to_entities > "$out/$set.jsonl" || true
    end=$(date +%s.%N)
    docs=$(wc -l < "$bench/ner-dev/$set/docs.jsonl")
    echo "== ner-dev/$set ($docs docs, $(python3 -c "print(f'{$docs / ($end - $start):.0f}')") docs/s)"
    python3 "$bench/tools/score_ner.py" "$bench/ner-dev/$set/gold.jsonl" "$out/$set.jsonl"
done
echo "== quotes-dev/dev"
"$bin/pressline" process --stages extract --jsonl "$bench/quotes-dev/dev/docs.jsonl" 2> "$out/quotes.err" > "$out/quotes.jsonl" || true
python3 "$bench/tools/score_quotes.py" "$bench/quotes-dev/dev/gold.jsonl" "$out/quotes.jsonl"
seed=$(dirname "$bench")/seed
if [ -d "$seed" ]; then
    echo "== seed extract expectations ($seed)"
    python3 "$(dirname "$0")/check-seed-extract.py" "$bin" "$seed"
else
    echo "skipped: $seed is absent"
fi
