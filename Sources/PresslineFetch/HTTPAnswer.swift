import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What one GET came back with: the status and headers of the last hop, the URL it was answered at after
/// redirects, and the body with its content coding undone.
public struct HTTPAnswer: Sendable {
    public var status: Int
    /// Header fields as the server sent them, in order.
    public var headers: [(name: String, value: String)]
    public var url: URL
    public var body: Data

    /// The first value of header `name` (case does not matter).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type of `Content-Type`, lowercased ("text/html"), and its charset parameter, if any.
    var contentType: (mediaType: String?, charset: String?) {
        guard let value = header("Content-Type") else { return (nil, nil) }
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let charset = parts.dropFirst().first { $0.lowercased().hasPrefix("charset=") }
            .map { String($0.dropFirst("charset=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) }
        return (parts.first.map { $0.lowercased() }, charset)
    }
}

/// Collects one response's head and body for ``HTTPFetcher``, up to a limit: past it the transfer stops,
/// either failing (a page too large) or keeping what came (robots.txt, read up to RFC 9309's 500 KiB).
/// async-http-client calls it on one event loop at a time; the fetching thread reads it once the request ended.
final class BodyCollector: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    /// Ends the transfer at the limit; which way is said by ``tooLarge`` and ``truncated``.
    struct Stop: Error {}

    let limit: Int
    let truncates: Bool
    private(set) var head: HTTPResponseHead?
    private(set) var body = ByteBuffer()
    private(set) var tooLarge = false
    private(set) var truncated = false

    init(limit: Int, truncates: Bool) {
        self.limit = limit
        self.truncates = truncates
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.head = head
        if !truncates, let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
            tooLarge = true
            return task.eventLoop.makeFailedFuture(Stop())
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        // Checked before appending, so a body past its cap never makes the buffer grow to hold it.
        guard body.readableBytes + buffer.readableBytes > limit else {
            body.writeImmutableBuffer(buffer)
            return task.eventLoop.makeSucceededVoidFuture()
        }
        if truncates {
            body.writeImmutableBuffer(buffer.getSlice(at: buffer.readerIndex, length: limit - body.readableBytes) ?? ByteBuffer())
            truncated = true
        } else {
            tooLarge = true
        }
        return task.eventLoop.makeFailedFuture(Stop())
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {}
}
