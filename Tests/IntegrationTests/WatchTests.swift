import Foundation
import PresslineTesting
import Testing

/// `pressline watch`: conditional polls, only new URLs pushed, state kept across runs (issue 17).
@Suite("pressline watch (real processes on loopback)", .serialized)
struct WatchTests {
    static func feed(_ server: LocalHTTPServer, items: [String]) -> String {
        "<rss version=\"2.0\"><channel><title>City</title>"
            + items.map { "<item><title>\($0)</title><link>\(server.url($0))</link></item>" }.joined() + "</channel></rss>"
    }

    @Test("a second poll of an unchanged feed is a 304; a new item alone is pushed; a new run remembers what was pushed")
    func conditionalPolls() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let pages = ["first.html", "second.html", "third.html"]
        var files = Dictionary(uniqueKeysWithValues: pages.map { ($0, ArticlePage.html(title: "The \($0.dropLast(5)) story from the city desk")) })
        files["feed.xml"] = ""
        let server = try LocalHTTPServer(files: files)
        let feedFile = server.root.appendingPathComponent("feed.xml")
        try Self.feed(server, items: Array(pages.prefix(2))).write(to: feedFile, atomically: true, encoding: .utf8)
        let watch = ["watch", "--once", "--feed", server.url("feed.xml"), "--data-dir", harness.dataDirectory]

        let first = try harness.cli(watch)
        #expect(first.status == 0 && first.stderr.contains("2 listed, 2 new pushed"), "\(first.stderr)")
        let second = try harness.cli(watch)
        #expect(second.status == 0 && second.stderr.contains("not modified"), "\(second.stderr)")
        let feedAnswers = server.timeline.filter { $0.path == "/feed.xml" }.map(\.status)
        #expect(feedAnswers == [200, 304], "\(feedAnswers)")

        // The feed changes (a later modification time): only the new item goes out.
        sleep(1)
        try Self.feed(server, items: pages).write(to: feedFile, atomically: true, encoding: .utf8)
        let third = try harness.cli(watch)
        #expect(third.status == 0 && third.stderr.contains("3 listed, 1 new pushed"), "\(third.stderr)")
        harness.waitUntil(timeout: 30) { harness.storedArticles().count == 3 }
        #expect(harness.storedArticles().count == 3)
        #expect(pages.allSatisfy { page in server.requests.filter { $0 == "/" + page }.count == 1 })
    }

    @Test("a watched sitemap index: its sitemaps and a nested index's are watched too, each read once, a loop back to it ignored")
    func sitemapIndex() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let pages = ["a.html", "b.html", "c.html"]
        var files = Dictionary(uniqueKeysWithValues: pages.map { ($0, ArticlePage.html(title: "The \($0.dropLast(5)) story from the harbour desk")) })
        let server = try LocalHTTPServer(files: [:])
        func urlset(_ names: [String]) -> String {
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + names.map { "<url><loc>\(server.url($0))</loc></url>" }.joined() + "</urlset>"
        }
        func index(_ names: [String]) -> String {
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + names.map { "<sitemap><loc>\($0)</loc></sitemap>" }.joined() + "</sitemapindex>"
        }
        files["index.xml"] = index([server.url("news.xml"), "nested.xml"])   // a relative child too
        files["nested.xml"] = index([server.url("index.xml"), server.url("more.xml")])
        files["news.xml"] = urlset(["a.html", "b.html"])
        files["more.xml"] = urlset(["c.html"])
        for (name, content) in files { try content.write(to: server.root.appendingPathComponent(name), atomically: true, encoding: .utf8) }

        let watch = try harness.cli(["watch", "--once", "--sitemap", server.url("index.xml"), "--data-dir", harness.dataDirectory])
        #expect(watch.status == 0 && watch.stderr.contains("2 sitemaps added"), "\(watch.stderr)")
        harness.waitUntil(timeout: 30) { harness.storedArticles().count == 3 }
        #expect(harness.storedArticles().count == 3, "\(watch.stderr)")
        for sitemap in ["/index.xml", "/nested.xml", "/news.xml", "/more.xml"] {
            #expect(server.requests.filter { $0 == sitemap }.count == 1, "\(sitemap): \(server.requests)")
        }
        let again = try harness.cli(["watch", "--once", "--data-dir", harness.dataDirectory])
        #expect(again.status == 0 && again.stderr.components(separatedBy: "not modified").count == 5, "\(again.stderr)")
    }

    @Test("SIGKILL the watcher and the pipeline's queue mid-crawl, restart both: every item stored, none fetched twice")
    func killed() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let pages = (0..<12).map { "story-\($0).html" }
        var files = Dictionary(uniqueKeysWithValues: pages.map { ($0, ArticlePage.html(title: "Story \($0.dropLast(5)) of the night shift")) })
        files["feed.xml"] = ""
        let server = try LocalHTTPServer(files: files)
        try Self.feed(server, items: pages).write(to: server.root.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let watch = ["watch", "--feed", server.url("feed.xml"), "--data-dir", harness.dataDirectory]

        let running = try harness.launchCLI(watch + ["--min-interval", "1", "--max-interval", "1"])
        harness.waitUntil(timeout: 20) { server.requests.contains("/feed.xml") }
        usleep(50_000)
        kill(running.process.processIdentifier, SIGKILL)
        kill(harness.children["queue"]!.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        try harness.start("queue")

        let again = try harness.cli(watch + ["--once"])
        #expect(again.status == 0, "\(again.stderr)")
        harness.waitUntil(timeout: 40) { harness.storedArticles().count == pages.count }
        let stored = harness.storedArticles()
        #expect(stored.count == pages.count, "\(stored.count) of \(pages.count) stored")
        for page in pages {
            let fetches = server.requests.filter { $0 == "/" + page }.count
            #expect(fetches >= 1 && fetches <= 2, "\(page) fetched \(fetches) times")
        }
    }
}
