import Foundation
import PresslineCore

/// Fetches `url` inputs (http, https, and file under configured roots) and passes inline content through,
/// leaving the body as UTF-8 text in ``Document/fetched``.
public struct FetchStage: DocumentStage {
    public let name = StageName.fetch
    private let client: HTTPFetcher
    private let limits: FetchLimits
    private let fileRoots: FileRoots
    private let userAgent: String
    private let robots = RobotsCache()
    /// Where every page fetch is also written as WARC records (`stages.fetch.warc_dir`), if anywhere.
    private let archive: WARCWriter?

    /// What the stage says it is unless the pipeline file says otherwise (`stages.fetch.user_agent`, which
    /// should name a contact URL); its first word is the token robots.txt groups are matched against.
    public static let defaultUserAgent = "Pressline/0.1 (news article pipeline)"

    /// Creates a fetch stage that reaches what `addresses` allows, reads files under `fileRoots` only, and asks
    /// each site's robots.txt before its pages as `userAgent`, through `proxy`; `archive` keeps a WARC copy of
    /// every page fetch.
    public init(limits: FetchLimits = FetchLimits(), addresses: AddressPolicy = AddressPolicy(), fileRoots: FileRoots = FileRoots(),
                userAgent: String = FetchStage.defaultUserAgent, proxy: ProxySettings = .environment(), archive: WARCWriter? = nil) {
        self.archive = archive
        self.limits = limits
        self.fileRoots = fileRoots
        self.userAgent = userAgent
        self.client = HTTPFetcher(limits: limits, addresses: addresses, userAgent: userAgent, proxy: proxy)
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
            guard let host = url.host, !host.isEmpty else { throw .permanent("'\(text)' names no host") }
            let rules = try robots.rules(for: url) { (robotsURL) throws(StageFailure) in try client.robots(robotsURL, userAgent: userAgent) }
            guard rules.allows(Self.pathAndQuery(of: url)) else {
                throw rules.unreadable
                    ? .transient("\(host)'s robots.txt cannot be read now (\(rules.unreadableBecause ?? "no answer")); its pages are not fetched until it can")
                    : .permanent("\(url) is disallowed by robots.txt for \(RobotsTxt.productToken(of: userAgent))")
            }
            document.fetched = try client.fetch(url, archive: archive)
            document.fetched?.crawlDelay = rules.crawlDelay.map { min($0, limits.maxCrawlDelay) }
        case "file":
            document.fetched = try fileRoots.read(url, maxBytes: limits.maxBytes)
        default:
            throw .permanent("scheme '\(scheme)' is not fetched; use http or https")
        }
        return .next(document)
    }

    /// What robots.txt rules match: the path and query, as the site wrote them.
    static func pathAndQuery(of url: URL) -> String {
        let parts = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = parts?.percentEncodedPath ?? "/"
        return (path.isEmpty ? "/" : path) + (parts?.percentEncodedQuery.map { "?" + $0 } ?? "")
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
    /// The longest robots.txt `Crawl-delay` honoured (`stages.fetch.max_crawl_delay`): a site cannot slow
    /// its crawl to nothing.
    public var maxCrawlDelay = 30.0

    public init(timeout: Double = 20, maxBytes: Int = 32 << 20, maxRedirects: Int = 5, maxCrawlDelay: Double = 30) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
        self.maxCrawlDelay = maxCrawlDelay
    }
}
