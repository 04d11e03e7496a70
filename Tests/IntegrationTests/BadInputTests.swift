import Foundation
import PresslineTesting
import Testing

/// What a hostile or broken web does to a crawl: every such URL ends in `pressline query failed` with a reason
/// that says what happened, and nothing hangs (issue 17).
@Suite("Bad input from the web (real processes on loopback)", .serialized)
struct BadInputTests {
    @Test("unreachable, unresolvable, TLS on a plain port, 60 MB, a bomb, a redirect loop, binary: each failed with its reason")
    func badServers() throws {
        let harness = try PipelineHarness(extra: "")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: [:])
        let closed = try FreePort.find()
        let cases: [(url: String, words: [String])] = [
            ("http://127.0.0.1:\(closed)/gone.html", ["failed", "127.0.0.1"]),
            ("http://no-such-host.invalid/page.html", ["no-such-host.invalid"]),
            ("https://127.0.0.1:\(server.port)/tls.html", ["fail"]),
            (server.url("__large"), ["larger than"]),
            (server.url("__gzipbomb"), ["larger than"]),
            (server.url("__redirect?to=" + server.url("__redirect?to=" + server.url("__redirect")).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!), ["redirect"]),
            (server.url("__binary"), ["binary"]),
        ]
        let started = Date()
        let push = try harness.cli(["push", "--wait", "--wait-timeout", "120"] + cases.map(\.url))
        #expect(push.status == 1, "\(push.stdout)\n\(push.stderr)")
        #expect(Date().timeIntervalSince(started) < 100, "a bad server held the crawl")
        let failed = try harness.json(["query", "failed", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        for (url, words) in cases {
            let row = failed.first { ($0["name"] as? String) == url }
            let error = (row?["error"] as? String ?? "").lowercased()
            #expect(row != nil && words.allSatisfy { error.contains($0.lowercased()) }, "\(url): \(row ?? [:])")
        }
    }

    @Test("a 10 MB robots.txt is read up to RFC 9309's 500 KiB: its rules hold, the crawl goes on")
    func hugeRobots() throws {
        let filler = String(repeating: "# a comment line that pads this robots.txt out to ten megabytes\n", count: 160_000)
        let server = try LocalHTTPServer(files: ["robots.txt": "User-agent: *\nDisallow: /private/\n" + filler,
                                                 "open.html": ArticlePage.html(title: "Harbour wall repaired"),
                                                 "private/plan.html": ArticlePage.html(title: "Not for crawlers")],
                                         address: "127.0.0.61")
        let harness = try PipelineHarness(extra: "")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let push = try harness.cli(["push", "--wait", "--wait-timeout", "60", server.url("open.html"), server.url("private/plan.html")])
        #expect(push.status == 1, "\(push.stdout)\n\(push.stderr)")
        #expect(harness.storedArticles().map { $0["title"] as? String } == ["Harbour wall repaired"])
        let failed = try harness.json(["query", "failed", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(failed.map { $0["error"] as? String ?? "" }.contains { $0.contains("disallowed by robots.txt") }, "\(failed)")
        #expect(!server.requests.contains("/private/plan.html"))
    }

    @Test("push --sitemap of a 100 MB sitemap and --feed of broken XML: refused with the reason, nothing pushed")
    func hugeSitemapAndBrokenFeed() throws {
        let server = try LocalHTTPServer(files: ["feed.xml": "<rss version=\"2.0\"><channel><item><link>http://x/</link></channel"])
        let entry = Data("<url><loc>https://news.example.org/2026/12/05/a-story-that-pads-the-sitemap.html</loc></url>\n".utf8)
        var sitemap = Data("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8)
        sitemap.reserveCapacity(100 << 20)
        while sitemap.count < 100 << 20 { sitemap.append(entry) }
        try sitemap.write(to: server.root.appendingPathComponent("sitemap.xml"))
        let harness = try PipelineHarness(extra: "")
        defer { harness.stopAll() }
        try harness.startPipeline()

        let huge = try harness.cli(["push", "--sitemap", server.url("sitemap.xml")])
        #expect(huge.status != 0 && huge.stderr.contains("larger than"), "\(huge.status) \(huge.stderr)")
        let broken = try harness.cli(["push", "--feed", server.url("feed.xml")])
        #expect(broken.status != 0 && broken.stderr.contains("feed.xml"), "\(broken.status) \(broken.stderr)")
        let status = harness.status()
        #expect(status["stages"] != nil && (status["done"] as? Int ?? 0) == 0, "\(status)")
    }
}
