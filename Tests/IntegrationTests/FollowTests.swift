import Foundation
import PresslineTesting
import Testing

/// A listing page is a source of articles: pushed, its stories are fetched and stored, and it is kept in `pages`.
@Suite("Following a section front (real processes on loopback)", .serialized)
struct FollowTests {
    /// As many stories as a section front shows at once.
    static let headlines = (1...20).map { "Council report number \($0) finds the harbour needs new investment" }

    /// A section front at /city/ linking to a story page for each headline, and the story paths.
    static func site() throws -> (server: LocalHTTPServer, stories: [String]) {
        let stories = headlines.indices.map { "city/2025/03/story-\($0 + 1).html" }
        var files = ["city/index.html": ArticlePage.sectionFront(title: "City", stories: zip(stories, headlines).map { ("/" + $0, $1) })]
        for (path, headline) in zip(stories, headlines) { files[path] = ArticlePage.html(title: headline) }
        return (try LocalHTTPServer(files: files), stories)
    }

    /// Waits (up to 60 s) until the queue has no unfinished job.
    func settle(_ harness: PipelineHarness) {
        harness.waitUntil(timeout: 60) {
            let status = harness.status()
            return status["pending"] as? Int == 0 && status["active"] as? Int == 0
        }
    }

    @Test("a section front pushed as a URL: its stories stored as articles, once each; the front itself in pages")
    func sectionFront() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let (server, stories) = try Self.site()
        let front = server.url("city/")
        let push = try harness.cli(["push", "--wait", front])
        #expect(push.status == 0, "\(push.stderr)")
        settle(harness)

        let articles = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(Set(articles.compactMap { $0["title"] as? String }) == Set(Self.headlines), "\(articles)")
        let pages = try harness.json(["query", "pages", "--type", "listing", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(pages.count == 1 && pages.first?["url"] as? String == front, "\(pages)")

        // Pushed again with --refetch: the front is read anew, its stories are known and not fetched again.
        #expect(try harness.cli(["push", "--wait", "--refetch", front]).status == 0)
        settle(harness)
        let requests = server.requests
        for story in stories { #expect(requests.filter { $0 == "/" + story }.count == 1, "\(story): \(requests)") }
        #expect(requests.filter { $0 == "/city/" }.count == 2)
    }

    @Test("stages.fetch.follow_depth = 0 follows nothing: the front is kept in pages, no story is fetched")
    func depthZero() throws {
        let harness = try PipelineHarness(fetch: "follow_depth = 0")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let (server, stories) = try Self.site()
        #expect(try harness.cli(["push", "--wait", server.url("city/")]).status == 0)
        settle(harness)
        let pages = try harness.json(["query", "pages", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(pages.count == 1)
        #expect(!server.requests.contains { request in stories.contains { request == "/" + $0 } }, "\(server.requests)")
    }
}
