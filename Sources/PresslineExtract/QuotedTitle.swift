import PresslineCore

/// A quoted title — a show, a book, a slogan: “Fox News Sunday”, ''The Art of the Deal'' — rather than
/// speech: every word capitalised but the small ones, in a line of ordinary prose. A headline capitalises
/// everything, so there a quote in title case may still be speech, as after a label ("Rubio: ‘You Don’t …’").
/// Used only for quotes nothing attributes: on quotes-dev/train title-case quotations in prose were 182 of the
/// 378 longer ones no annotator counted, against 75 counted (slogans and chants someone was quoted saying).
enum QuotedTitle {
    /// Words a title leaves in lower case.
    static let smallWords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "is", "from", "as", "but", "nor", "vs", "de", "la", "le",
    ]
    /// Code points of the line read on each side of the quote to judge whether the line is a headline.
    static let contextReach = 200
    /// Share of a line's words capitalised from which it is a headline.
    static let headlineShare = 0.8

    static func isTitle(_ quotation: QuotationSpan, in scalars: [Unicode.Scalar]) -> Bool {
        let inner = words(scalars[quotation.inner])
        guard let first = inner.first, first.first?.isUppercase == true,
              inner.allSatisfy({ $0.first?.isUppercase == true || smallWords.contains($0.lowercased()) }) else { return false }
        // A label's colon right before the quote makes it speech.
        let line = lineAround(quotation, in: scalars)
        if scalars[line.lowerBound..<quotation.outer.lowerBound].last(where: { !$0.properties.isWhitespace }) == ":" { return false }
        return !isHeadline(quotation, line: line, in: scalars)
    }

    /// The line holding the quotation, at most `contextReach` code points on each side.
    static func lineAround(_ quotation: QuotationSpan, in scalars: [Unicode.Scalar]) -> Range<Int> {
        var start = quotation.outer.lowerBound
        while start > 0, quotation.outer.lowerBound - start < contextReach, scalars[start - 1] != "\n" { start -= 1 }
        var end = quotation.outer.upperBound
        while end < scalars.count, end - quotation.outer.upperBound < contextReach, scalars[end] != "\n" { end += 1 }
        return start..<end
    }

    /// Whether the line around the quotation capitalises (nearly) every word but the small ones.
    static func isHeadline(_ quotation: QuotationSpan, line: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        let rest = (words(scalars[line.lowerBound..<quotation.outer.lowerBound]) + words(scalars[quotation.outer.upperBound..<line.upperBound]))
            .filter { !smallWords.contains($0.lowercased()) }
        let capitalised = rest.filter { $0.first?.isUppercase == true }.count
        return rest.count >= 2 && Double(capitalised) >= headlineShare * Double(rest.count)
    }

    /// "Francois Hollande Says Donald Trump ‘Makes You Want To Retch.’", "Gillibrand on Hillary …: ‘I Think She
    /// Will.’": a headline quoting someone opens with who it quotes. In a line of headlines run together with
    /// dashes, the one holding the quote.
    static func headlineSpeaker(of quotation: QuotationSpan, in scalars: [Unicode.Scalar], people: [Mention]) -> Mention? {
        let line = lineAround(quotation, in: scalars)
        guard isHeadline(quotation, line: line, in: scalars) else { return nil }
        var start = quotation.outer.lowerBound
        while start > line.lowerBound, !["—", "–"].contains(scalars[start - 1]) { start -= 1 }
        while start < quotation.outer.lowerBound, !scalars[start].properties.isAlphabetic { start += 1 }
        guard let first = people.starting(in: start..<quotation.outer.lowerBound).first, first.type == .person, first.start == start else { return nil }
        return first
    }

    private static func words(_ scalars: ArraySlice<Unicode.Scalar>) -> [String] {
        String(scalars: scalars).split { !$0.isLetter && $0 != "’" && $0 != "'" && $0 != "-" }.map(String.init).filter { $0.first?.isLetter == true }
    }
}
