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

    /// warcio from PyPI in a throwaway venv; nil (with the reason printed) where PyPI cannot be reached.
    static func warcio(in folder: URL) -> String? {
        let venv = folder.appendingPathComponent("venv").path
        for command in [["python3", "-m", "venv", venv], ["\(venv)/bin/pip", "install", "-q", "warcio"]] {
            guard let run = try? Command.run("/usr/bin/env", command), run.status == 0 else {
                print("skipped the warcio check: `\(command.joined(separator: " "))` failed (no PyPI here?)")
                return nil
            }
        }
        return "\(venv)/bin/warcio"
    }

    @Test("a crawl with warc_dir writes WARC that warcio checks and indexes; pushed with --warc, it stores the same records")
    func liveCrawlReplayed() throws {
        let live = try PipelineHarness(fetch: "warc_dir = \"warc\"")
        defer { live.stopAll() }
        try live.startPipeline()
        let stories = ["Tram line opens after six years of work", "Library doubles its reading rooms", "Harbour pilots agree new pay deal"]
        let server = try LocalHTTPServer(files: Dictionary(uniqueKeysWithValues: stories.enumerated().map { ("story-\($0.offset).html", ArticlePage.html(title: $0.element)) }))
        let push = try live.cli(["push", "--wait"] + stories.indices.map { server.url("story-\($0).html") })
        #expect(push.status == 0, "\(push.stderr)")
        live.stopAll()   // the fetch worker closes its archive
        let folder = URL(fileURLWithPath: live.dataDirectory).appendingPathComponent("warc")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".warc.gz") }.map { folder.appendingPathComponent($0).path }
        #expect(!files.isEmpty)

        if let warcio = Self.warcio(in: live.directory) {
            for file in files {
                for verb in ["check", "index"] {
                    let (status, text) = try Command.run(warcio, [verb, file])
                    #expect(status == 0, "warcio \(verb) \(file): \(text)")
                    if verb == "index" { #expect(text.components(separatedBy: "\"response\"").count - 1 >= stories.count, "\(text)") }
                }
            }
        }

        let replay = try PipelineHarness()
        defer { replay.stopAll() }
        try replay.startPipeline()
        let pushed = try replay.cli(["push", "--wait", "--warc"] + files)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let liveRecords = try Self.records(live), replayed = try Self.records(replay)
        #expect(liveRecords.count == stories.count && Set(liveRecords.keys) == Set(replayed.keys))
        for (url, record) in liveRecords {
            // `source` says a page was fetched from the web by this pipeline; an archive's page was not.
            var expected = record
            expected["source"] = nil
            #expect(NSDictionary(dictionary: expected).isEqual(to: replayed[url] ?? [:]), "\(url): \(record) against \(replayed[url] ?? [:])")
        }
    }

    /// Every stored article's full record, by URL.
    static func records(_ harness: PipelineHarness) throws -> [String: [String: Any]] {
        let articles = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        var out: [String: [String: Any]] = [:]
        for article in articles {
            guard let id = article["id"] as? String, let url = article["url"] as? String else { continue }
            out[url] = try harness.json(["query", "show", id, "--db", harness.databasePath, "--format", "json"]) as? [String: Any]
        }
        return out
    }
}
