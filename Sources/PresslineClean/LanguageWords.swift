import Foundation

/// The words that bylines and datelines are written with, per language: how a byline begins ("Von", "Par"),
/// the month names a visible date uses, the words that link its parts ("5 de diciembre de 2026"), and the
/// labels that say a date is an update rather than the first publication. English is always asked; another
/// language's words only on a page in that language, or on a page whose language is unknown (a Dutch "Door"
/// must not turn an English "Door" into a byline). Guarded by `LanguageWordsTests` and the samples in
/// `samples/` (`SampleLanguagesTests`).
///
/// ```swift
/// LanguageWords.byPrefixes(for: "de")   // ["by ", …, "von "]
/// ```
enum LanguageWords {
    /// How a byline begins, lowercased, with its trailing space: "von " for "Von Anna Schmidt".
    static let bylineLeadIns: [String: [String]] = [
        "en": ["by ", "by: ", "written by ", "written by: ", "posted by ", "words by ", "story by ", "author: ", "author "],
        "de": ["von ", "autor: ", "autorin: ", "text: "],
        "fr": ["par ", "auteur : ", "auteur: ", "autrice : "],
        "es": ["por ", "autor: ", "autora: "],
        "it": ["di ", "autore: ", "a cura di "],
        "pt": ["por ", "autor: ", "autora: "],
        "nl": ["door ", "auteur: "],
        "pl": ["autor: ", "autorka: ", "tekst: "],
    ]

    /// Month names and their common abbreviations, lowercased, with the month's number. Polish dates use the
    /// genitive ("5 grudnia 2026"), so both forms are listed.
    static let months: [String: [String: Int]] = [
        "en": ["january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
               "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
               "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12],
        "de": ["januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "okt": 10,
               "dezember": 12, "dez": 12],
        "fr": ["janvier": 1, "janv": 1, "février": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
               "juillet": 7, "juil": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "déc": 12],
        "es": ["enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
               "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12],
        "it": ["gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
               "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12],
        "pt": ["janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8,
               "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12],
        "nl": ["januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7, "augustus": 8, "oktober": 10,
               "december": 12],
        "pl": ["stycznia": 1, "styczeń": 1, "lutego": 2, "luty": 2, "marca": 3, "marzec": 3, "kwietnia": 4, "kwiecień": 4,
               "maja": 5, "maj": 5, "czerwca": 6, "czerwiec": 6, "lipca": 7, "lipiec": 7, "sierpnia": 8, "sierpień": 8,
               "września": 9, "wrzesień": 9, "października": 10, "październik": 10, "listopada": 11, "listopad": 11,
               "grudnia": 12, "grudzień": 12],
    ]

    /// Every language's months in one table: a date is read whatever language it is written in, since a
    /// month name between a day and a year says what it is in any of them.
    static let allMonths: [String: Int] = months.values.reduce(into: [:]) { table, names in
        table.merge(names) { first, _ in first }
    }

    /// Words that sit between a date's parts: "5 de diciembre de 2026", "5 di dicembre".
    static let dateLinks: Set<String> = ["de", "del", "di"]

    /// Labels of a date that is an update, not the first publication.
    static let updatedWords = ["updated", "modified", "edited", "aktualisiert", "geändert", "mis à jour", "modifié", "actualizado",
                               "actualización", "aggiornato", "atualizado", "bijgewerkt", "gewijzigd", "zaktualizowano", "aktualizacja"]
    /// Labels of the first publication, which win over an update label in the same text.
    static let publishedWords = ["published", "posted", "veröffentlicht", "erschienen", "publié", "publicado", "pubblicato",
                                 "gepubliceerd", "opublikowano", "publikacja"]

    /// The lead-ins asked on a page in `language` (nil: not known, so every language's).
    static func byPrefixes(for language: String?) -> [String] {
        guard let language else { return allLeadIns }
        return bylineLeadIns["en", default: []] + (language == "en" ? [] : bylineLeadIns[language, default: []])
    }

    private static let allLeadIns = bylineLeadIns.keys.sorted().flatMap { bylineLeadIns[$0, default: []] }

    /// ``byPrefixes(for:)`` as a text piece of their own says them, without the trailing space or colon ("by",
    /// "von", "autor"); worked out once per language, not once per element asked.
    static func leadIns(for language: String?) -> Set<String> {
        leadInSets[language ?? ""] ?? leadInSets["en", default: []]
    }

    private static let leadInSets: [String: Set<String>] = Dictionary(uniqueKeysWithValues: ([""] + bylineLeadIns.keys).map { key in
        (key, Set(byPrefixes(for: key.isEmpty ? nil : key).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " :")) }))
    })
}
