import Foundation

extension LocalHTTPServer {
    /// The server: Python's threaded http.server, with the hostile answers ``LocalHTTPServer`` lists.
    /// It exits by itself when the test process that started it dies.
    static let script = """
        import functools, http.server, os, signal, sys, threading, time, urllib.parse
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])  # test runners spawn with signals blocked
        parent = os.getppid()
        busy = set()
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
            def send_response(self, code, message=None):
                self.status = code
                super().send_response(code, message)
            def do_GET(self):
                with open(os.path.join(sys.argv[2], ".requests"), "a") as log:
                    log.write(self.path + "\\n")
                started = time.time()
                try:
                    self.answer()
                finally:
                    with open(os.path.join(sys.argv[2], ".timeline"), "a") as log:
                        log.write(f"{started:.6f} {time.time():.6f} {getattr(self, 'status', 0)} {self.path}\\n")
            def do_CONNECT(self):
                # A proxy's tunnel (async-http-client asks for one for http as well as https): this server
                # answers for every host, so the tunnel leads back to it.
                import select, socket
                with open(os.path.join(sys.argv[2], ".requests"), "a") as log:
                    log.write(f"CONNECT {self.path}\\n")
                upstream = socket.create_connection((sys.argv[3], int(sys.argv[1])))
                self.send_response(200)
                self.end_headers()
                ends = [self.connection, upstream]
                try:
                    while True:
                        readable, _, _ = select.select(ends, [], [], 30)
                        if not readable:
                            break
                        for end in readable:
                            data = end.recv(65536)
                            if not data:
                                return
                            (upstream if end is self.connection else self.connection).sendall(data)
                finally:
                    upstream.close()
                    self.close_connection = True
            def answer(self):
                url = urllib.parse.urlparse(self.path)
                status_file = os.path.join(sys.argv[2], "robots.status")
                if url.path == "/robots.txt" and os.path.exists(status_file):
                    self.send_response(int(open(status_file).read().strip()))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif url.path.startswith("/__busy/") and url.path not in busy:
                    busy.add(url.path)
                    self.send_response(429)
                    self.send_header("Retry-After", urllib.parse.parse_qs(url.query).get("after", ["2"])[0])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif url.path.startswith("/__busy/"):
                    self.path = url.path[len("/__busy"):]
                    super().do_GET()
                elif url.path.startswith("/__encoded/"):
                    self.encoded(url)
                elif url.path == "/__redirect":
                    self.send_response(302)
                    self.send_header("Location", urllib.parse.parse_qs(url.query)["to"][0])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif url.path == "/__gzipbomb":
                    import gzip
                    body = gzip.compress(b"a" * 50_000_000, 1)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif url.path == "/__large":
                    size = 60 * 1024 * 1024
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(size))
                    self.end_headers()
                    chunk = b"<p>" + b"a" * 65530 + b"</p>"
                    try:
                        for _ in range(size // len(chunk)):
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                elif url.path == "/__binary":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "2048")
                    self.end_headers()
                    self.wfile.write(bytes(range(256)) * 8)
                elif url.path == "/__drip":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "60")
                    self.end_headers()
                    for _ in range(60):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(1)
                else:
                    super().do_GET()
            def encoded(self, url):
                coding = urllib.parse.parse_qs(url.query)["as"][0]
                with open(os.path.join(sys.argv[2], url.path[len("/__encoded/"):]), "rb") as page:
                    body = page.read()
                if coding == "gzip":
                    import gzip
                    body = gzip.compress(body)
                elif coding == "deflate":
                    import zlib
                    body = zlib.compress(body)
                elif coding == "br":
                    import subprocess
                    body = subprocess.run(["brotli", "-c"], input=body, stdout=subprocess.PIPE, check=True).stdout
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Encoding", coding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        handler = functools.partial(Handler, directory=sys.argv[2])
        server = http.server.ThreadingHTTPServer((sys.argv[3], int(sys.argv[1])), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        while os.getppid() == parent:
            time.sleep(0.2)
        """
}
