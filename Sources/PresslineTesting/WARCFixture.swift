import Foundation

/// gzip as the system's `gzip` writes it, for tests that need compressed bytes (sitemaps, WARC members).
public enum SystemGzip {
    /// `data` compressed by the system's gzip, as a server or wget would write it.
    public static func compress(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Written from another thread: a large input would fill the pipe while gzip's output waits unread.
        let writer = Thread { try? input.fileHandleForWriting.write(contentsOf: data); try? input.fileHandleForWriting.close() }
        writer.start()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed
    }
}

/// WARC files written for the tests, record by record, as wget, warcio or Common Crawl write them.
public enum WARCFixture {
    public static func record(_ type: String, uri: String = "https://news.example/a", block: [UInt8], extra: String = "") -> [UInt8] {
        let head = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2026-12-01T10:00:00Z\r\n"
            + "WARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\nContent-Type: application/http; msgtype=response\r\n\(extra)"
            + "Content-Length: \(block.count)\r\n\r\n"
        return Array(head.utf8) + block + Array("\r\n\r\n".utf8)
    }

    public static func response(status: Int = 200, type: String = "text/html; charset=utf-8", headers: String = "", body: [UInt8]) -> [UInt8] {
        Array("HTTP/1.1 \(status) OK\r\nContent-Type: \(type)\r\n\(headers)\r\n".utf8) + body
    }

    /// Every kind of record a reader meets: three pages (one chunked and gzip), and one of each thing to skip.
    public static func records(pages: [(url: String, html: String)]) throws -> [[UInt8]] {
        let chunked = Array(pages[1].html.utf8)
        let gzipped = Array(try SystemGzip.compress(Data(chunked)))
        let half = gzipped.count / 2
        var chunks: [UInt8] = Array("\(String(half, radix: 16))\r\n".utf8)
        chunks += gzipped.prefix(half)
        chunks += Array("\r\n\(String(gzipped.count - half, radix: 16))\r\n".utf8)
        chunks += gzipped.dropFirst(half)
        chunks += Array("\r\n0\r\n\r\n".utf8)
        return [
            record("warcinfo", block: Array("software: wget\r\n".utf8)),
            record("request", block: Array("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8)),
            record("response", uri: pages[0].url, block: response(body: Array(pages[0].html.utf8))),
            record("response", uri: "https://news.example/logo.jpg", block: response(type: "image/jpeg", body: [0xFF, 0xD8, 0xFF])),
            record("response", uri: "https://news.example/gone", block: response(status: 404, body: Array("<html>gone</html>".utf8))),
            record("revisit", uri: pages[0].url, block: response(body: [])),
            record("response", uri: "https://news.example/cut", block: response(body: Array("<html><p>cut".utf8)), extra: "WARC-Truncated: length\r\n"),
            Array("this is not a record at all\r\n\r\nnor this\r\n".utf8),
            record("response", uri: pages[1].url, block: response(headers: "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", body: chunks)),
            record("response", uri: pages[2].url, block: response(type: "text/html; charset=windows-1251", body: Array(pages[2].html.utf8))),
        ]
    }

    public static let pages = [
        (url: "https://news.example/2026/12/01/harbour", html: "<html><body><p>The harbour reopened on Monday.</p></body></html>"),
        (url: "https://news.example/2026/12/01/ferry", html: "<html><body><p>The ferry returns, officials said.</p></body></html>"),
        (url: "https://news.example/2026/12/01/bridge", html: "<html><body><p>The bridge vote was close.</p></body></html>"),
    ]
}

