# Pressline: `make run` starts the pipeline on the samples; `make test` runs every test.
SHELL := /bin/bash
DEBIAN_PACKAGES := libzmq3-dev libxml2-dev zlib1g-dev libsqlite3-dev pkg-config publicsuffix brotli libbrotli-dev
BIN := .build/debug
DATA := pressline-data
SWIFT_FLAGS ?=

.PHONY: all deps build test run clean help eval-clean eval-extract eval-meta eval-snapshot release chaos train-ner train-pagetype eval-pagetype bench lint
CHAOS_ARTICLES ?= 5000

all: build

help:
	@echo "make run    build, start the pipeline, push samples/, show what was stored, stop"
	@echo "make test   build and run every test (unit and integration)"
	@echo "make build  build the executables into $(BIN)"
	@echo "make bench  per-stage throughput, side by side with trafilatura, then the pipeline on loopback (figures, never pass/fail)"
	@echo "make chaos  $(CHAOS_ARTICLES) articles while processes are SIGKILLed every second; audit journal and store"
	@echo "make eval-clean    score article bodies on ../shared/bench/aeb-dev"
	@echo "make eval-extract  score entities and quotes on ../shared/bench/ner-dev and quotes-dev"
	@echo "make train-ner     retrain the entity tagger on ../shared/bench/ner-train"
	@echo "make eval-meta     score titles, authors and dates on ../shared/bench/meta-dev"
	@echo "make train-pagetype retrain the page-type model on ../shared/bench/wcxb-dev's tune half"
	@echo "make eval-pagetype page types on wcxb-dev: accuracy, article precision and recall, confusion, both halves"
	@echo "make eval-snapshot every dev set's records into SNAPSHOT (default /tmp/pressline-snapshot): diff -r two of them"
	@echo "make lint          no measured figures or history in Sources/ comments (docs/BENCHMARKS.md holds them)"

# Installs the C libraries when one is missing (needs root; prints the command otherwise).
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; apt-get update -qq && apt-get install -y -qq $$missing; \
		else echo "missing Debian packages:$$missing; run: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

build: deps
	swift build $(SWIFT_FLAGS)

test: deps
	swift build --build-tests $(SWIFT_FLAGS)
	PRESSLINE_BIN_DIR=$(CURDIR)/$(BIN) swift test --skip-build $(SWIFT_FLAGS)

# Reliability: random SIGKILLs (workers, store, queue) during a run, then an audit (docs/RELIABILITY.md).
chaos: deps
	swift build --build-tests $(SWIFT_FLAGS)
	set -o pipefail; PRESSLINE_CHAOS_ARTICLES=$(CHAOS_ARTICLES) PRESSLINE_BIN_DIR=$(CURDIR)/$(BIN) \
		swift test --skip-build --filter ChaosTests $(SWIFT_FLAGS) 2>&1 | grep -E "chaos|passed|failed|error|Expectation"

run: build
	@scripts/run-samples.sh $(BIN) $(DATA)

release: deps
	swift build -c release --product pressline $(SWIFT_FLAGS)

# Article-body quality on ../shared/bench/aeb-dev (F1, precision, recall, accuracy, pages/s).
eval-clean: release
	@scripts/eval-clean.sh .build/release

# NER on ../shared/bench/ner-dev and quote attribution on quotes-dev/dev.
eval-extract: release
	@scripts/eval-extract.sh .build/release

# Speed: clean and extract in-process (pages/s, MB/s, peak memory), side by side with trafilatura (installed
# into a throwaway venv from PyPI), then end to end on loopback with real stages (generated text, then
# copies of the aeb-dev pages) and with pass-through stages, then the fetch stage against 200 loopback hosts
# (throughput, politeness and de-duplication from the servers' own log, peak memory under hostile answers), and
# the two HTTP clients the fetch stage could use, side by side (bench/http-clients, built apart).
# The 100,000-article memory run: python3 bench/pipeline.py .build/release --articles 100000 --size 2000 --memory --runs 1
bench: deps
	swift build -c release $(SWIFT_FLAGS)
	python3 bench/stages.py .build/release
	python3 bench/versus-trafilatura.py .build/release
	python3 bench/pipeline.py .build/release
	python3 bench/pipeline.py .build/release --articles 1000 --pages ../shared/bench/aeb-dev/html --runs 1
	python3 bench/pipeline.py .build/release --passthrough
	python3 bench/crawl.py .build/release --hosts 200 --pages 50 --variants
	python3 bench/crawl.py .build/release --hosts 200 --pages 5 --delay 1
	python3 bench/crawl.py .build/release --hosts 200 --pages 100 --busy 30
	python3 bench/crawl.py .build/release --hosts 200 --pages 20 --delay 1 --busy 8
	for fetchers in 1 2 4; do python3 bench/crawl.py .build/release --hosts 200 --pages 20 --latency 0.2 --fetchers $$fetchers; done
	python3 bench/crawl.py .build/release --hosts 20 --pages 5 --hostile
	python3 bench/http-clients.py --runs 2

# Retrains the entity tagger's model from ../shared/bench/ner-train (docs/MODELS.md).
train-ner: deps
	swift build -c release --product pressline-train-ner $(SWIFT_FLAGS)
	.build/release/pressline-train-ner ../shared/bench/ner-train --exclude ../shared/bench/ner-dev/gum/docs.jsonl \
		--output Sources/PresslineExtract/Resources/ner-model.bin

# Retrains the page-type model from ../shared/bench/wcxb-dev's tune half (docs/MODELS.md); prints tune
# (cross-validated by site) and check figures.
WCXB := ../shared/bench/wcxb-dev
train-pagetype: deps
	swift build -c release --product pressline-train-pagetype $(SWIFT_FLAGS)
	@pages=$$(mktemp -d); trap 'rm -rf "$$pages"' EXIT; \
	for file in $(WCXB)/html/*.html.gz; do gzip -dc "$$file" > "$$pages/$$(basename "$$file" .gz)"; done; \
	.build/release/pressline-train-pagetype $(WCXB)/gold.jsonl "$$pages" --output Sources/PresslineClean/Resources/pagetype-model.json

# Page types on wcxb-dev, both halves: 7-type accuracy, article-or-not accuracy, article precision and recall,
# and the confusion matrix.
eval-pagetype: release
	@python3 scripts/eval-pagetype.py .build/release $(WCXB)

# Title, authors and date on ../shared/bench/meta-dev.
eval-meta: release
	@scripts/eval-meta.sh .build/release

# Every dev set's records as `pressline process` prints them: a change meant to keep quality as it is must leave
# two snapshots byte-identical (diff -r).
SNAPSHOT ?= /tmp/pressline-snapshot
eval-snapshot: release
	@scripts/eval-snapshot.sh .build/release $(SNAPSHOT)

lint:
	@scripts/lint-comments.sh

clean:
	rm -rf .build $(DATA)
