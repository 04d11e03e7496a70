import AsyncHTTPClient
import NIOCore
import NIOHTTP1

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
