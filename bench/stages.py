#!/usr/bin/env python3
"""In-process throughput of the clean and extract stages (`pressline process`), one core.

For each input set: the median of RUNS timed runs (wall time, including process start-up),
pages or docs per second, MB/s of input, and the peak resident memory of the process.
Sets: ../shared/bench/aeb-dev/html (clean, when present), ../shared/bench/ner-dev/worldwide
(extract, when present), and generated articles of 1 KB, 10 KB and 200 KB (clean + extract, and the
store alone: the extracted records saved with `process --db`).

usage: bench/stages.py BIN_DIR [--runs R] [--bench DIR]
Prints figures, never pass/fail.
"""
import argparse, glob, json, os, random, resource, statistics, subprocess, sys, tempfile, time

WORDS = ("the council said on monday that the new bridge would open in june after years of delay "
         "officials warned that costs had risen sharply while residents welcomed the decision to "
         "repair rather than replace the span which carries thousands of cars every day").split()
NAMES = ["Ana Ruiz", "Tom Baker", "Elena Vasquez", "Mark Chen", "Priya Raman", "Daniel Brooks"]


def article(i, size, rng):
    parts, length = [f"Bridge report {i}"], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(18)).capitalize()
        line = f'{sentence}. "We will keep going," {rng.choice(NAMES)} said on Tuesday in Washington.'
        parts.append(line)
        length += len(line) + 2
    return "\n\n".join(parts)


def timed(command, runs):
    """Median wall seconds over `runs`, and the peak RSS (MB) of the runs' processes."""
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(walls), peak_mb


def alternated(commands, runs):
    """Median wall seconds of each command over `runs`, the commands taking turns so that the host's drift
    falls on all of them alike."""
    walls = [[] for _ in commands]
    for _ in range(runs):
        for command, times in zip(commands, walls):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in walls]


def report(name, count, unit, megabytes, seconds, peak_mb):
    print(f"{name:<34} {count:>6} {unit:<5} {count / seconds:>9.1f} {unit}/s {megabytes / seconds:>7.2f} MB/s"
          f"   median {seconds:6.2f} s   peak RSS so far {peak_mb:6.0f} MB")


def store_rate(pressline, path, folder, size, count, runs):
    """The store alone: records with entities, mentions and quotes saved in batches of 64 into a new SQLite
    file (`process --db` reports the store's own time on stderr)."""
    rates = []
    for run in range(runs):
        db = os.path.join(folder, f"store-{size}-{run}.db")
        done = subprocess.run([pressline, "process", "--stages", "extract", "--jsonl", path, "--db", db],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        for line in done.stderr.splitlines():
            if line.startswith("stored ") and "articles/s" in line:
                rates.append(float(line.rsplit("(", 1)[1].split()[0]))
    if rates:
        print(f"{'store, generated ' + str(size // 1000) + ' KB':<34} {count:>6} docs  {statistics.median(rates):>9.1f} docs/s"
              "   (entities, mentions, quotes, full-text index; batches of 64, synchronous=FULL)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bench", default=os.environ.get("PRESSLINE_BENCH", "../shared/bench"))
    args = parser.parse_args()
    pressline = os.path.join(args.bin, "pressline")
    print(f"pressline process, one process on one core, median of {args.runs} runs (start-up included)")

    pages = sorted(glob.glob(os.path.join(args.bench, "aeb-dev/html/*.html")))
    if pages:
        size = sum(os.path.getsize(p) for p in pages) / 1e6
        seconds, peak = timed([pressline, "process", "--stages", "clean", "--format", "ndjson", *pages], args.runs)
        report("clean, aeb-dev pages", len(pages), "pages", size, seconds, peak)
        # What telling articles from other pages costs: the pages ten times over (start-up and the model's
        # loading spread thin), with the page-type model and without, in turns.
        clean = [pressline, "process", "--stages", "clean", "--format", "ndjson"]
        typed, untyped = alternated([clean + pages * 10, clean + ["--every-page-an-article"] + pages * 10], max(args.runs, 5))
        report("clean, aeb-dev x10", 10 * len(pages), "pages", 10 * size, typed, peak)
        report("clean, aeb-dev x10, no page types", 10 * len(pages), "pages", 10 * size, untyped, peak)
        print(f"{'page types cost':<34} {100 * (typed / untyped - 1):+.1f} % of clean's time")
    else:
        print(f"skipped aeb-dev: {args.bench}/aeb-dev is absent")

    worldwide = os.path.join(args.bench, "ner-dev/worldwide/docs.jsonl")
    if os.path.exists(worldwide):
        docs = sum(1 for _ in open(worldwide))
        seconds, peak = timed([pressline, "process", "--stages", "extract", "--jsonl", worldwide], args.runs)
        report("extract, ner-dev worldwide", docs, "docs", os.path.getsize(worldwide) / 1e6, seconds, peak)
    else:
        print(f"skipped ner-dev: {worldwide} is absent")

    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder:
        for size, count in [(1_000, 2_000), (10_000, 500), (200_000, 40)]:
            path = os.path.join(folder, f"articles-{size}.jsonl")
            with open(path, "w") as out:
                for i in range(count):
                    out.write(json.dumps({"doc": str(i), "text": article(i, size, rng)}) + "\n")
            megabytes = os.path.getsize(path) / 1e6
            for stages in ["clean", "extract", "clean,extract"]:
                seconds, peak = timed([pressline, "process", "--stages", stages, "--jsonl", path], args.runs)
                report(f"{stages}, generated {size // 1000} KB", count, "docs", megabytes, seconds, peak)
            store_rate(pressline, path, folder, size, count, args.runs)


if __name__ == "__main__":
    sys.exit(main())
