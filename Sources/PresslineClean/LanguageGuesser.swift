/// Guesses the language of a text from its most common function words.
enum LanguageGuesser {
    /// Function words per language: frequent, short and distinctive. In the order that settles a tie.
    static let markers: KeyValuePairs<String, Set<String>> = [
        "en": ["the", "and", "of", "to", "is", "that", "for", "with", "was", "said", "on", "his", "her", "it"],
        "de": ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine", "dem"],
        "fr": ["le", "la", "les", "et", "des", "est", "une", "pour", "dans", "qui", "pas", "sur", "du"],
        "es": ["el", "la", "los", "las", "y", "que", "del", "por", "una", "con", "para", "es", "se"],
        "it": ["il", "di", "che", "della", "per", "una", "sono", "con", "non", "gli", "nel", "del"],
        "nl": ["de", "het", "een", "en", "van", "is", "niet", "dat", "op", "met", "voor", "zijn"],
        "pt": ["o", "os", "do", "da", "que", "não", "uma", "com", "para", "em", "por", "dos"],
        "pl": ["w", "z", "się", "nie", "że", "jest", "jak", "przez", "oraz", "ale", "dla", "jego", "już"],
    ]
    /// Fewer marker hits than this and the text is too short to tell.
    static let minHits = 3

    /// The languages of ``markers``, in its order.
    static let languages = markers.map(\.key)
    /// Each marker word with a bit per language of ``languages`` it marks: one look-up a word, where asking
    /// every language's set hashed each word seven times.
    static let languagesByWord: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for (index, (_, words)) in markers.enumerated() {
            for word in words { table[word, default: 0] |= 1 << UInt8(index) }
        }
        return table
    }()

    /// An ISO 639-1 code, or nil when no language stands out; of languages with as many hits, the first in
    /// ``languages`` (a tie used to fall to whichever a dictionary's per-process order listed first).
    static func guess(_ text: String) -> String? {
        var counts = [Int](repeating: 0, count: languages.count)
        for word in CaseFolding.lowercased(String(text.prefix(5000))).split(whereSeparator: { !$0.isLetter }) {
            guard let marks = languagesByWord[String(word)] else { continue }
            for index in languages.indices where marks & 1 << UInt8(index) != 0 { counts[index] += 1 }
        }
        var best = 0
        for index in counts.indices where counts[index] > counts[best] { best = index }
        return counts[best] >= minHits ? languages[best] : nil
    }
}
