import Foundation
import PresslineCore
import Testing
@testable import PresslineClean

/// Dates shown relative to the reading ("vor 3 Stunden"), counted back from the fetch time (issue 19).
@Suite("Relative dates in English, German, French, Spanish, Italian, Portuguese, Dutch and Polish")
struct RelativeDateTests {
    let hour = 3_600.0, day = 86_400.0

    @Test("each language's phrase, with a number, with its word for one, and yesterday")
    func phrases() {
        let cases: [(String, Double)] = [
            ("3 hours ago", 3 * hour), ("an hour ago", hour), ("Updated 20 mins ago", 20 * 60), ("2 days ago · 4 min read", 2 * day),
            ("vor 3 Stunden", 3 * hour), ("vor einer Stunde", hour), ("Vor 2 Tagen", 2 * day), ("gestern, 14:30 Uhr", day),
            ("il y a 2 jours", 2 * day), ("Il y a une heure", hour), ("il y a 3 h", 3 * hour),
            ("hace 5 minutos", 300), ("Hace una semana", 7 * day), ("ayer", day),
            ("2 giorni fa", 2 * day), ("un'ora fa", hour), ("ieri alle 10:30", day),
            ("há 3 horas", 3 * hour), ("Há uma semana", 7 * day), ("ontem", day),
            ("3 uur geleden", 3 * hour), ("een week geleden", 7 * day), ("gisteren", day),
            ("2 godziny temu", 2 * hour), ("godzinę temu", hour), ("5 dni temu", 5 * day), ("wczoraj", day),
        ]
        for (text, seconds) in cases {
            #expect(RelativeDate.seconds(in: text) == seconds, "\(text)")
        }
    }

    @Test("what starts alike but says no time: no number, another word after, months and years, prose")
    func notDates() {
        for text in ["hace falta un plan", "il y a des années", "vor Ort", "Por la mañana", "fa caldo oggi", "2 hours", "in 2 days",
                     "kilka dni temu", "3 months ago", "vor zwei Jahren", "Door de regen", "Yesterday's winners", "the day before yesterday"] {
            #expect(RelativeDate.seconds(in: text) == nil, "\(text)")
        }
    }

    @Test("counted back from the fetch in UTC, across midnight")
    func counting() {
        let fetchedAt = 1_796_434_200.0   // 2026-12-05 01:30 UTC
        #expect(RelativeDate.date(in: "3 hours ago", fetchedAt: fetchedAt) == "2026-12-04")
        #expect(RelativeDate.date(in: "vor 30 Minuten", fetchedAt: fetchedAt) == "2026-12-05")
    }

    func published(_ byline: String, fetchedAt: Double?, head: String = "") throws -> String? {
        let html = "<html lang=\"de\"><head>\(head)</head><body><article><h1>Neue Radwege für die Innenstadt beschlossen</h1>"
            + "<p class=\"meta\">\(byline)</p><p>\(String(repeating: "Der Stadtrat hat am Abend neue Radwege beschlossen. ", count: 8))</p></article></body></html>"
        var input = Input(kind: .html, content: html)
        input.fetchedAt = fetchedAt
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: input)) else { return nil }
        return document.record?.published
    }

    @Test("through the clean stage: shown by the headline it dates the page; without a fetch time, or beside an exact date, it does not")
    func throughClean() throws {
        let fetchedAt = 1_796_434_200.0
        #expect(try published("vor 3 Stunden", fetchedAt: fetchedAt) == "2026-12-04")
        #expect(try published("vor 3 Stunden", fetchedAt: nil) == nil)
        let exact = "<meta property=\"article:published_time\" content=\"2026-11-30T08:00:00+01:00\">"
        #expect(try published("vor 3 Stunden", fetchedAt: fetchedAt, head: exact) == "2026-11-30")
    }
}
