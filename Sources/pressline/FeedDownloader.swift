import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PresslineFetch

/// `push --feed` and `push --sitemap`: reads feeds and sitemaps and turns their items into URLs to push,
/// optionally only those dated on or after `since` (an item without a date is kept: nothing says it is old).
struct FeedDownloader {
    /// Sitemap indexes nest at most this deep, and at most this many sitemaps are read for one `--sitemap`:
    /// an index that lists itself, or a chain without end, stops here (`FeedPushTests.sitemaps`).
    static let maxSitemapDepth = 4
    static let maxSitemaps = 200

    let since: Date?
    let timeout: Double

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

    /// GETs `url` with `If-None-Match` / `If-Modified-Since` from an earlier answer (RFC 9110 section 13.1).
    func conditionalDownload(_ url: URL, etag: String?, lastModified: String?) throws -> Download {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue(FetchStage.defaultUserAgent, forHTTPHeaderField: "User-Agent")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            let response = response as? HTTPURLResponse
            box.set(data: data, status: response?.statusCode, error: error,
                    validators: (response?.value(forHTTPHeaderField: "ETag"), response?.value(forHTTPHeaderField: "Last-Modified")))
            done.signal()
        }
        task.resume()
        guard done.wait(timeout: .now() + timeout) == .success else {
            task.cancel()
            throw Failure(description: "--feed \(url.absoluteString): no answer within \(Int(timeout)) s")
        }
        let (data, status, error, validators) = box.get()
        if let error { throw Failure(description: "--feed \(url.absoluteString): \(error.localizedDescription)") }
        if status == 304 { return Download(data: nil, etag: etag, lastModified: lastModified) }
        guard let status, (200..<300).contains(status), let data else {
            throw Failure(description: "--feed \(url.absoluteString): answered HTTP \(status ?? 0)")
        }
        return Download(data: data, etag: validators.etag, lastModified: validators.lastModified)
    }

    /// The completion handler's results, handed across threads under a lock.
    private final class ResultBox: @unchecked Sendable {
        typealias Validators = (etag: String?, lastModified: String?)
        private let lock = NSLock()
        private var value: (Data?, Int?, (any Error)?, Validators) = (nil, nil, nil, (nil, nil))
        func set(data: Data?, status: Int?, error: (any Error)?, validators: Validators) {
            lock.withLock { value = (data, status, error, validators) }
        }
        func get() -> (Data?, Int?, (any Error)?, Validators) { lock.withLock { value } }
    }
}
