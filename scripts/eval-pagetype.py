#!/usr/bin/env python3
"""Page types on ../shared/bench/wcxb-dev, per half: 7-type accuracy, article-or-not accuracy, article
precision and recall, and the confusion matrix (rows: gold, columns: predicted).

Usage: scripts/eval-pagetype.py BIN_DIR [WCXB_DIR]   (make eval-pagetype)
Each page goes through `pressline process --stages clean` with its URL, as a crawl would give it.
"""
import gzip, json, os, subprocess, sys, tempfile

TYPES = ["article", "listing", "forum", "product", "service", "collection", "documentation"]


def main():
    bin_dir = sys.argv[1]
    wcxb = sys.argv[2] if len(sys.argv) > 2 else "../shared/bench/wcxb-dev"
    if not os.path.isdir(wcxb):
        print(f"skipped: {wcxb} is absent")
        return
    gold = [json.loads(line) for line in open(os.path.join(wcxb, "gold.jsonl"))]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as lines:
        for page in gold:
            with gzip.open(os.path.join(wcxb, "html", page["doc"] + ".html.gz"), "rb") as f:
                html = f.read().decode("utf-8", errors="replace")
            lines.write(json.dumps({"doc": page["doc"], "html": html, "url": page.get("url")}) + "\n")
    try:
        run = subprocess.run([os.path.join(bin_dir, "pressline"), "process", "--stages", "clean", "--format", "ndjson",
                              "--jsonl", lines.name], capture_output=True, text=True)
    finally:
        os.unlink(lines.name)
    predicted = {}
    for line in run.stdout.split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        # A page clean refuses outright (no body at all) is counted as not an article.
        predicted[record["doc"]] = record.get("page_type") or ("article" if "error" not in record else "none")
    for half in ["tune", "check"]:
        report(half, [(page["page_type"], predicted.get(page["doc"], "none")) for page in gold if page["half"] == half])


def report(half, pairs):
    n = len(pairs)
    exact = sum(g == p for g, p in pairs) / n
    binary = sum((g == "article") == (p == "article") for g, p in pairs) / n
    said = [g for g, p in pairs if p == "article"]
    precision = sum(g == "article" for g in said) / max(1, len(said))
    recall = sum(p == "article" for g, p in pairs if g == "article") / max(1, sum(g == "article" for g, _ in pairs))
    print(f"{half}: {n} pages  7-type accuracy {exact:.3f}  article-or-not accuracy {binary:.3f}  "
          f"article precision {precision:.3f}  recall {recall:.3f}")
    columns = TYPES + ["none"]
    print("  gold \\ predicted " + " ".join(f"{c[:7]:>7}" for c in columns))
    for g in TYPES:
        row = [sum(1 for a, b in pairs if a == g and b == c) for c in columns]
        print(f"  {g:<17}" + " ".join(f"{v:>7}" for v in row))


if __name__ == "__main__":
    main()
