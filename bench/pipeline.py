#!/usr/bin/env python3
"""End-to-end throughput of the real pipeline on loopback, with the CPU each process used.

Generates N plain-text articles of about SIZE bytes, starts `pressline up` on free ports with
WORKERS clean and extract processes, pushes them all with --wait, and reports articles/s and
the CPU seconds of every process kind (from /proc, read just before the pipeline stops).

With --memory every process's resident memory is sampled every 2 s (from /proc) and reported as
its steady state (the median of the samples in the run's second tenth), its peak and its growth.

With --passthrough the clean and extract workers hand documents on untouched (`passthrough = true`),
so what remains is the pipeline's own cost: queue, hops, encoding, journal and store.

With --watch the queue's status is sampled twice a second during the run and printed: jobs waiting and in flight
at each stage show which one holds the pipeline back (the one jobs pile up in front of).

With --pages DIR the articles are real HTML pages (e.g. ../shared/bench/aeb-dev/html) instead of generated
text: N copies taken in turn, each given a canonical URL of its own so that every copy is a new article
(not an upsert of the last). The generated text is a worst case for the store — a quotation, a person, a
date and a place in every sentence, about 340 rows per 10 KB — where real pages hold a few dozen.

usage: bench/pipeline.py BIN_DIR [--articles N] [--size BYTES] [--pages DIR] [--workers W] [--runs R] [--passthrough] [--memory] [--watch]
Prints figures, never pass/fail.
"""
import argparse, glob, json, os, re, resource, threading, random, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

WORDS = ("the council said on monday that the new bridge would open in june after years of delay "
         "officials warned that costs had risen sharply while residents welcomed the decision to "
         "repair rather than replace the span which carries thousands of cars every day").split()
NAMES = ["Ana Ruiz", "Tom Baker", "Elena Vasquez", "Mark Chen", "Priya Raman", "Daniel Brooks"]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def article(i, size, rng):
    parts, length = [], 0
    while length < size:
        name = rng.choice(NAMES)
        sentence = " ".join(rng.choice(WORDS) for _ in range(18)).capitalize()
        line = f'{sentence}. "We will keep going," {name} said on Tuesday in Washington. Article {i}.'
        parts.append(line)
        length += len(line) + 1
    return "\n".join(parts)

def page_copy(html, copy):
    """`html` (bytes) with a canonical URL of its own in front of any the page has (the first one is read)."""
    link = f'<link rel="canonical" href="https://copy-{copy}.bench.invalid/">'.encode()
    head = re.search(rb"<head[^>]*>", html, re.IGNORECASE)
    return html[:head.end()] + link + html[head.end():] if head else link + html

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks

def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    with open(f"/proc/{entry}/cmdline") as f:
                        out.append((int(entry), os.path.basename(f.read().split("\0")[0])))
            except OSError:
                pass
    return out

