import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PresslineCore

/// Blocking HTTP GET over async-http-client (SwiftNIO), with a time limit, a size cap and a redirect cap,
/// chosen over URLSession on measured CPU and throughput (docs/ARCHITECTURE.md, `bench/http-clients.py`).
/// Safe to call from many threads at once: each call waits only for its own request. Redirects are followed
/// here, one hop at a time, so every hop's host is checked before it is asked; gzip, deflate and brotli are
/// undone here too, capped once inflated, so a decompression bomb stops at the cap (``ContentDecoding``).
///
/// ```swift
/// let fetcher = HTTPFetcher(limits: FetchLimits(), addresses: AddressPolicy(), userAgent: "Example/1.0 (+https://example.org)")
/// let answer = try fetcher.download(URL(string: "https://example.org/feed.xml")!, limit: 1 << 20)
/// ```
public final class HTTPFetcher: Sendable {
    private let limits: FetchLimits
    private let addresses: AddressPolicy
    private let userAgent: String
    private let proxy: ProxySettings
    /// Through the proxy, when there is one; ``direct`` serves the hosts `no_proxy` names.
    private let client: HTTPClient
    private let direct: HTTPClient?

    /// A fetcher that reaches what `addresses` allows, within `limits`, saying it is `userAgent`, through
    /// `proxy` (by default the `http_proxy` and `no_proxy` of the environment).
    public init(limits: FetchLimits, addresses: AddressPolicy, userAgent: String, proxy: ProxySettings = .environment()) {
        self.limits = limits
        self.addresses = addresses
        self.userAgent = userAgent
        self.proxy = proxy
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .milliseconds(Int64(min(limits.timeout, 10) * 1000)),
                                                                    read: .milliseconds(Int64(limits.timeout * 1000))))
        configuration.decompression = .disabled
        let directConfiguration = configuration
        configuration.proxy = proxy.server
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        direct = proxy.server == nil ? nil : HTTPClient(eventLoopGroupProvider: .singleton, configuration: directConfiguration)
    }

    deinit {
        try? client.syncShutdown()
        try? direct?.syncShutdown()
    }

    /// Fetches `url`; 4xx and oversized pages fail permanently, network errors and 5xx transiently.
    /// Every hop's host is resolved and checked against `addresses` before it is requested.
    func fetch(_ url: URL, archive: WARCWriter? = nil) throws(StageFailure) -> Fetched {
        let answer = try get(url)
        archive?.record(url: url, userAgent: userAgent, answer: answer)
        let status = answer.status
        switch status {
        case 200..<300: break
        case 300..<400: throw .permanent("\(url) answered HTTP \(status) without a Location to follow")
        case 429, 503:
            // "Too many requests", "come back later": the host's other pages wait as long as it asks.
            let wait = answer.header("Retry-After").flatMap { HTTPFetcher.seconds(retryAfter: $0) }
            throw .transient("\(url) answered HTTP \(status)" + (wait.map { ", retry after \(Int($0)) s" } ?? ""), retryAfter: wait)
        case 408, 425, 500...: throw .transient("\(url) answered HTTP \(status)")
        default: throw .permanent("\(url) answered HTTP \(status)")
        }
        let (declaredType, charset) = answer.contentType
        let mediaType = declaredType ?? "text/html"
        guard mediaType.hasPrefix("text/") || mediaType.contains("html") || mediaType.contains("xml") else {
            throw .permanent("\(url) is \(mediaType), not a page")
        }
        guard !CharsetDecoder.looksBinary(answer.body) else {
            throw .permanent("\(url) is binary, not a page, though it says \(mediaType)")
        }
        var page = Fetched(body: CharsetDecoder.decode(answer.body, declared: charset), contentType: mediaType,
                           finalURL: answer.url.absoluteString, status: status)
        page.fetchedAt = Date().timeIntervalSince1970
        return page
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
        let answer: HTTPAnswer
        do { answer = try get(url, limit: RobotsTxt.maxBytes, truncates: true) } catch {
            if error.kind == .permanent { throw error }
            return .unreadableFile(because: error.reason)
        }
        switch answer.status {
        case 200..<300: return RobotsTxt(String(decoding: answer.body, as: UTF8.self), userAgent: userAgent)
        case 400..<500: return .allowAll
        default: return .unreadableFile(because: "\(url) answered HTTP \(answer.status)")
        }
    }

    /// One GET of `url` sending `headers`, with redirects followed (each hop checked), whatever its status:
    /// the answer with at most `limit` bytes of body (a longer body fails). For the command line's feeds and
    /// sitemaps, where the caller judges the status (a 304 to a conditional GET is an answer).
    public func download(_ url: URL, headers: [String: String] = [:], limit: Int) throws(StageFailure) -> HTTPAnswer {
        try get(url, headers: headers, limit: limit)
    }

    /// One GET with redirects followed (each hop checked), bounded in time and size, its body decoded.
    private func get(_ start: URL, headers extra: [String: String] = [:], limit: Int? = nil, truncates: Bool = false) throws(StageFailure) -> HTTPAnswer {
        let limit = limit ?? limits.maxBytes
        // The whole request, every hop and however slowly the server sends, gets `timeout` seconds
        // (`PipelineTests.badServers`).
        let deadline = NIODeadline.now() + .milliseconds(Int64(limits.timeout * 1000))
        var url = start
        for hop in 0...limits.maxRedirects {
            do { try addresses.check(host: url.host ?? "") } catch {
                let message = hop == 0 ? error.message : "\(start) redirected to a URL the fetch stage does not reach: \(error.message)"
                throw error.transient ? .transient(message) : .permanent(message)
            }
            var headers = HTTPHeaders([("User-Agent", userAgent), ("Accept-Encoding", ContentDecoding.accepted)])
            for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
            let request: HTTPClient.Request
            do { request = try HTTPClient.Request(url: url, method: .GET, headers: headers) } catch {
                throw .permanent("'\(url)' cannot be requested: \(error)")
            }
            let collector = BodyCollector(limit: limit, truncates: truncates)
            do { try client(for: url).execute(request: request, delegate: collector, deadline: deadline).wait() } catch {
                if collector.tooLarge { throw .permanent("\(url) is larger than \(limit) bytes") }
                if !collector.truncated { throw Self.failure(error, url: url, timeout: limits.timeout) }
            }
            guard let head = collector.head else { throw .transient("fetching \(url) got no response") }
            let status = Int(head.status.code)
            if (300..<400).contains(status), status != 304, let location = head.headers.first(name: "Location") {
                guard let next = URL(string: location, relativeTo: url)?.absoluteURL, ["http", "https"].contains(next.scheme?.lowercased() ?? "") else {
                    throw .permanent("\(start) redirected to '\(location)', which is not followed: not an http or https URL")
                }
                url = next
                continue
            }
            let body: Data
            do throws(ContentDecoding.Failure) {
                body = try ContentDecoding.decode(Data(collector.body.readableBytesView), coding: head.headers.first(name: "Content-Encoding"), limit: limit)
            } catch {
                throw error.tooLarge ? .permanent("\(url) is larger than \(limit) bytes once inflated: \(error)") : .permanent("\(url): \(error)")
            }
            return HTTPAnswer(status: status, headers: head.headers.map { ($0.name, $0.value) }, url: url, body: body)
        }
        throw .permanent("\(start) redirected more than \(limits.maxRedirects) times")
    }

    private func client(for url: URL) -> HTTPClient {
        guard let direct, proxy.bypasses(url.host ?? "") else { return client }
        return direct
    }

    /// A failed request in words: a time-out says how long it was given.
    private static func failure(_ error: any Error, url: URL, timeout: Double) -> StageFailure {
        if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(format: "%.1f", timeout)
            return .transient("fetching \(url) timed out after \(seconds) s")
        }
        return .transient("fetching \(url) failed: \(error)")
    }
}
