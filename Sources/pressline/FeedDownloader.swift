import Foundation
import PresslineFetch

/// `push --feed` and `push --sitemap`: reads feeds and sitemaps and turns their items into URLs to push,
/// optionally only those dated on or after `since` (an item without a date is kept: nothing says it is old).
struct FeedDownloader {
    /// Sitemap indexes nest at most this deep, and at most this many sitemaps are read for one `--sitemap`:
    /// an index that lists itself, or a chain without end, stops here (`FeedPushTests.sitemaps`).
    static let maxSitemapDepth = 4
    static let maxSitemaps = 200

    let since: Date?
    /// The operator names these sources, so any address is theirs to reach; each hop is still bounded in time
    /// and size like a page fetch.
    private let fetcher: HTTPFetcher

    init(since: Date?, timeout: Double) {
        self.since = since
        fetcher = HTTPFetcher(limits: FetchLimits(timeout: timeout), addresses: try! AddressPolicy(allowing: ["0.0.0.0/0", "::/0"]),
                              userAgent: FetchStage.defaultUserAgent)
    }

    /// A feed that cannot be read, with why.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The item URLs of the feed at `address`, in the feed's order.
    func urls(of address: String) throws -> (urls: [String], skippedOld: Int) {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw Failure(description: "--feed \(address): not an http or https URL")
        }
        let data = try download(url)
        let items: [Feed.Item]
        do { items = try Feed.items(in: data, base: url) } catch {
            throw Failure(description: "--feed \(address): \(error)")
        }
        return recent(items)
    }

    /// The page URLs of the sitemap at `address` and of every sitemap its indexes list, each read once.
    func urls(ofSitemap address: String) throws -> (urls: [String], skippedOld: Int, sitemaps: Int) {
        guard let start = URL(string: address), ["http", "https"].contains(start.scheme?.lowercased() ?? "") else {
            throw Failure(description: "--sitemap \(address): not an http or https URL")
        }
        var queue: [(url: URL, depth: Int)] = [(start, 0)]
        var seen: Set<String> = [start.absoluteString]
        var pages: [Feed.Item] = []
        var read = 0
        while !queue.isEmpty && read < Self.maxSitemaps {
            let (url, depth) = queue.removeFirst()
            read += 1
            let sitemap: Sitemap
            do { sitemap = try Sitemap(download(url)) } catch let error as Feed.NotAFeed {
                throw Failure(description: "--sitemap \(url.absoluteString): \(error)")
            }
            pages += sitemap.pages
            guard depth < Self.maxSitemapDepth else { continue }
            for child in sitemap.children {
                guard let next = URL(string: child, relativeTo: url)?.absoluteURL, seen.insert(next.absoluteString).inserted else { continue }
                queue.append((next, depth + 1))
            }
        }
        let (urls, old) = recent(pages)
        return (urls, old, read)
    }

    /// A site's feeds (its home page's alternate links) and sitemaps (its robots.txt's `Sitemap:` lines).
    func sources(ofSite address: String) throws -> (feeds: [String], sitemaps: [String]) {
        guard let home = URL(string: address), ["http", "https"].contains(home.scheme?.lowercased() ?? ""),
              let robots = URL(string: "/robots.txt", relativeTo: home)?.absoluteURL else {
            throw Failure(description: "--site \(address): not an http or https URL")
        }
        let page = String(decoding: try download(home), as: UTF8.self)
        let sitemaps = (try? download(robots)).map { RobotsTxt(String(decoding: $0, as: UTF8.self), userAgent: FetchStage.defaultUserAgent).sitemaps } ?? []
        return (FeedDiscovery.feeds(inPage: page, base: home), sitemaps)
    }

    private func recent(_ items: [Feed.Item]) -> (urls: [String], skippedOld: Int) {
        let kept = items.filter { item in
            guard let since, let published = item.published else { return true }
            return published >= since
        }
        return (kept.map(\.url), items.count - kept.count)
    }

    private func download(_ url: URL) throws -> Data {
        guard let data = try conditionalDownload(url, etag: nil, lastModified: nil).data else {
            throw Failure(description: "--feed \(url.absoluteString): answered HTTP 304 to a plain request")
        }
        return data
    }

    /// What a conditional GET found: the body (nil for 304 Not Modified) and the validators to send next time.
    struct Download {
        var data: Data?
        var etag: String?
        var lastModified: String?
    }

    /// GETs `url` with `If-None-Match` / `If-Modified-Since` from an earlier answer (RFC 9110 section 13.1), at
    /// most ``Sitemap/maxBytes`` of it: a larger feed or sitemap fails rather than fill the memory.
    func conditionalDownload(_ url: URL, etag: String?, lastModified: String?) throws -> Download {
        var headers: [String: String] = [:]
        if let etag { headers["If-None-Match"] = etag }
        if let lastModified { headers["If-Modified-Since"] = lastModified }
        let answer: HTTPAnswer
        do { answer = try fetcher.download(url, headers: headers, limit: Sitemap.maxBytes) } catch {
            throw Failure(description: "--feed \(url.absoluteString): \(error.reason)")
        }
        if answer.status == 304 { return Download(data: nil, etag: etag, lastModified: lastModified) }
        guard (200..<300).contains(answer.status) else {
            throw Failure(description: "--feed \(url.absoluteString): answered HTTP \(answer.status)")
        }
        return Download(data: answer.body, etag: answer.header("ETag"), lastModified: answer.header("Last-Modified"))
    }
}
