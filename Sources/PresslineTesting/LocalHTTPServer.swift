import Foundation

/// A real HTTP server on a loopback address (Python's http.server) serving a temporary folder, plus
/// hostile answers: `/__redirect?to=URL` (302 to URL), `/__drip` (a body one byte a second for a minute),
/// `/__gzipbomb` (50 MB of text in a gzip body of a few dozen KB), `/__large` (a 60 MB page), `/__binary`
/// (bytes labelled text/html), `/__encoded/PATH?as=CODING` (PATH's file sent with `Content-Encoding` gzip,
/// deflate or br) and `/__busy/PATH?after=N` (429 with `Retry-After: N` the first time, PATH after that).
/// As a proxy it answers a `CONNECT` (logged as `CONNECT HOST:PORT`) with a tunnel back to itself.
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
        root = TemporaryFolder.make("http")
        for (name, content) in files {
            let file = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
        }
        port = try FreePort.find()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", LocalHTTPServer.script, "\(port)", root.path, address]
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

    deinit {
        ChildStopper.stop(process)
        try? FileManager.default.removeItem(at: root)
    }
}
