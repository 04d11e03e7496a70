#!/usr/bin/env python3
"""The fetch stage against many hosts on loopback: throughput, politeness from the servers' own log, and
de-duplication of URL variants.

One process here serves HOSTS loopback addresses (127.0.0.2 …), each with PAGES generated article pages and
no robots.txt (everything allowed), optionally answering after LATENCY seconds, and logs every request with
its start and end. `pressline up` runs the pipeline with FETCHERS fetch processes and pass-through clean and
extract (the fetch stage is what is measured); every URL is pushed with --wait.

Reports pages/s, then from the log: the most requests one host had in flight at once, the shortest gap
between two requests to one host (end to next start), and how many distinct pages were fetched against how
many URLs were pushed (with --variants, 30 % of the URLs are pushed again spelt differently: case, a
fragment, tracking parameters).

With --hostile every robots.txt is 10 MB and the first ten hosts also serve a 60 MB page, a gzip bomb and a
page robots.txt disallows: the peak memory printed shows what they cost.

With --busy N the first host answers its Nth page request with 429 and `Retry-After: 5`: the log then shows
how long that host was left alone, and the other hosts' rate during its rest against their rate in windows
of the same length just before and just after it.

usage: bench/crawl.py BIN_DIR [--hosts H] [--pages P] [--delay D] [--latency L] [--fetchers F] [--concurrency C]
                              [--variants] [--hostile] [--busy N]
Prints figures, never pass/fail.
"""
import argparse, gzip, http.server, os, random, shutil, signal, subprocess, sys, tempfile, threading, time

from pipeline import children, cpu_seconds, free_port, launch, rss_mb

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}"></head>
<body><main><article><h1>{title}</h1><p>By Lena Ortiz</p>
<p>{title}: the council approved the plan on Tuesday evening after a long debate, officials said.</p>
<p>Work is expected to begin in the spring and to last about eighteen months.</p></article></main></body></html>"""


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []  # (host, path, start, end)
        self.busy = []  # (host, start, end) of each 429 answered
        self.counts = {}  # host -> page requests so far

    def add(self, entry):
        with self.lock:
            self.entries.append(entry)

    def count(self, host):
        """This page request's number at `host`, from 1."""
        with self.lock:
            self.counts[host] = self.counts.get(host, 0) + 1
            return self.counts[host]


HOSTILE_ROBOTS = b"User-agent: *\nDisallow: /private/\n" + b"# padding a robots.txt out to ten megabytes\n" * 240_000
BOMB = None  # 50 MB of text gzip-coded, made once when --hostile asks for it


