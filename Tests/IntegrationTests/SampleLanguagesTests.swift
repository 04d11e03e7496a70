import Foundation
import PresslineTesting
import Testing

/// The samples written in German, French, Spanish, Italian, Portuguese, Dutch and Polish (issue 19): each gets
/// its byline and date from the words of its language, and no people, organisations or places, since the
/// entity tagger knows English only; the record says so. The English samples keep their entities.
@Suite("Samples in seven languages (pressline process)")
struct SampleLanguagesTests {
    static let expected: [(file: String, language: String, authors: [String])] = [
        ("de-stadtrat-radwege.html", "de", ["Anna Schmidt", "Jan Weber"]),
        ("fr-marche-couvert.html", "fr", ["Marie Dubois"]),
        ("es-biblioteca-barrio.html", "es", ["Lucía Fernández"]),
        ("it-ponte-pedonale.html", "it", ["Giulia Romano"]),
        ("pt-horta-comunitaria.html", "pt", ["João Silva"]),
        ("nl-nieuwe-veerpont.html", "nl", ["Pieter de Vries"]),
        ("pl-tramwaj-osiedle.html", "pl", ["Katarzyna Nowak"]),
    ]

    func process(_ file: String) throws -> [String: Any] {
        let path = PipelineHarness.repository.appendingPathComponent("samples/\(file)").path
        let output = try Command.run("\(PipelineHarness.binDirectory)/pressline", ["process", "--stages", "clean,extract", "--format", "ndjson", path])
        #expect(output.status == 0, "\(file): \(output.output)")
        let line = output.output.split(separator: "\n").first { $0.hasPrefix("{") } ?? ""
        return try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    }

    @Test("byline, date and language of each; entities skipped, with the reason")
    func otherLanguages() throws {
        for (file, language, authors) in Self.expected {
            let record = try process(file)
            #expect(record["language"] as? String == language, "\(file)")
            #expect(record["authors"] as? [String] == authors, "\(file): \(record["authors"] ?? "none")")
            #expect(record["published"] as? String == "2026-12-05", "\(file): \(record["published"] ?? "none")")
            #expect(record["page_type"] as? String == "article", "\(file)")
            #expect((record["entities_skipped"] as? String)?.contains(language) == true, "\(file)")
            for kind in ["people", "organizations", "places"] {
                #expect((record[kind] as? [Any])?.isEmpty == true, "\(file): \(kind) \(record[kind] ?? "")")
            }
            #expect((record["quotes"] as? [[String: Any]] ?? []).allSatisfy { $0["speaker"] == nil || $0["speaker"] is NSNull }, "\(file)")
        }
    }

    @Test("an English sample keeps its people and says nothing was skipped")
    func english() throws {
        let record = try process("harbor-bridge-vote.html")
        #expect(record["language"] as? String == "en")
        #expect(record["entities_skipped"] == nil || record["entities_skipped"] is NSNull)
        #expect(!((record["people"] as? [Any])?.isEmpty ?? true))
    }
}