def rss_mb(pid, field="VmRSS"):
    """Resident megabytes of `pid` now (VmRSS), or at its peak (VmHWM)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def sample_memory(up_pid, samples, stop):
    """Appends (seconds, {name: [rss MB per process]}) every 2 s until `stop` is set."""
    start = time.monotonic()
    while not stop.wait(2.0):
        snapshot = {}
        for pid, name in children(up_pid):
            try:
                snapshot.setdefault(f"{name} {pid}", rss_mb(pid))
            except OSError:
                pass
        samples.append((time.monotonic() - start, snapshot))


def watch_status(bin_dir, env, stop):
    """Prints, twice a second until `stop` is set, the queue's jobs done and each stage's waiting/in-flight jobs."""
    start = time.monotonic()
    print("   time    done  " + "  ".join(f"{stage + ' wait/flight':>20}" for stage in ("clean", "extract", "store")))
    while not stop.wait(0.5):
        try:
            out = subprocess.run([f"{bin_dir}/pressline", "status", "--format", "json", "--timeout", "2"], env=env,
                                 capture_output=True, timeout=5).stdout
            status = json.loads(out)
        except (subprocess.TimeoutExpired, ValueError):
            continue
        stages = {stage["stage"]: stage for stage in status.get("stages", [])}
        cells = "  ".join(f"{stages.get(name, {}).get('waiting', 0):>11}/{stages.get(name, {}).get('inFlight', 0):<8}"
                          for name in ("clean", "extract", "store"))
        print(f"  {time.monotonic() - start:5.1f}s {status.get('done', 0):7}  {cells}", flush=True)


def report_memory(samples):
    if len(samples) < 10:
        print("memory: run too short to judge (fewer than 10 samples)")
        return
    names = sorted({name for _, snapshot in samples for name in snapshot})
    tenth = len(samples) // 10
    print(f"memory per process over {samples[-1][0]:.0f} s ({len(samples)} samples): steady (2nd tenth), peak, last, growth")
    for name in names:
        series = [snapshot[name] for _, snapshot in samples if name in snapshot]
        steady = statistics.median([snapshot[name] for _, snapshot in samples[tenth:2 * tenth] if name in snapshot] or series)
        peak = max(series)
        print(f"  {name:<28} {steady:7.1f} MB {peak:7.1f} MB {series[-1]:7.1f} MB {100 * (peak - steady) / steady:+6.1f} %")


def launch(bin_dir, work, stages, window, max_unfinished):
    """Writes a pipeline file into `work` with the queue on free loopback ports and `stages` (its [stages.*]
    tables) and starts `pressline up` on it: the process, and the environment that points the CLI at it."""
    submit, work_port = free_port(), free_port()
    pipeline = os.path.join(work, "pipeline.toml")
    with open(pipeline, "w") as f:
        f.write(f'[queue]\nsubmit = "tcp://127.0.0.1:{submit}"\nwork = "tcp://127.0.0.1:{work_port}"\nwindow = {window}\n'
                f'max_unfinished = {max_unfinished}\n' + stages)
    env = dict(os.environ, PRESSLINE_QUEUE=f"tcp://127.0.0.1:{submit}", PRESSLINE_LOG_LEVEL="warning")
    up = subprocess.Popen([f"{bin_dir}/pressline", "up", pipeline, "--data-dir", os.path.join(work, "data")],
                          env=env, stderr=subprocess.DEVNULL)
    return up, env


def run(bin_dir, articles, size, workers, folder, passthrough, memory=None, watch=False):
    work = tempfile.mkdtemp(prefix="pressline-bench-")
    try:
        flag = "true" if passthrough else "false"
        up, env = launch(bin_dir, work, window=1024, max_unfinished=articles + 1000,
                         stages=f'[stages.fetch]\nworkers = 0\n[stages.clean]\nworkers = {workers}\npassthrough = {flag}\n'
                                f'[stages.extract]\nworkers = {workers}\npassthrough = {flag}\n'
                                f'[stages.store]\nworkers = 1\nbatch = 128\n')
        try:
            time.sleep(1.0)
            start = time.monotonic()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            stop = threading.Event()
            sampler = None
            if memory is not None:
                sampler = threading.Thread(target=sample_memory, args=(up.pid, memory, stop), daemon=True)
                sampler.start()
            watcher = threading.Thread(target=watch_status, args=(bin_dir, env, stop), daemon=True) if watch else None
            if watcher:
                watcher.start()
            done = subprocess.run([f"{bin_dir}/pressline", "push", "--wait", "--wait-timeout", "1200", folder],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1500)
            elapsed = time.monotonic() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            stop.set()
            if sampler:
                sampler.join()
            if watcher:
                watcher.join()
            if done.returncode != 0:
                print("push failed:", done.stderr.decode()[-500:], file=sys.stderr)
            cpu = {}
            for pid, name in children(up.pid):
                try:
                    cpu[name] = cpu.get(name, 0) + cpu_seconds(pid)
                except OSError:
                    pass
            cpu["pressline push"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            return elapsed, cpu
        finally:
            up.send_signal(signal.SIGTERM)
            up.wait(timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--pages", help="push copies of these real HTML pages instead of generated text")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--passthrough", action="store_true", help="trivial clean and extract: the pipeline's own cost")
    parser.add_argument("--memory", action="store_true", help="sample every process's resident memory (long runs)")
    parser.add_argument("--watch", action="store_true", help="print each stage's waiting and in-flight jobs twice a second")
    args = parser.parse_args()
    rng = random.Random(7)
    folder = tempfile.mkdtemp(prefix="pressline-bench-articles-")
    try:
        pages = sorted(glob.glob(os.path.join(args.pages, "*.html"))) if args.pages else []
        if args.pages and not pages:
            print(f"skipped: no pages under {args.pages} (../shared/bench absent?)")
            return
        for i in range(args.articles):
            if pages:
                with open(pages[i % len(pages)], "rb") as source:
                    html = page_copy(source.read(), i)
                with open(os.path.join(folder, f"a{i:06d}.html"), "wb") as f:
                    f.write(html)
            else:
                with open(os.path.join(folder, f"a{i:06d}.txt"), "w") as f:
                    f.write(article(i, args.size, rng))
        rates, cpus, memory = [], [], ([] if args.memory else None)
        for _ in range(args.runs):
            elapsed, cpu = run(args.bin_dir, args.articles, args.size, args.workers, folder, args.passthrough, memory, args.watch)
            rates.append(args.articles / elapsed)
            cpus.append(cpu)
        logic = "pass-through" if args.passthrough else "real"
        what = f"copies of {len(pages)} pages from {args.pages}" if pages else f"articles of ~{args.size} B"
        print(f"{args.articles} {what}, {args.workers} {logic} clean + {args.workers} {logic} extract workers, {args.runs} runs")
        print(f"articles/s: median {statistics.median(rates):.0f} (runs: {', '.join(f'{r:.0f}' for r in rates)})")
        last = cpus[-1]
        total = sum(last.values()) or 1
        for name, seconds in sorted(last.items(), key=lambda kv: -kv[1]):
            print(f"  cpu {name:<20} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
        stage_cpu = last.get("pressline-clean", 0) + last.get("pressline-extract", 0)
        overhead = total - stage_cpu
        if memory is not None:
            report_memory(memory)
        print(f"pipeline overhead (queue, store, push): {100 * overhead / total:.1f} % of all CPU, "
              f"{1e6 * overhead / args.articles:.0f} µs CPU per article")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

if __name__ == "__main__":
    main()
