import Foundation
import PresslineTesting
import Testing

@Suite("push --feed (real processes on loopback)", .serialized)
struct FeedPushTests {
    /// A story headlined `title`.
    static func story(_ title: String) -> String { ArticlePage.html(title: title) }

    /// The titles of the articles `harness`'s store holds.
    static func storedTitles(_ harness: PipelineHarness) throws -> [String] {
        (try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? [])
            .compactMap { $0["title"] as? String }
    }

    @Test("the items of a feed are pushed and stored; --since leaves the older ones out; a page that is no feed is refused")
    func feed() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: ["new.html": Self.story("New bridge"), "newer.html": Self.story("Newer ferry"), "old.html": Self.story("Old road")])
        try """
            <rss version="2.0"><channel><title>Test</title>
            <item><link>\(server.url("new.html"))</link><pubDate>Wed, 02 Dec 2026 10:00:00 GMT</pubDate></item>
            <item><link>/newer.html</link><pubDate>Fri, 04 Dec 2026 10:00:00 GMT</pubDate></item>
            <item><link>\(server.url("old.html"))</link><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """.write(to: server.root.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)

        let push = try harness.cli(["push", "--wait", "--format", "json", "--feed", server.url("feed.xml"), "--since", "2026-12-01"])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stderr.contains("2 items (1 older than 2026-12-01 left out)"), "\(push.stderr)")
        let titles = try Self.storedTitles(harness)
        #expect(Set(titles) == ["New bridge", "Newer ferry"], "\(titles)")

        let page = try harness.cli(["push", "--feed", server.url("new.html")])
        #expect(page.status == 69 && page.stderr.contains("not RSS or Atom"), "\(page.status) \(page.stderr)")
    }

    @Test("a sitemap index's pages are pushed: nested sitemaps followed once each (a loop stops), --since by news date")
    func sitemaps() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: ["a.html": Self.story("Harbour works"), "b.html": Self.story("School budget"), "c.html": Self.story("Old bridge")])
        let urlset = { (pages: [(String, String)]) in
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + pages.map { "<url><loc>\(server.url($0.0))</loc><lastmod>\($0.1)</lastmod></url>" }.joined() + "</urlset>"
        }
        let files = [
            "index.xml": "<sitemapindex><sitemap><loc>\(server.url("one.xml"))</loc></sitemap><sitemap><loc>two.xml</loc></sitemap>"
                + "<sitemap><loc>\(server.url("index.xml"))</loc></sitemap></sitemapindex>",
            "one.xml": urlset([("a.html", "2026-12-02"), ("c.html", "2026-10-01")]),
            "two.xml": "<sitemapindex><sitemap><loc>\(server.url("index.xml"))</loc></sitemap><sitemap><loc>three.xml</loc></sitemap></sitemapindex>",
            "three.xml": urlset([("b.html", "2026-12-03")]),
        ]
        for (name, text) in files { try text.write(to: server.root.appendingPathComponent(name), atomically: true, encoding: .utf8) }

        let push = try harness.cli(["push", "--wait", "--sitemap", server.url("index.xml"), "--since", "2026-12-01"])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stderr.contains("2 pages from 4 sitemaps (1 older than 2026-12-01 left out)"), "\(push.stderr)")
        #expect(server.requests.filter { $0 == "/index.xml" }.count == 1, "the index was read again: \(server.requests)")
        let titles = try Self.storedTitles(harness)
        #expect(Set(titles) == ["Harbour works", "School budget"], "\(titles)")
    }

    @Test("--site finds a site's feed on its home page and its sitemap in robots.txt; a story in both is stored once")
    func site() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: [
            "a.html": Self.story("Tram line"), "b.html": Self.story("Night buses"),
        ])
        let files = [
            "index.html": "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body>Home</body></html>",
            "feed.xml": "<rss><channel><item><link>\(server.url("a.html"))</link></item></channel></rss>",
            "robots.txt": "User-agent: *\nAllow: /\nSitemap: \(server.url("sitemap.xml"))\n",
            "sitemap.xml": "<urlset><url><loc>\(server.url("a.html"))</loc></url><url><loc>\(server.url("b.html"))</loc></url></urlset>",
        ]
        for (name, text) in files { try text.write(to: server.root.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let push = try harness.cli(["push", "--wait", "--site", server.url("")])
        #expect(push.status == 0 && push.stderr.contains("1 feed, 1 sitemap"), "\(push.stderr)")
        let titles = try Self.storedTitles(harness)
        #expect(titles.sorted() == ["Night buses", "Tram line"], "\(titles)")
        #expect(server.requests.filter { $0 == "/a.html" }.count == 1, "a story in the feed and the sitemap was fetched twice")
    }
}
