import Foundation
import NIOHTTP1
import Synchronization

/// Every page fetch as WARC/1.1 `request` and `response` records (ISO 28500), one gzip member per record, in
/// files of `pressline-<time>-<pid>-<n>.warc.gz` under a directory, a new file once one passes `maxFileBytes`:
/// a crawl can be replayed (`pressline push --warc`) and audited (`WARCPushTests.liveCrawlReplayed`, which
/// has warcio check and index them). The response holds the body as received after transfer and content
/// decoding, with a `Content-Length` to match.
///
/// ```swift
/// let archive = try WARCWriter(directory: "data/warc", maxFileBytes: 1 << 30)
/// archive.record(url: url, userAgent: agent, response: response, body: data)
/// ```
public final class WARCWriter: Sendable {
    private struct Output {
        var file: FileHandle?
        var bytes = 0
        var serial = 0
    }

    private let directory: String
    private let maxFileBytes: Int
    private let output = Mutex(Output())

    public init(directory: String, maxFileBytes: Int) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.maxFileBytes = max(1 << 16, maxFileBytes)
    }

    deinit { output.withLock { try? $0.file?.close() } }

    /// Writes the request for `url` and the `response` with its `body`, as two records that name each other.
    func record(url: URL, userAgent: String, answer: HTTPAnswer) {
        let date = Self.timestamp()
        let requestID = "<urn:uuid:\(UUID().uuidString.lowercased())>", responseID = "<urn:uuid:\(UUID().uuidString.lowercased())>"
        let target = answer.url.absoluteString
        let members = Gunzip.member(Self.record(type: "response", id: responseID, date: date, target: target,
                                               contentType: "application/http; msgtype=response", related: requestID,
                                               block: Self.responseBlock(answer)))
            + Gunzip.member(Self.record(type: "request", id: requestID, date: date, target: target,
                                        contentType: "application/http; msgtype=request", related: responseID,
                                        block: Self.requestBlock(answer.url, userAgent: userAgent)))
        output.withLock { output in
            if output.file == nil || output.bytes + members.count > maxFileBytes { open(&output, date: date) }
            guard let file = output.file else { return }
            do {
                try file.write(contentsOf: members)
                output.bytes += members.count
            } catch {
                // A full disk loses the archive's copy, not the fetch: the page still goes on to clean.
                output.file = nil
            }
        }
    }

    private func open(_ output: inout Output, date: String) {
        try? output.file?.close()
        output.serial += 1
        let stamp = date.filter(\.isNumber).prefix(14)
        let path = (directory as NSString).appendingPathComponent(
            "pressline-\(stamp)-\(ProcessInfo.processInfo.processIdentifier)-\(String(format: "%05d", output.serial)).warc.gz")
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            output.file = nil
            return
        }
        let info = Data("software: Pressline\r\nformat: WARC File Format 1.1\r\n".utf8)
        let header = Gunzip.member(Self.record(type: "warcinfo", id: "<urn:uuid:\(UUID().uuidString.lowercased())>", date: date, target: nil,
                                               contentType: "application/warc-fields", related: nil, block: info,
                                               filename: (path as NSString).lastPathComponent))
        try? file.write(contentsOf: header)
        (output.file, output.bytes) = (file, header.count)
    }

    static func record(type: String, id: String, date: String, target: String?, contentType: String, related: String?,
                       block: Data, filename: String? = nil) -> Data {
        var head = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: \(id)\r\nWARC-Date: \(date)\r\n"
        if let target { head += "WARC-Target-URI: \(target)\r\n" }
        if let related { head += "WARC-Concurrent-To: \(related)\r\n" }
        if let filename { head += "WARC-Filename: \(filename)\r\n" }
        head += "Content-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n"
        return Data(head.utf8) + block + Data("\r\n\r\n".utf8)
    }

    /// The response as the page arrived, decoded: its headers but those of the transfer, and its body.
    static func responseBlock(_ answer: HTTPAnswer) -> Data {
        var head = "HTTP/1.1 \(answer.status) \(HTTPResponseStatus(statusCode: answer.status).reasonPhrase)\r\n"
        for (name, value) in answer.headers where !["content-encoding", "transfer-encoding", "content-length"].contains(name.lowercased()) {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(answer.body.count)\r\n\r\n"
        return Data(head.utf8) + answer.body
    }

    static func requestBlock(_ url: URL, userAgent: String) -> Data {
        let host = (url.host ?? "") + (url.port.map { ":\($0)" } ?? "")
        return Data("GET \(FetchStage.pathAndQuery(of: url)) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: \(userAgent)\r\nAccept-Encoding: \(ContentDecoding.accepted)\r\n\r\n".utf8)
    }

    private static func timestamp() -> String {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime]
        return format.string(from: Date())
    }
}
