import Foundation
import PresslineTesting
import Testing

/// `pressline-train-pagetype` on a small labelled set written here: what `make train-pagetype` runs on wcxb-dev.
@Suite("Training the page-type model")
struct TrainPageTypeTests {
    /// A folder with `gold.jsonl` and one page per line: a story and a section front on each of `sites` sites, the
    /// first two thirds of them in `tune`.
    static func labelledSet(sites: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var gold = ""
        for site in 0..<sites {
            let half = site < sites * 2 / 3 ? "tune" : "check"
            let paragraphs = (0..<6).map { "<p>The council of town \(site) voted on the budget for its schools, said the mayor, who spoke for an hour and took questions from residents at the meeting. Item \($0).</p>" }
            let story = "<html><head><title>Town \(site) votes on the school budget after a long night</title></head><body><article><h1>Town \(site) votes on the school budget after a long night</h1><p class=byline>By Ann Lee, March 3, 2026</p>\(paragraphs.joined())</article></body></html>"
            let teasers = (0..<12).map { "<li><h3><a href=\"/news/2026/story-\($0)-about-the-town-and-its-people\">Story \($0) about the town and its people this week</a></h3></li>" }
            let front = "<html><head><title>News</title></head><body><h1>News</h1><ul>\(teasers.joined())</ul></body></html>"
            for (doc, html, type, path) in [("s\(site)", story, "article", "/news/2026/03/03/town-votes-on-budget"), ("f\(site)", front, "listing", "/news/")] {
                try html.write(to: folder.appendingPathComponent("\(doc).html"), atomically: true, encoding: .utf8)
                gold += #"{"doc":"\#(doc)","url":"https://town\#(site).example\#(path)","domain":"town\#(site).example","half":"\#(half)","page_type":"\#(type)"}"# + "\n"
            }
        }
        try gold.write(to: folder.appendingPathComponent("gold.jsonl"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("--learning-curve prints check's precision for a quarter, half, three quarters and all of tune's sites, and still writes the model")
    func learningCurve() throws {
        let folder = try Self.labelledSet(sites: 18)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.json").path
        let trained = try Command.run("\(PipelineHarness.binDirectory)/pressline-train-pagetype",
                                      [folder.appendingPathComponent("gold.jsonl").path, folder.path, "--output", model, "--learning-curve", "2"])
        #expect(trained.status == 0, "\(trained.output)")
        let curve = trained.output.split(separator: "\n").filter { $0.contains("of tune's sites") }
        #expect(curve.count == 4, "\(trained.output)")
        // Stories and section fronts this far apart: the whole of tune types every check page right.
        #expect(curve.last == "100 % of tune's sites (1 draw): check article precision 1.000 at 0.95, 1.000 at 0.96, 1.000 at 0.97, 1.000 at 0.98; seven-type accuracy 1.000",
                "\(trained.output)")
        #expect(curve.dropLast().allSatisfy { $0.contains("(2 draws)") || $0.contains("no draw holds a site") }, "\(trained.output)")
        #expect(FileManager.default.fileExists(atPath: model))
    }

    @Test("--learning-curve 0 is refused with a sentence and exit 64 before any page is read")
    func noDraws() throws {
        let refused = try Command.run("\(PipelineHarness.binDirectory)/pressline-train-pagetype", ["/nonexistent/gold.jsonl", "/nonexistent", "--learning-curve", "0"])
        #expect(refused.status == 64 && refused.output.contains("--learning-curve takes a number of draws of 1 or more"), "\(refused.output)")
        #expect(!refused.output.contains("reading"), "\(refused.output)")
    }
}
