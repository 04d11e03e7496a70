#!/usr/bin/env python3
"""Side by side, in one run: trafilatura and Pressline on the same pages, one core each, and the ratio.

trafilatura is installed from PyPI into a throwaway virtual environment (deleted afterwards; never a
project dependency). `--venv DIR` keeps and reuses one instead, for repeated runs.

Both sides are timed the same way: CPU seconds (user + system) of a process that reads every page
from disk and extracts it, the median of RUNS runs; Pressline's figure includes its start-up (model
load), trafilatura's its imports. Wall seconds are printed beside them.

usage: bench/versus-trafilatura.py BIN_DIR [--pages DIR] [--runs R] [--venv DIR]
Prints figures and ratios, never pass/fail.
"""
import argparse, glob, os, resource, shutil, statistics, subprocess, sys, tempfile, time

TRAFILATURA_TIMER = r"""
import sys, time, trafilatura
pages = sys.argv[1:]
start = time.perf_counter()
for path in pages:
    with open(path, "rb") as handle:
        trafilatura.extract(handle.read(), with_metadata=True)
print(time.perf_counter() - start)
"""


# libxml2's HTML parse alone (through lxml, in the same environment): the floor under both tools,
# since trafilatura parses with it and Pressline's clean stage too.
PARSE_TIMER = r"""
import sys, lxml.html
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        lxml.html.document_fromstring(handle.read())
"""


def cpu_of_child(command):
    """(CPU seconds, wall seconds) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def median_run(command, runs):
    results = [cpu_of_child(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def prepare_venv(directory):
    python = os.path.join(directory, "bin", "python")
    if not os.path.exists(python):
        print(f"installing trafilatura into {directory} (PyPI) …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", directory], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean"], check=True)
    version = subprocess.run([python, "-c", "import trafilatura; print(trafilatura.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    return python, version


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin")
    parser.add_argument("--pages", default=os.path.join(os.environ.get("PRESSLINE_BENCH", "../shared/bench"), "aeb-dev/html"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--venv")
    args = parser.parse_args()
    pages = sorted(glob.glob(os.path.join(args.pages, "*.html")))
    if not pages:
        print(f"skipped: no pages under {args.pages} (../shared/bench absent?)")
        return
    pressline = os.path.join(args.bin, "pressline")
    throwaway = None if args.venv else tempfile.mkdtemp(prefix="pressline-trafilatura-")
    try:
        try:
            python, version = prepare_venv(args.venv or throwaway)
        except subprocess.CalledProcessError as error:
            print(f"skipped: could not install trafilatura from PyPI ({error}); Pressline alone follows")
            python, version = None, None
        megabytes = sum(os.path.getsize(p) for p in pages) / 1e6
        print(f"{len(pages)} pages, {megabytes:.1f} MB, one process each, median of {args.runs} runs, CPU seconds (wall)")
        rows = []
        if python:
            with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
                script.write(TRAFILATURA_TIMER)
            with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as parse_script:
                parse_script.write(PARSE_TIMER)
            try:
                rows.append((f"trafilatura {version} extract (+metadata)", *median_run([python, script.name, *pages], args.runs)))
                startup, _ = median_run([python, parse_script.name], args.runs)
                parse_cpu, parse_wall = median_run([python, parse_script.name, *pages], args.runs)
                floor = ("libxml2 parse alone (lxml, no start-up)", max(parse_cpu - startup, 1e-6), parse_wall)
            finally:
                os.unlink(script.name)
                os.unlink(parse_script.name)
        for stages in ("clean", "clean,extract"):
            command = [pressline, "process", "--stages", stages, "--format", "ndjson", *pages]
            rows.append((f"pressline {stages}", *median_run(command, args.runs)))
        for name, cpu, wall in rows + ([floor] if python else []):
            print(f"  {name:<40} {len(pages) / cpu:8.1f} pages/s   {megabytes / cpu:6.2f} MB/s   {cpu:6.2f} s ({wall:.2f} s)")
        if python:
            base = len(pages) / rows[0][1]
            for name, cpu, _ in rows[1:]:
                print(f"  ratio {name} / trafilatura: {len(pages) / cpu / base:5.1f}×")
            print(f"  ceiling for a tool that has libxml2 parse whole pages: {len(pages) / floor[1] / base:5.1f}× trafilatura")
    finally:
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)


if __name__ == "__main__":
    main()
