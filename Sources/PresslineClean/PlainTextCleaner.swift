/// Cleans a plain-text article: drops trailing crumbs and related-article teasers,
/// and splits a byline glued to the publisher's name ("The Kyiv IndependentDmytro Basmat").
struct PlainTextCleaner {
    /// Lines that are page furniture when they stand alone at the end.
    static let crumbs: Set<String> = ["comments", "share", "read more", "related", "advertisement", "subscribe", "print", "email", "tweet"]
    /// A trailing teaser headline is searched for only in this last share of the lines (body text comes first).
    static let trailingShare = 0.4
    /// At most this many words make a headline-like line.
    static let maxHeadlineWords = 20

    struct Result {
        var title: String?
        var paragraphs: [String]
        var site: String?
        var authors: [String]
    }

    func clean(_ text: String) -> Result {
        var lines = text.split(whereSeparator: \.isNewline).map { TextNormalizer.collapseSpaces(String($0)) }.filter { !$0.isEmpty }
        var site: String?
        var authors: [String] = []
        // Crumbs and a glued byline sit at the very end; peel them off from the bottom.
        while let last = lines.last {
            if Self.crumbs.contains(last.lowercased()) { lines.removeLast(); continue }
            if let (publisher, author) = gluedByline(last) {
                site = publisher
                authors = [author]
                lines.removeLast()
                continue
            }
            break
        }
        lines = dropTrailingTeasers(lines)
        // A first line without closing punctuation, followed by prose, is the headline.
        var title: String?
        if lines.count >= 2, isHeadline(lines[0]) {
            title = lines.removeFirst()
        }
        return Result(title: title, paragraphs: lines, site: site, authors: authors)
    }

    /// "The Kyiv IndependentDmytro Basmat" → ("The Kyiv Independent", "Dmytro Basmat"): a short line of
    /// capitalised words where one word runs a lowercase letter straight into a capital.
    func gluedByline(_ line: String) -> (String, String)? {
        let words = line.split(separator: " ")
        guard words.count >= 3, words.count <= 9, words.allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        let characters = Array(line)
        for index in 1..<characters.count where characters[index - 1].isLowercase && characters[index].isUppercase {
            let left = String(characters[..<index]), right = String(characters[index...])
            let rightWords = right.split(separator: " ")
            guard left.split(separator: " ").count >= 1, (2...4).contains(rightWords.count) else { continue }
            return (left, right)
        }
        return nil
    }

    /// Related-article teasers follow the body: a headline-like line (no closing punctuation, a present-tense
    /// "says") in the last part of the text starts them; it and every line after it go.
    func dropTrailingTeasers(_ lines: [String]) -> [String] {
        guard lines.count >= 4 else { return lines }
        let firstCandidate = max(1, Int(Double(lines.count) * (1 - Self.trailingShare)))
        for index in firstCandidate..<lines.count where isTeaserHeadline(lines[index]) {
            return Array(lines[..<index])
        }
        return lines
    }

    /// A headline: a handful of words and no closing punctuation.
    private func isHeadline(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard words.count >= 3, words.count <= Self.maxHeadlineWords, let last = line.last else { return false }
        return !".!?\"”’:;,".contains(last)
    }

    /// A headline that reports speech ("…, officials say", "‘…,’ Zelensky says"): the shape of a teaser
    /// for another article, which a body paragraph never has.
    private func isTeaserHeadline(_ line: String) -> Bool {
        guard isHeadline(line) else { return false }
        let words = Set(line.lowercased().split { !$0.isLetter }.map(String.init))
        return !words.isDisjoint(with: ["says", "say", "said"]) || line.hasPrefix("‘") || line.hasPrefix("'")
    }
}
