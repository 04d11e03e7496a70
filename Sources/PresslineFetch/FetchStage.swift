import Foundation
import PresslineCore

/// Fetches `url` inputs (http, https, file) and passes inline content through,
/// leaving the body as UTF-8 text in ``Document/fetched``.
public struct FetchStage: DocumentStage {
    public let name = "fetch"
    private let client: HTTPFetcher
    private let limits: FetchLimits

    /// Creates a fetch stage with `limits`.
    public init(limits: FetchLimits = FetchLimits()) {
        self.limits = limits
        self.client = HTTPFetcher(limits: limits)
    }

    public func process(_ document: Document) throws(StageFailure) -> StageOutput {
        var document = document
        guard document.input.kind == .url else {
            guard let page = document.page else { throw .permanent("inline \(document.input.kind.rawValue) input has no content") }
            document.fetched = page
            return .next(document)
        }
        guard let text = document.input.url, let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw .permanent("'\(document.input.url ?? "")' is not a URL")
        }
        switch scheme {
        case "http", "https":
            document.fetched = try client.fetch(url)
        case "file":
            document.fetched = try readFile(url)
        default:
            throw .permanent("scheme '\(scheme)' is not fetched; use http, https or file")
        }
        return .next(document)
    }

    private func readFile(_ url: URL) throws(StageFailure) -> Fetched {
        let path = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw .permanent("cannot read \(path): no such file")
        }
        let size = (attributes[.size] as? Int) ?? 0
        guard size <= limits.maxBytes else { throw .permanent("\(path) is \(size) bytes; the limit is \(limits.maxBytes)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .transient("cannot read \(path)") }
        let lower = path.lowercased()
        let type = lower.hasSuffix(".html") || lower.hasSuffix(".htm") || CharsetDecoder.looksLikeHTML(data) ? "text/html" : "text/plain"
        return Fetched(body: CharsetDecoder.decode(data, declared: nil), contentType: type, finalURL: url.absoluteString, status: 200)
    }
}

/// Limits that keep one page from hurting the worker.
public struct FetchLimits: Sendable {
    /// Seconds for the whole request.
    public var timeout: Double = 20
    /// Largest body in bytes; larger pages fail permanently.
    public var maxBytes = 32 << 20
    /// Redirects followed before giving up.
    public var maxRedirects = 5

    public init(timeout: Double = 20, maxBytes: Int = 32 << 20, maxRedirects: Int = 5) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
    }
}
