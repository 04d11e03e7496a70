import Foundation

/// Paragraph-level rules for furniture that survives container choice: a bare link, a newsletter
/// call to action, a byline with a date. Each fires only on short paragraphs, so prose that happens
/// to mention a newsletter stays.
enum ParagraphFilter {
    /// Only paragraphs shorter than this (characters) are judged: furniture is short.
    static let maxJudgedLength = 220
    /// Phrases of calls to action and page furniture (lowercase).
    static let furniturePhrases = HintSet([
        "newsletter", "in your inbox", "delivered to your", "delivered through your", "follow us", "click here",
        "tell us what you think", "share this", "related news", "read more", "have a tip", "may be reached at",
        "terms of use", "privacy policy", "download our app", "support our journalism", "make a difference for readers",
    ])
    /// Credits inside a line ("… | Posted by Ann Lee").
    static let creditPhrases = HintSet([" by ", "publicado por", "posted by"])
    /// Calls to action that count only at a paragraph's start ("Sign up to …"): inside a sentence they are prose.
    static let leadingPhrases = ["sign up", "subscribe", "get the latest", "get our"]
    /// A byline has at most this many words.
    static let maxBylineWords = 10
    /// Paragraphs that are a single furniture word.
    static let furnitureWords: Set<String> = ["advertisement", "advertising", "sponsored", "related", "share", "comments", "print", "email"]

    /// Built once: Foundation makes a new set for every union.
    private static let punctuationAndSpaces = CharacterSet.punctuationCharacters.union(.whitespaces)

    /// Whether `paragraph` is furniture rather than article text.
    static func isFurniture(_ paragraph: String) -> Bool {
        guard CharacterCount.isShorter(paragraph, than: maxJudgedLength) else { return false }
        let lower = CaseFolding.lowercased(paragraph)
        if furnitureWords.contains(String(CaseFolding.trimming(lower, punctuationAndSpaces))) { return true }
        // A bare link: no spaces, starts with a scheme.
        if (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !lower.utf8.contains(32) { return true }
        if furniturePhrases.matches(lower) || leadingPhrases.contains(where: lower.hasPrefix) { return true }
        return isDatedByline(lower)
    }

    /// "11/19/2019 by Lars Brandle", "05/10/2018 - Publicado por: …", "By Ann Lee | March 3, 2024".
    private static func isDatedByline(_ lower: String) -> Bool {
        // A byline is a handful of words that begins with the credit or the date; the credit is checked
        // first, as the regular expressions cost far more.
        let credits = lower.hasPrefix("by ") || creditPhrases.matches(lower)
        guard credits, lower.split(separator: " ", maxSplits: maxBylineWords).count <= maxBylineWords else { return false }
        let date = #"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"#
        let startsDated = lower.range(of: date, options: .regularExpression) != nil
        return startsDated || (lower.hasPrefix("by ") && (DateText.visibleDate(lower) != nil
            || lower.range(of: #"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"#, options: .regularExpression) != nil))
    }
}
