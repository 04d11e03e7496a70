#!/usr/bin/env bash
# Writes every dev set's records, as `pressline process` prints them, into OUT_DIR: the outputs a change that
# should not alter quality must leave byte-identical. Usage: scripts/eval-snapshot.sh BIN_DIR OUT_DIR
#   scripts/eval-snapshot.sh .build/release /tmp/before   # at the base commit
#   scripts/eval-snapshot.sh .build/release /tmp/after    # after the change
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail
bin=$1
target=$2
bench=${PRESSLINE_BENCH:-../shared/bench}
# Fixed hashing: a Set or Dictionary iterated in an order that changes the output would otherwise differ run
# to run and hide (or fake) a change.
export SWIFT_DETERMINISTIC_HASHING=1
if [ ! -d "$bench" ]; then echo "skipped: $bench is absent"; exit 0; fi
mkdir -p "$target"
run() { # NAME ARGS…: records to NAME.ndjson, errors to NAME.err
    local name=$1; shift
    "$bin/pressline" process --format ndjson "$@" > "$target/$name.ndjson" 2> "$target/$name.err" || true
    echo "$name: $(wc -l < "$target/$name.ndjson") records"
}
[ -d "$bench/aeb-dev/html" ] && run aeb-dev --stages clean,extract "$bench"/aeb-dev/html/*.html
[ -f "$bench/meta-dev/docs.jsonl" ] && run meta-dev --stages clean,extract --jsonl "$bench/meta-dev/docs.jsonl"
for set in "$bench"/ner-dev/*/; do
    [ -f "$set/docs.jsonl" ] && run "ner-dev-$(basename "$set")" --stages extract --jsonl "$set/docs.jsonl"
done
[ -f "$bench/quotes-dev/dev/docs.jsonl" ] && run quotes-dev --stages extract --jsonl "$bench/quotes-dev/dev/docs.jsonl"
if [ -d "$bench/wcxb-dev/html" ]; then
    pages=$(mktemp -d)
    trap 'rm -rf "$pages"' EXIT
    for file in "$bench"/wcxb-dev/html/*.html.gz; do gzip -dc "$file" > "$pages/$(basename "$file" .gz)"; done
    run wcxb-dev --stages clean,extract "$pages"/*.html
    # The records name their files by path: keep only the file name, so two runs compare equal.
    sed -i "s#$pages/##g" "$target/wcxb-dev.ndjson" "$target/wcxb-dev.err"
fi
