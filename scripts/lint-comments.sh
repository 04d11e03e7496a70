#!/usr/bin/env bash
# Comments say why and name the test or benchmark that guards it; measured figures and history belong in
# docs/BENCHMARKS.md and commit messages, where they cannot rot in place. Lists comment lines under Sources/
# that carry a measurement (a time, a share in digits or words, an instruction count, a rate, a "was", a date) and exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='((^|[^:"])//|/\*|^\s*\*).*([0-9][0-9.,]*(–[0-9.,]+)?\s?(ms|µs|%)([^A-Za-z0-9]|$)|[0-9][0-9,]* instructions|[0-9.]+ G\b|\(was [0-9]|\bwas [0-9.]+|(articles|pages)/s|\bperf\b|\(perf|(from|before|since) 20[0-9]{2}-[0-9]{2}|session [0-9]|\b(was|were)\b[^.]{0,60}\b(a|one) (half|third|quarter|fifth|sixth|tenth|twentieth)\b|\bhalf of the [a-z]+ (stage|worker)|\btimes (faster|slower)\b)'
if grep -rnE "$pattern" Sources --include='*.swift' --include='*.c' --include='*.h'; then
    echo "lint: the comments above carry figures or history; say why instead, name the guarding test or benchmark, and put the figure in docs/BENCHMARKS.md" >&2
    exit 1
fi
echo "lint: no figures in comments"
