import Foundation

/// A real HTTP server on a loopback address (Python's http.server) serving a temporary folder, plus
/// hostile answers: `/__redirect?to=URL` (302 to URL), `/__drip` (a body one byte a second for a minute),
/// `/__gzipbomb` (50 MB of text in a gzip body of a few dozen KB), `/__large` (a 60 MB page), `/__binary`
/// (bytes labelled text/html) and
/// `/__busy/PATH?after=N` (429 with `Retry-After: N` the first time, PATH after that).
/// A file `robots.status` in the folder makes `/robots.txt` answer with that status. Every request's path is
/// logged (``requests``), with its start and end (``timeline``).
public final class LocalHTTPServer {
    let process = Foundation.Process()
    /// The port it listens on.
    public let port: Int
    /// The loopback address it listens on.
    public let address: String
    /// The folder it serves; tests may add files while it runs.
    public let root: URL

    /// Serves `files` (name → content) from a temporary folder on `address` (any of 127.0.0.0/8).
    public init(files: [String: String], address: String = "127.0.0.1") throws {
        self.address = address
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, content) in files {
            let file = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
        }
        port = try FreePort.find()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Python's threaded http.server; it exits by itself when the test process that started it dies.
        let script = """
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
            handler = functools.partial(Handler, directory=sys.argv[2])
            server = http.server.ThreadingHTTPServer((sys.argv[3], int(sys.argv[1])), handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            while os.getppid() == parent:
                time.sleep(0.2)
            """
        process.arguments = ["python3", "-c", script, "\(port)", root.path, address]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Bounded wait until it accepts connections.
        for _ in 0..<100 {
            if FreePort.isListening(port, address: address) { break }
            usleep(50_000)
        }
    }

    /// The paths requested so far, in order.
    public var requests: [String] {
        ((try? String(contentsOf: root.appendingPathComponent(".requests"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Each request's start and end (seconds since 1970, the server's clock), status and path, in the order
    /// they ended.
    public var timeline: [(start: Double, end: Double, status: Int, path: String)] {
        ((try? String(contentsOf: root.appendingPathComponent(".timeline"), encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 3)
            guard parts.count == 4, let start = Double(parts[0]), let end = Double(parts[1]), let status = Int(parts[2]) else { return nil }
            return (start, end, status, String(parts[3]))
        }
    }

    /// The URL of `path` on this server.
    public func url(_ path: String) -> String { "http://\(address):\(port)/\(path)" }

    deinit { ChildStopper.stop(process) }
}

/// Free TCP ports on loopback.
public enum FreePort {
    /// A port nothing listens on now.
    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on `port` of `address` (a loopback address).
    public static func isListening(_ port: Int, address: String = "127.0.0.1") -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        return connectLoopback(fd, port: port, address: address)
    }

    /// Connects `fd` to `address`:`port`; true on success.
    static func connectLoopback(_ fd: Int32, port: Int, address host: String = "127.0.0.1") -> Bool {
        precondition(host.hasPrefix("127."), "tests reach loopback addresses only")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host)
        address.sin_port = UInt16(port).bigEndian
        return withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}


/// Stops child processes without Foundation's `waitUntilExit`, which can hang on Linux.
public enum ChildStopper {
    /// SIGTERM, up to `grace` seconds for the process to exit, then SIGKILL; bounded either way.
    public static func stop(_ process: Foundation.Process, grace: Double = 5) {
        let pid = process.processIdentifier
        guard isAlive(pid) else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isAlive(pid) && Date() < deadline { usleep(10_000) }
        if isAlive(pid) {
            kill(pid, SIGKILL)
            let hardDeadline = Date().addingTimeInterval(5)
            while isAlive(pid) && Date() < hardDeadline { usleep(10_000) }
        }
    }

    /// True while `pid` runs; an exited child that is not yet reaped (a zombie) counts as gone.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] != "Z"
    }
}

/// Fresh folders under the system's temporary directory.
public enum TemporaryFolder {
    /// Creates `pressline-<prefix>-<uuid>` and returns the path of `file` inside it.
    public static func path(_ prefix: String, file: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(file).path
    }
}

/// A minimal HTTP/1.0 GET over a loopback socket, with a bounded wait.
public enum LoopbackHTTP {
    /// Connects to 127.0.0.1:`port`, writes `bytes` as they are (no protocol at all), and hangs up.
    /// Returns false when the connection was refused.
    @discardableResult
    public static func sendRaw(port: Int, bytes: [UInt8]) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        guard FreePort.connectLoopback(fd, port: port) else { return false }
        _ = send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        return true
    }

    /// The whole response (status line, headers and body) of `GET path` on 127.0.0.1:`port`.
    public static func get(port: Int, path: String, timeout: Int = 5) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        guard FreePort.connectLoopback(fd, port: port) else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
