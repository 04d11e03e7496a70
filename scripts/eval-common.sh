# Shared start of the eval scripts: sourced as `. scripts/eval-common.sh BIN_DIR REQUIRED_PATH`.
# Sets $bin, $bench (PRESSLINE_BENCH or ../shared/bench) and a temporary $out removed on exit;
# exits 0 with a message when the benchmark data is absent.
set -euo pipefail
bin=$1
bench=${PRESSLINE_BENCH:-../shared/bench}
if [ ! -e "$bench/$2" ]; then echo "skipped: $bench/$2 is absent"; exit 0; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
