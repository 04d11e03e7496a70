#!/usr/bin/env python3
"""Titles, authors, dates and bodies of wcxb-dev's 710 articles, scored per half: `tune` (what rules may be
changed on) and `check` (sites never tuned on). Run by scripts/eval-meta.sh after meta-dev.

usage: scripts/eval-meta-wcxb.py BIN_DIR [--errors N]
"""
import argparse, gzip, json, os, subprocess, sys, tempfile

BENCH = os.environ.get("PRESSLINE_BENCH", "../shared/bench")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("--errors", type=int, default=0, help="list up to N mismatches per field (tune half only)")
    args = parser.parse_args()
    root = os.path.join(BENCH, "wcxb-dev")
    if not os.path.exists(os.path.join(root, "gold.jsonl")):
        print(f"skipped: {root}/gold.jsonl is absent")
        return
    gold = [json.loads(line) for line in open(os.path.join(root, "gold.jsonl"))]
    articles = [g for g in gold if g["page_type"] == "article"]
    with tempfile.TemporaryDirectory() as work:
        docs = os.path.join(work, "docs.jsonl")
        with open(docs, "w") as out:
            for g in articles:
                html = gzip.open(os.path.join(root, "html", g["doc"] + ".html.gz")).read().decode("utf-8", "replace")
                out.write(json.dumps({"doc": g["doc"], "html": html}) + "\n")
        predictions = os.path.join(work, "predictions.jsonl")
        with open(predictions, "w") as out:
            subprocess.run([os.path.join(args.bin_dir, "pressline"), "process", "--stages", "clean", "--jsonl", docs],
                           stdout=out, stderr=subprocess.DEVNULL)
        for half in ("tune", "check"):
            half_gold = os.path.join(work, f"gold-{half}.jsonl")
            with open(half_gold, "w") as out:
                for g in articles:
                    if g["half"] == half:
                        out.write(json.dumps(g) + "\n")
            print(f"== wcxb-dev articles, {half} half ({sum(1 for g in articles if g['half'] == half)} pages)", flush=True)
            extra = ["--errors", str(args.errors)] if args.errors and half == "tune" else []
            subprocess.run([sys.executable, os.path.join(BENCH, "tools", "score_meta.py"), *extra, half_gold, predictions], check=True)


if __name__ == "__main__":
    main()
