import PresslineCore

/// A word or punctuation mark with its code-point span in the text.
struct Token: Equatable {
    let text: String
    let start: Int
    let end: Int
    /// Whether the first character is upper case. Stored: every rule asks, many times per token, and a
    /// Unicode property look-up each time would repeat the same work.
    let isCapitalized: Bool
    /// Whether the token starts with a letter or digit (not punctuation).
    let isWord: Bool

    init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
        if let byte = text.utf8.first, byte < 0x80 {
            isCapitalized = byte >= 65 && byte <= 90
            isWord = isCapitalized || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
        } else {
            let first = text.first
            isCapitalized = first?.isUppercase == true
            isWord = first?.isLetter == true || first?.isNumber == true
        }
    }
}

/// Splits text into tokens, keeping abbreviations ("U.S.", "Feb.") and possessives apart from their words.
extension RandomAccessCollection where Index == Int {
    /// The first index where `isAtOrPast` holds, by binary search; `isAtOrPast` must be false, then true,
    /// along the collection (elements sorted by the offset it tests).
    func firstIndex(atOrPast isAtOrPast: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = (low + high) / 2
            if isAtOrPast(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Array where Element == Token {
    /// Index of the first token starting at or after `offset` (count when none).
    func firstIndex(startingAtOrAfter offset: Int) -> Int { firstIndex(atOrPast: { $0.start >= offset }) }

    /// Index of the token starting exactly at `offset`, by binary search (a dictionary of every token's
    /// start cost more to build than the look-ups it served).
    func index(startingAt offset: Int) -> Int? {
        let index = firstIndex(startingAtOrAfter: offset)
        return index < count && self[index].start == offset ? index : nil
    }
}

extension Mention {
    /// A speaker known only by the words that name it ("the former Florida governor", an untagged "Lasry"):
    /// the words joined are both its text and its entity.
    init(speakerPhrase words: ArraySlice<Token>) {
        let text = words.map(\.text).joined(separator: " ")
        self.init(text: text, start: words.first!.start, end: words.last!.end, type: .person, entity: text)
    }
}

extension String {
    /// The text of a run of scalars. Faster than `String(scalars: scalars)`, which
    /// appends one scalar at a time.
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var written = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    buffer[written] = UInt8(scalar.value)
                    written += 1
                } else {
                    UTF8.encode(scalar) { buffer[written] = $0; written += 1 }
                }
            }
            return written
        }
    }
}

enum Tokenizer {
    /// Abbreviations whose final period does not end a sentence.
    static let abbreviations: Set<String> = [
        "U.S.", "U.K.", "U.N.", "E.U.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Col.", "Lt.",
        "Sgt.", "Adm.", "St.", "Jr.", "Sr.", "Inc.", "Corp.", "Ltd.", "Co.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
        "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "No.", "vs.", "etc.", "a.m.", "p.m.",
    ]

