import Foundation
import PresslineTesting
import Testing

/// A page reached by several spellings of its URL is fetched once (issue 17's de-duplication, at push).
@Suite("URL variants (real processes on loopback)", .serialized)
struct URLVariantsTests {
    func fetched(_ harness: PipelineHarness) -> Int {
        let stages = harness.status()["stages"] as? [[String: Any]] ?? []
        return stages.first { $0["stage"] as? String == "fetch" }?["processed"] as? Int ?? -1
    }

    @Test("variants of a URL are one job: fetched once, reported for each; pushed again, not fetched again unless --refetch")
    func urlVariants() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: ["story.html": ArticlePage.html(title: "Ferry returns")])
        let url = server.url("story.html")
        let variants = [url, url.uppercased().replacingOccurrences(of: "/STORY.HTML", with: "/story.html") + "#top",
                        url + "?utm_source=newsletter&utm_medium=email", url.replacingOccurrences(of: "/story.html", with: "/x/../story.html")]
        let first = try harness.cli(["push", "--wait", "--format", "json"] + variants)
        #expect(first.status == 0, "\(first.stderr)")
        let reports = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(reports.count == variants.count && Set(reports.compactMap { $0["article"] as? String }).count == 1, "\(reports)")
        #expect(fetched(harness) == 1, "the page was fetched \(fetched(harness)) times")

        let again = try harness.cli(["push", "--wait", url + "#again"])
        #expect(again.status == 0 && again.stdout.contains("stored"), "\(again.stdout)")
        #expect(fetched(harness) == 1, "pushed again, the page was fetched again")
        let refetch = try harness.cli(["push", "--wait", "--refetch", url])
        #expect(refetch.status == 0, "\(refetch.stderr)")
        #expect(fetched(harness) == 2)
        let articles = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(articles.count == 1)
    }

    @Test("a page reached through a redirect, or naming a canonical URL, is not fetched again when that URL is pushed")
    func redirectAndCanonical() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: ["story.html": ArticlePage.html(title: "Ferry timetable changes for the winter")])
        let canonicalURL = server.url("canonical-story.html")
        try ArticlePage.html(title: "Tram fares rise in the new year", head: "<link rel=\"canonical\" href=\"\(canonicalURL)\">")
            .write(to: server.root.appendingPathComponent("amp-story.html"), atomically: true, encoding: .utf8)

        let first = try harness.cli(["push", "--wait", "--format", "json", server.url("__redirect?to=" + server.url("story.html")), server.url("amp-story.html")])
        #expect(first.status == 0, "\(first.stderr)")
        let reports = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]] ?? []
        let fetchedBefore = fetched(harness)

        let again = try harness.cli(["push", "--wait", "--format", "json", server.url("story.html"), canonicalURL])
        #expect(again.status == 0, "\(again.stderr)")
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(fetched(harness) == fetchedBefore, "a redirect's end or a canonical URL was fetched again")
        #expect(second.compactMap { $0["article"] as? String } == reports.compactMap { $0["article"] as? String }, "\(second) against \(reports)")
        #expect(server.requests.filter { $0 == "/story.html" }.count == 1 && !server.requests.contains("/canonical-story.html"))
    }
}
