import Foundation
import PresslineTesting
import Testing

/// `push --warc`: an archive's HTML responses into clean, with no network (issue 17).
@Suite("push --warc (real processes on loopback)", .serialized)
struct WARCPushTests {
    @Test("a .warc.gz's pages are stored as articles, every other record skipped with a count; pushed again, not processed again")
    func warc() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let stories = ["Harbour reopens after the storm", "Ferry service returns to the islands", "Council backs the bridge repairs"]
        let pages = stories.enumerated().map { (url: "https://news.example/2026/12/0\($0.offset + 1)/story", html: ArticlePage.html(title: $0.element)) }
        let members = try WARCFixture.records(pages: pages).map { try SystemGzip.compress(Data($0)) }
        let file = harness.directory.appendingPathComponent("crawl.warc.gz")
        try members.reduce(Data(), +).write(to: file)

        let push = try harness.cli(["push", "--wait", "--warc", file.path])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stderr.contains("3 pages; skipped 2 not HTML or not 2xx, 1 revisits, 1 truncated, 1 malformed, 2 other records"), "\(push.stderr)")
        let articles = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(Set(articles.compactMap { $0["title"] as? String }) == Set(stories), "\(articles)")
        #expect(Set(articles.compactMap { $0["url"] as? String }) == Set(pages.map(\.url)))

        let cleaned = { (harness.status()["stages"] as? [[String: Any]] ?? []).first { $0["stage"] as? String == "clean" }?["processed"] as? Int }
        let before = cleaned()
        #expect(try harness.cli(["push", "--wait", "--warc", file.path]).status == 0)
        #expect(cleaned() == before, "the same archive pushed again was processed again")
        #expect(try harness.cli(["push", "--warc", harness.directory.appendingPathComponent("none.warc").path]).status == 64)
    }
}
