import Foundation
import Testing
@testable import PresslineClean

/// Bylines and dates in the languages news is written in (issue 19): each language's forms, and the places
/// where the same words must not fire.
@Suite("Bylines and dates in German, French, Spanish, Italian, Portuguese, Dutch and Polish")
struct LanguageWordsTests {
    func metadata(lang: String?, _ bodyMarkup: String) throws -> PageMetadata {
        let html = "<html\(lang.map { " lang=\"\($0)\"" } ?? "")><head></head><body>\(bodyMarkup)<p>\(String(repeating: "Text ", count: 40))</p></body></html>"
        let document = try #require(HTMLDocument(html: html))
        return PageMetadata(root: try #require(document.root))
    }

    @Test("visible dates in each language, month names, genitives and linking words")
    func visibleDates() {
        let dates: [(String, String)] = [
            ("5. Dezember 2026", "2026-12-05"), ("Freitag, 3. März 2026", "2026-03-03"),
            ("5 décembre 2026", "2026-12-05"), ("le 1er août 2025", "2025-08-01"),
            ("5 de diciembre de 2026", "2026-12-05"), ("12 de septiembre de 2025", "2025-09-12"),
            ("5 dicembre 2026", "2026-12-05"), ("5 de dezembro de 2026", "2026-12-05"), ("3 de março de 2026", "2026-03-03"),
            ("5 december 2026", "2026-12-05"), ("17 mei 2025", "2025-05-17"),
            ("5 grudnia 2026", "2026-12-05"), ("12 października 2025 r.", "2025-10-12"),
        ]
        for (text, iso) in dates {
            #expect(DateText.visibleDate(text) == iso, "\(text)")
        }
    }

    @Test("month words that are no date: no day, no year, or a name")
    func datesMustNotFire() {
        #expect(DateText.visibleDate("Mars 2026 mission") == nil)
        #expect(DateText.visibleDate("de mayo") == nil)
        #expect(DateText.visibleDate("5 de la tarde de 2026") == nil)
        #expect(AuthorNames.looksLikePersonName("Mai Nguyen"))
        #expect(AuthorNames.looksLikePersonName("Luis Mayo"))
    }

    @Test("bylines: Von, Par, Por, Di, Door, Autor, with names joined by the language's 'and'")
    func bylines() throws {
        let cases: [(lang: String, line: String, names: [String])] = [
            ("de", "Von Anna Schmidt und Jan Weber", ["Anna Schmidt", "Jan Weber"]),
            ("fr", "Par Marie Dubois", ["Marie Dubois"]),
            ("es", "Por Lucía Fernández y Pablo Ruiz", ["Lucía Fernández", "Pablo Ruiz"]),
            ("it", "Di Giulia Romano", ["Giulia Romano"]),
            ("pt", "Por João Silva", ["João Silva"]),
            ("nl", "Door Pieter de Vries", ["Pieter de Vries"]),
            ("pl", "Autor: Katarzyna Nowak", ["Katarzyna Nowak"]),
            ("en", "By Ann Lee, Bo Chen, and Cy Diaz", ["Ann Lee", "Bo Chen", "Cy Diaz"]),
            ("fr", "Par Marie Dubois, Paul Martin et Léa Petit", ["Marie Dubois", "Paul Martin", "Léa Petit"]),
        ]
        for (lang, line, names) in cases {
            let page = try metadata(lang: lang, "<h1>Schlagzeile</h1><div class=\"meta\"><span>\(line)</span></div>")
            #expect(page.authors == names, "\(lang): \(line) → \(page.authors)")
        }
    }

    @Test("the same words where they are no byline: prose, another language's page, a preposition")
    func bylinesMustNotFire() throws {
        // An English page: "Door" is a door.
        #expect(try metadata(lang: "en", "<h1>Home repairs</h1><div><span>Door Hinges Explained</span></div>").authors.isEmpty)
        // A sentence that begins with the lead-in word names no one.
        #expect(try metadata(lang: "fr", "<h1>Titre</h1><div><span>Par ailleurs, la mairie a voté.</span></div>").authors.isEmpty)
        #expect(try metadata(lang: "es", "<h1>Titular</h1><div><span>Por la mañana llovió en Madrid.</span></div>").authors.isEmpty)
    }

    @Test("update labels in each language: an update yields to a published date")
    func updateLabels() throws {
        let page = #"<h1>Schlagzeile</h1><div><span>Aktualisiert am 6. Dezember 2026</span></div>"#
        #expect(try metadata(lang: "de", page).published == "2026-12-06")  // only an update shown: it dates the page
        let both = #"<h1>Titre</h1><div><span>Mis à jour le 6 décembre 2026</span></div><div><span>Publié le 5 décembre 2026</span></div>"#
        #expect(try metadata(lang: "fr", both).published == "2026-12-05")
        #expect(PublicationDate.kind(of: "Zaktualizowano 6 grudnia 2026") == .updated)
        #expect(PublicationDate.kind(of: "Opublikowano 5 grudnia 2026, zaktualizowano 6 grudnia") == .published)
    }

    @Test("the language of a text from its function words, Polish included")
    func languages() {
        #expect(LanguageGuesser.guess("Rada miasta przyjęła w piątek budżet, który nie jest jeszcze zatwierdzony przez wojewodę, oraz plan dla szkół.") == "pl")
        #expect(LanguageGuesser.guess("Il consiglio comunale ha approvato il bilancio per gli anni che non sono ancora passati.") == "it")
        #expect(LanguageGuesser.guess("The council approved the budget on Tuesday, and the mayor said it was fair.") == "en")
    }
}
