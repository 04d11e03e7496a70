#!/usr/bin/env python3
"""The fetch stage's HTTP library, measured: the same loopback crawl through URLSession (libcurl on Linux, what
the fetch stage uses) and through async-http-client (SwiftNIO), side by side in one run.

Serves HOSTS loopback addresses (127.0.0.2 …) from this process, as bench/crawl.py does, builds the small
Swift package in bench/http-clients (async-http-client from the local mirror; the first build takes minutes),
then runs each client over the same URLs, alternating, RUNS times: pages/s, CPU milliseconds per page of the
client process, its peak resident memory, failures. With --gzip every page is sent gzip-coded.

usage: bench/http-clients.py [--hosts H] [--pages P] [--concurrency C] [--runs R] [--gzip]
Prints figures, never pass/fail.
"""
import argparse, json, os, subprocess, sys, threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crawl import Log, serve  # noqa: E402
from pipeline import free_port  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "http-clients")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--pages", type=int, default=25, help="pages per host")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--gzip", action="store_true", help="send every page gzip-coded")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--package-path", HERE], check=True, stdout=subprocess.DEVNULL)
    binary = os.path.join(HERE, ".build", "release", "http-clients")
    log, port = Log(), free_port()
    addresses = [f"127.0.{(i + 2) // 256}.{(i + 2) % 256}" for i in range(args.hosts)]
    servers = [serve(address, port, log, 0, gzip_pages=args.gzip) for address in addresses]
    # Host after host, so the clients' requests spread over every host as a polite crawl's do.
    urls = [f"http://{address}:{port}/p/{n}.html" for n in range(args.pages) for address in addresses]
    try:
        for run in range(args.runs):
            for client in ("urlsession", "ahc"):
                out = subprocess.run([binary, client, str(args.concurrency), *urls], stdout=subprocess.PIPE, check=True)
                result = json.loads(out.stdout)
                print(f"run {run + 1} {client:>10}: {result['pages'] / result['seconds']:7.0f} pages/s, "
                      f"{1000 * result['cpu'] / len(urls):.2f} ms CPU per page, peak {result['peak_mb']:.0f} MB, "
                      f"{result['failures']} failed ({len(urls)} pages, {args.hosts} hosts, {args.concurrency} at once"
                      f"{', gzip' if args.gzip else ''})")
    finally:
        stoppers = [threading.Thread(target=server.shutdown) for server in servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()


if __name__ == "__main__":
    main()
