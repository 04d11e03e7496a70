import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PresslineCore

/// Blocking HTTP GET over URLSession (libcurl on Linux), with a time limit, a size cap and a redirect cap.
/// Safe to call from many threads at once: each call waits only for its own request. libcurl inflates gzip,
/// deflate and brotli bodies; the size cap holds for the inflated bytes, so a decompression bomb stops there
/// (`PipelineTests.badServers`, `FetchEncodingTests`). libcurl also takes its proxy from `http_proxy`,
/// `https_proxy` and `no_proxy`, which is how `stages.fetch.proxy` reaches it (``ProxySettings``).
///
/// ```swift
/// let fetcher = HTTPFetcher(limits: FetchLimits(), addresses: AddressPolicy(), userAgent: "Example/1.0 (+https://example.org)")
/// let (response, body) = try fetcher.download(URL(string: "https://example.org/feed.xml")!, limit: 1 << 20)
/// ```
public final class HTTPFetcher: Sendable {
    private let limits: FetchLimits
    private let addresses: AddressPolicy
    private let transfers: HTTPTransfers
    private let session: URLSession

    /// A fetcher that reaches what `addresses` allows, within `limits`, saying it is `userAgent`.
    public init(limits: FetchLimits, addresses: AddressPolicy, userAgent: String) {
        self.limits = limits
        self.addresses = addresses
        transfers = HTTPTransfers(addresses: addresses, maxRedirects: limits.maxRedirects)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = limits.timeout
        configuration.timeoutIntervalForResource = limits.timeout
        configuration.httpAdditionalHeaders = ["User-Agent": userAgent]
        configuration.httpMaximumConnectionsPerHost = 4
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    /// Fetches `url`; 4xx and oversized pages fail permanently, network errors and 5xx transiently.
    /// Every hop's host is resolved and checked against `addresses` before it is requested.
    func fetch(_ url: URL, archive: WARCWriter? = nil, userAgent: String = "") throws(StageFailure) -> Fetched {
        let (response, data) = try get(url)
        archive?.record(url: url, userAgent: userAgent, response: response, body: data)
        let status = response.statusCode
        switch status {
        case 200..<300: break
        case 300..<400:
            let location = response.value(forHTTPHeaderField: "Location") ?? "nowhere"
            throw .permanent("\(url) redirected to '\(location)', which is not followed: not an http or https URL")
        case 429, 503:
            // "Too many requests", "come back later": the host's other pages wait as long as it asks.
            let wait = response.value(forHTTPHeaderField: "Retry-After").flatMap { HTTPFetcher.seconds(retryAfter: $0) }
            throw .transient("\(url) answered HTTP \(status)" + (wait.map { ", retry after \(Int($0)) s" } ?? ""), retryAfter: wait)
        case 408, 425, 500...: throw .transient("\(url) answered HTTP \(status)")
        default: throw .permanent("\(url) answered HTTP \(status)")
        }
        let mediaType = (response.mimeType ?? "text/html").lowercased()
        guard mediaType.hasPrefix("text/") || mediaType.contains("html") || mediaType.contains("xml") else {
            throw .permanent("\(url) is \(mediaType), not a page")
        }
        guard !CharsetDecoder.looksBinary(data) else {
            throw .permanent("\(url) is binary, not a page, though it says \(mediaType)")
        }
        let body = CharsetDecoder.decode(data, declared: response.textEncodingName)
        return Fetched(body: body, contentType: mediaType, finalURL: response.url?.absoluteString ?? url.absoluteString, status: status)
    }

    /// A `Retry-After` value (RFC 9110 section 10.2.3) as seconds from now: delay-seconds, or an HTTP date.
    static func seconds(retryAfter value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: text).map { max(0, $0.timeIntervalSince(now)) }
    }

    /// The robots.txt at `url` for `userAgent` (RFC 9309 section 2.3.1): read when it is there, everything
    /// allowed when it is missing (4xx), everything disallowed when it cannot be read for now (5xx, unreachable).
    /// A site that may not or cannot be reached at all (a refused address, a name that does not resolve) fails.
    func robots(_ url: URL, userAgent: String) throws(StageFailure) -> RobotsTxt {
        let response: HTTPURLResponse, data: Data
        do { (response, data) = try get(url, limit: RobotsTxt.maxBytes, truncates: true) } catch {
            if error.kind == .permanent { throw error }
            return .unreadableFile(because: error.reason)
        }
        switch response.statusCode {
        case 200..<300: return RobotsTxt(String(decoding: data, as: UTF8.self), userAgent: userAgent)
        case 400..<500: return .allowAll
        default: return .unreadableFile(because: "\(url) answered HTTP \(response.statusCode)")
        }
    }

    /// One GET of `url` sending `headers`, with redirects followed (each hop checked), whatever its status:
    /// the final response and at most `limit` bytes of body (a longer body fails). For the command line's
    /// feeds and sitemaps, where the caller judges the status (a 304 to a conditional GET is an answer).
    public func download(_ url: URL, headers: [String: String] = [:], limit: Int) throws(StageFailure) -> (response: HTTPURLResponse, body: Data) {
        try get(url, headers: headers, limit: limit)
    }

    /// One GET with redirects followed (each hop checked), bounded in time and size: the final response and body.
    private func get(_ url: URL, headers: [String: String] = [:], limit: Int? = nil, truncates: Bool = false) throws(StageFailure) -> (HTTPURLResponse, Data) {
        do { try addresses.check(host: url.host ?? "") } catch {
            throw error.transient ? .transient(error.message) : .permanent(error.message)
        }
        let transfer = HTTPTransfers.Transfer(limit: limit ?? limits.maxBytes, truncates: truncates)
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let task = session.dataTask(with: request)
        transfers.start(task, transfer)
        task.resume()
        // URLSession's own limits restart with every byte on Linux, so a server that drips a byte a second
        // would hold the slot for ever: the whole request gets `timeout` seconds here (`PipelineTests.badServers`).
        let timedOut = transfer.done.wait(timeout: .now() + limits.timeout) == .timedOut
        if timedOut {
            task.cancel()
            _ = transfer.done.wait(timeout: .now() + 5)
        }
        transfers.end(task)
        if timedOut { throw .transient("fetching \(url) timed out after \(Self.seconds(limits.timeout)) s") }

        if transfer.tooLarge { throw .permanent("\(url) is larger than \(transfer.limit) bytes") }
        if let refusal = transfer.refusal { throw .permanent("\(url) redirected to a URL the fetch stage does not reach: \(refusal.message)") }
        if let error = transfer.error { throw .transient("fetching \(url) failed: \(error.localizedDescription)") }
        guard let response = transfer.response else { throw .transient("fetching \(url) got no response") }
        if (300..<400).contains(response.statusCode) && transfer.redirects > limits.maxRedirects {
            throw .permanent("\(url) redirected more than \(limits.maxRedirects) times")
        }
        return (response, transfer.data)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