    static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        let count = scalars.count
        // ASCII answered without Unicode property look-ups, which were most of the tokenizer's time.
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            if s.value < 128 { return (s.value | 0x20) >= 97 && (s.value | 0x20) <= 122 || (48...57).contains(s.value) }
            return s.properties.isAlphabetic
        }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.value < 128 ? s == " " || (9...13).contains(s.value) : s.properties.isWhitespace }
        while index < count {
            let scalar = scalars[index]
            if isSpace(scalar) { index += 1; continue }
            let start = index
            if isWordScalar(scalar) {
                // Letters, digits, inner hyphens, and dots inside abbreviations (U.S., D-N.Y.).
                var part = start
                while index < count {
                    let s = scalars[index]
                    if isWordScalar(s) { index += 1; continue }
                    if s == "-" && index + 1 < count && isWordScalar(scalars[index + 1]) { index += 1; part = index; continue }
                    if s == "." && index + 1 < count && isWordScalar(scalars[index + 1]) && index - part <= 2 { index += 1; part = index; continue }
                    break
                }
                // A trailing period belongs to a known abbreviation.
                if index < count && scalars[index] == "." {
                    let candidate = String(scalars: scalars[start...index])
                    // "J." is an initial, except the platform X, whose period ends a sentence ("posted on X.").
                    let initial = candidate.count == 2 && candidate.first!.isUppercase && candidate.first != "X"
                    // "D.C.", "N.Y.", "L.A.": letters with dots between them are an abbreviation, whose period is its own.
                    let dotted = candidate.count <= 6 && candidate.dropLast().utf8.contains(UInt8(ascii: "."))
                    if abbreviations.contains(candidate) || initial || dotted { index += 1 }
                }
            } else if (scalar == "'" || scalar == "’") && index + 1 < count && (scalars[index + 1] == "s" || scalars[index + 1] == "S")
                        && (index + 2 >= count || !isWordScalar(scalars[index + 2])) {
                index += 2
            } else {
                index += 1
            }
            tokens.append(Token(text: String(scalars: scalars[start..<index]), start: start, end: index))
        }
        return tokens
    }

    /// “…?” Sanders replied. / “…!” asked Mr. Manafort. / “…?” he said: after a quote that ends its own
    /// sentence, a cue verb within a short name's reach belongs to the quote's sentence.
    /// The name may carry an apposition: “…?” Miller, a retired worker from a nuclear plant, said.
    static func attributionFollows(_ tokens: [Token], after index: Int) -> Bool {
        var next = index + 1
        while next < tokens.count, next - index <= 6, tokens[next].isCapitalized || tokens[next].text == "."
                || ["he", "she", "they"].contains(tokens[next].text) { next += 1 }
        guard next < tokens.count else { return false }
        if next > index + 1, tokens[next].text == ",", tokens[next - 1].isCapitalized,
           let close = tokens[(next + 1)..<min(tokens.count, next + 1 + ClauseSubject.maxAppositionTokens)].firstIndex(where: { $0.text == "," }) {
            next = close + 1
        }
        return next < tokens.count && QuoteFinder.cueVerbs.contains(tokens[next].text)
    }

    /// Sentence spans (token index ranges): a sentence ends at . ! ? unless the token is an abbreviation,
    /// after the closing mark of a quotation that ends with one, and at a line break.
    /// `quotes` are the quotation spans: a quotation of several sentences stays inside one sentence with its attribution.
    static func sentences(_ tokens: [Token], scalars: [Unicode.Scalar], quotes spans: [QuotationSpan]) -> [Range<Int>] {
        let quotes = spans.map(\.outer)
        // Where closing marks begin and end (a mark may be two tokens: NYT-style '').
        let closed = spans.filter { $0.inner.upperBound < $0.outer.upperBound }
        let closingQuotes = Set(closed.map(\.inner.upperBound))
        let closingEnds = Set(closed.map(\.outer.upperBound))
        var out: [Range<Int>] = []
        var start = 0
        var quoteIndex = 0
        for (index, token) in tokens.enumerated() {
            while quoteIndex < quotes.count && quotes[quoteIndex].upperBound <= token.start { quoteIndex += 1 }
            let insideQuote = quoteIndex < quotes.count && quotes[quoteIndex].lowerBound < token.start && token.end < quotes[quoteIndex].upperBound - 1
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            // A period closing a bracketed label ("Rep. Earl Blumenauer (D-Ore.) said") or an abbreviation before a
            // comma ("Mitch McConnell, R-Ky., said") ends no sentence.
            // Sentence marks are one byte: the length is looked at before the text is compared.
            let terminal = token.text.utf8.count == 1
                && ((token.text == "." && next?.text != ")" && next?.text != ",") || token.text == "!" || token.text == "?")
            // `bad."` ends after the mark; `House. "No…` ends before the opening mark.
            let quoteFollows = next.map { closingQuotes.contains($0.start) } ?? false
            // “…?” Sanders replied: a question or exclamation keeps its attribution; after “… together.” a new
            // sentence begins ("He warns that …") — a statement would have closed with a comma.
            var markStart = index
            while markStart > 0, closingEnds.contains(token.end), !closingQuotes.contains(tokens[markStart].start) { markStart -= 1 }
            let closesQuotedSentence = closingEnds.contains(token.end) && closingQuotes.contains(tokens[markStart].start) && markStart > 0
                && [".", "!", "?"].contains(tokens[markStart - 1].text)
                && !(next.map { $0.text == "," || $0.isWord && !$0.isCapitalized } ?? false)
                && (tokens[markStart - 1].text == "." || !attributionFollows(tokens, after: index))
            let lineBreakFollows = next.map { scalars[token.end..<$0.start].contains { $0 == "\n" } } ?? false
            if (terminal && !quoteFollows && !insideQuote) || closesQuotedSentence || lineBreakFollows {
                out.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < tokens.count { out.append(start..<tokens.count) }
        return out
    }
}