def serve(address, port, log, latency, hostile=False, gzip_pages=False, busy_after=0):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            start = time.time()
            if latency:
                time.sleep(latency)
            headers = {"Content-Type": "text/html; charset=utf-8"}
            if self.path.startswith("/robots.txt"):
                body, status = (HOSTILE_ROBOTS, 200) if hostile else (b"", 404)
            elif hostile and self.path == "/large":
                body, status = b"<p>" + b"a" * (60 << 20) + b"</p>", 200
            elif hostile and self.path == "/bomb":
                body, status = BOMB, 200
                headers["Content-Encoding"] = "gzip"
            elif busy_after and log.count(address) == busy_after:
                body, status = b"busy", 429
                headers["Retry-After"] = "5"
            else:
                body, status = PAGE.format(title=f"Story {self.path} on {address}").encode(), 200
                if gzip_pages:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the fetch stage stopped reading past its cap
            if status == 429:
                log.busy.append((address, start, time.time()))
            else:
                log.add((address, self.path.split("?")[0].split("#")[0].lower(), start, time.time()))

    server = http.server.ThreadingHTTPServer((address, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def variant(url, rng):
    """The same page spelt another way: a fragment, tracking parameters, or the scheme and host in capitals."""
    choice = rng.randrange(3)
    if choice == 0:
        return url + "#comments"
    if choice == 1:
        return url + "?utm_source=newsletter&utm_medium=email"
    scheme, rest = url.split("://", 1)
    host, path = rest.split("/", 1)
    return f"{scheme.upper()}://{host.upper()}/{path}"


def politeness(entries):
    """The most requests one host had at once, and the shortest end-to-start gap between two of its requests."""
    by_host = {}
    for host, path, start, end in entries:
        if path != "/robots.txt":
            by_host.setdefault(host, []).append((start, end))
    most, shortest = 0, float("inf")
    for spans in by_host.values():
        spans.sort()
        events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
        level = 0
        for _, step in events:
            level += step
            most = max(most, level)
        for (_, end), (start, _) in zip(spans, spans[1:]):
            shortest = min(shortest, start - end)
    return most, shortest


def rest_and_rates(entries, busy):
    """How long the busy host was left alone after its 429, and the other hosts' pages/s during that rest and in
    windows of the same length just before and just after it (clipped to the crawl)."""
    host, _, answered = busy
    rest = min((start for h, path, start, _ in entries if h == host and start >= answered), default=float("inf")) - answered
    others = [start for h, path, start, _ in entries if h != host and path != "/robots.txt"]
    first, last = min(others), max(others)

    def rate(lo, hi):
        lo, hi = max(lo, first), min(hi, last)
        return sum(1 for t in others if lo <= t < hi) / (hi - lo) if hi > lo else float("nan")

    return rest, rate(answered - rest, answered), rate(answered, answered + rest), rate(answered + rest, answered + 2 * rest)


def usage(parent):
    """CPU seconds (user + system) so far and peak resident megabytes of each process `parent` started, by name."""
    seconds, peak = {}, {}
    for pid, name in children(parent):
        try:
            seconds[name] = seconds.get(name, 0) + cpu_seconds(pid)
            peak[name] = max(peak.get(name, 0), rss_mb(pid, "VmHWM"))
        except OSError:
            pass
    return seconds, peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--pages", type=int, default=50, help="pages per host")
    parser.add_argument("--delay", type=float, default=0.0, help="stages.fetch.per_host_delay")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each answer waits")
    parser.add_argument("--fetchers", type=int, default=1, help="fetch processes")
    parser.add_argument("--concurrency", type=int, default=32, help="stages.fetch.concurrency: requests in flight per process")
    parser.add_argument("--hostile", action="store_true",
                        help="robots.txt of 10 MB everywhere; the first 10 hosts also serve a 60 MB page and a gzip bomb")
    parser.add_argument("--variants", action="store_true", help="push 30 % of the URLs again, spelt differently")
    parser.add_argument("--busy", type=int, default=0, metavar="N",
                        help="the first host answers its Nth page request with 429 and Retry-After: 5")
    args = parser.parse_args()

    log, port = Log(), free_port()
    addresses = [f"127.0.{(i + 2) // 256}.{(i + 2) % 256}" for i in range(args.hosts)]
    if args.hostile:
        global BOMB
        BOMB = gzip.compress(b"a" * (50 << 20), 9)
    servers = [serve(address, port, log, args.latency, args.hostile, busy_after=args.busy if i == 0 else 0)
               for i, address in enumerate(addresses)]
    urls = [f"http://{address}:{port}/p/{n}.html" for address in addresses for n in range(args.pages)]
    hostile = [f"http://{address}:{port}/{name}" for address in addresses[:10] for name in ("large", "bomb", "private/x")] if args.hostile else []
    rng = random.Random(17)
    pushed = urls + hostile + ([variant(url, rng) for url in rng.sample(urls, int(0.3 * len(urls)))] if args.variants else [])
    rng.shuffle(pushed)

    work = tempfile.mkdtemp(prefix="pressline-crawl-")
    try:
        up, env = launch(args.bin_dir, work, window=2048, max_unfinished=len(pushed) + 1000,
                         stages=f'[stages.fetch]\nworkers = {args.fetchers}\nconcurrency = {args.concurrency}\n'
                                f'allow_networks = ["127.0.0.0/8"]\nper_host_delay = {args.delay}\n'
                                f'[stages.clean]\nworkers = 1\npassthrough = true\n[stages.extract]\nworkers = 1\npassthrough = true\n'
                                f'[stages.store]\nworkers = 1\nbatch = 128\n')
        try:
            time.sleep(1.5)
            start = time.monotonic()
            done = subprocess.run([f"{args.bin_dir}/pressline", "push", "--wait", "--wait-timeout", "3000", *pushed],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=3600)
            elapsed = time.monotonic() - start
            cpu, peak = usage(up.pid)
        finally:
            up.send_signal(signal.SIGTERM)
            up.wait(timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        stoppers = [threading.Thread(target=server.shutdown) for server in servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
    if done.returncode != 0 and not args.hostile:
        print("push failed:", done.stderr.decode()[-400:], file=sys.stderr)
    pages = [e for e in log.entries if e[1] != "/robots.txt"]
    distinct = len({(host, path) for host, path, _, _ in pages})
    most, shortest = politeness(log.entries)
    print(f"{args.hosts} hosts x {args.pages} pages, delay {args.delay} s, latency {args.latency} s, {args.fetchers} fetch "
          f"process{'es' if args.fetchers > 1 else ''}: {len(urls) / elapsed:.0f} pages/s ({len(urls)} pages in {elapsed:.1f} s)")
    print(f"  politeness from the servers' log: at most {most} request(s) of one host at once; "
          f"shortest gap between two of a host's requests {shortest * 1000:.0f} ms")
    print("  CPU seconds: " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in sorted(cpu.items())) +
          f"; this script (its HTTP servers) {sum(os.times()[:2]):.1f}")
    print("  peak resident MB: " + ", ".join(f"{name} {megabytes:.0f}" for name, megabytes in sorted(peak.items())))
    print(f"  pushed {len(pushed)} URLs for {len(urls)} pages: {len(pages)} page requests, {distinct} distinct pages")
    if args.hostile:
        private = sum(1 for _, path, _, _ in pages if path.startswith("/private/"))
        print(f"  hostile: {len(hostile)} URLs (60 MB pages, gzip bombs, pages robots.txt disallows) failed; "
              f"disallowed pages requested: {private}")
    if args.busy:
        if not log.busy:
            print(f"  busy: the first host never reached its request {args.busy}")
        else:
            rest, before, during, after = rest_and_rates(log.entries, log.busy[0])
            beside = [rate for rate in (before, after) if rate == rate]  # a window past the crawl's end is NaN
            print(f"  busy: {log.busy[0][0]} answered 429 Retry-After: 5 and was left alone {rest:.2f} s; the other hosts "
                  f"{before:.0f} pages/s before, {during:.0f} during ({during / (sum(beside) / len(beside)):.1%} of the "
                  f"mean beside it), {after:.0f} after")


if __name__ == "__main__":
    main()
