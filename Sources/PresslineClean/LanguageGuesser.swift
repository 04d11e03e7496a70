/// Guesses the language of a text from its most common function words.
enum LanguageGuesser {
    /// Function words per language: frequent, short and distinctive.
    static let markers: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "is", "that", "for", "with", "was", "said", "on", "his", "her", "it"],
        "de": ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine", "dem"],
        "fr": ["le", "la", "les", "et", "des", "est", "une", "pour", "dans", "qui", "pas", "sur", "du"],
        "es": ["el", "la", "los", "las", "y", "que", "del", "por", "una", "con", "para", "es", "se"],
        "it": ["il", "di", "che", "della", "per", "una", "sono", "con", "non", "gli", "nel", "del"],
        "nl": ["de", "het", "een", "en", "van", "is", "niet", "dat", "op", "met", "voor", "zijn"],
        "pt": ["o", "os", "do", "da", "que", "não", "uma", "com", "para", "em", "por", "dos"],
    ]
    /// Fewer marker hits than this and the text is too short to tell.
    static let minHits = 3

    /// An ISO 639-1 code, or nil when no language stands out.
    static func guess(_ text: String) -> String? {
        var counts: [String: Int] = [:]
        for word in text.prefix(5000).lowercased().split(whereSeparator: { !$0.isLetter }) {
            let token = String(word)
            for (language, words) in markers where words.contains(token) { counts[language, default: 0] += 1 }
        }
        guard let best = counts.max(by: { $0.value < $1.value }), best.value >= minHits else { return nil }
        return best.key
    }
}
