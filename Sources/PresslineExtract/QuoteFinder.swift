import PresslineCore

/// Finds direct quotations and attributes each to a speaker: a person named next to a
/// speech verb in the same sentence (after or before the quote), a pronoun resolved to
/// the last person named, or, for a quote standing alone, the previous quote's speaker.
struct QuoteFinder {
    /// Verbs that attribute speech.
    static let cueVerbs: Set<String> = [
        "said", "says", "told", "tells", "added", "adds", "posted", "wrote", "writes", "replied", "asked", "stated",
        "noted", "tweeted", "explained", "insisted", "warned", "called", "emphasized", "argued", "claimed", "continued",
        "answered", "declared", "announced", "according", "urged", "recalled", "acknowledged", "admitted", "responded",
    ]
    static let pronouns: Set<String> = ["he", "she", "He", "She"]
    /// A quote needs at least this many words (shorter ones are scare quotes).
    static let minWords = 1

    /// Tokens between a closing mark and a speaker named after the quote: `," Zelensky said` or `," said the mayor`.
    static let maxTokensToSpeakerAfter = 3

    /// - Parameters:
    ///   - people: person mentions, nominals ("the secretary general") included, in text order.
    func find(in scalars: [Unicode.Scalar], spans: [Range<Int>], tokens: [Token], sentences: [Range<Int>],
              people: [Mention], mentions: [Mention]) -> [Quote] {
        var quotes: [Quote] = []
        for span in spans {
            let inner = String(String.UnicodeScalarView(scalars[(span.lowerBound + 1)..<(span.upperBound - 1)]))
            guard inner.split(separator: " ").count >= Self.minWords, inner.contains(where: \.isLetter) else { continue }
            var quote = Quote(text: inner, start: span.lowerBound, end: span.upperBound)
            let sentence = sentences.first { range in
                guard let first = range.first, let last = range.last else { return false }
                return tokens[first].start <= span.lowerBound && span.lowerBound < tokens[last].end
            } ?? 0..<0
            if let speaker = attribute(span, sentence: sentence, tokens: tokens, people: people, scalars: scalars) {
                quote.speaker = speaker.entity
                quote.speakerStart = speaker.start
                quote.speakerEnd = speaker.end
            } else if let previous = quotes.last, previous.speaker != nil, isAdjacent(previous, span, scalars: scalars) {
                quote.speaker = previous.speaker
                quote.speakerStart = previous.speakerStart
                quote.speakerEnd = previous.speakerEnd
            } else if let previous = sentences.firstIndex(of: sentence).flatMap({ $0 > 0 ? sentences[$0 - 1] : nil }),
                      let subject = people.first(where: { m in previous.contains { tokens[$0].start <= m.start && m.start < tokens[$0].end } }) {
                quote.speaker = subject.entity
                quote.speakerStart = subject.start
                quote.speakerEnd = subject.end
            }
            quote.medium = medium(in: sentence, tokens: tokens, mentions: mentions, scalars: scalars)
            quotes.append(quote)
        }
        return quotes
    }

    /// Spans of “…” and "…" including the marks; a quotation never crosses a line break.
    func quotationSpans(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var open: (index: Int, mark: Unicode.Scalar)?
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" { open = nil; continue }
            switch (scalar, open) {
            case ("“", _): open = (index, "”")
            case ("\"", nil): open = (index, "\"")
            case (let mark, let current?) where mark == current.mark:
                spans.append(current.index..<(index + 1))
                open = nil
            default: break
            }
        }
        return spans
    }

    private func attribute(_ span: Range<Int>, sentence: Range<Int>, tokens: [Token], people: [Mention], scalars: [Unicode.Scalar]) -> Mention? {
        let inSentence = sentence.map { tokens[$0] }
        let outside = inSentence.filter { $0.end <= span.lowerBound || $0.start >= span.upperBound }
        guard outside.contains(where: { Self.cueVerbs.contains($0.text) }) else { return nil }
        let candidates = people.filter { m in outside.contains { $0.start <= m.start && m.start < $0.end } }
        // Right after the quote: "…," Zelensky told Fox News / "…," said the minister.
        let after = outside.filter { $0.start >= span.upperBound }.prefix(Self.maxTokensToSpeakerAfter + 1)
        if let speaker = candidates.first(where: { m in after.contains { $0.start == m.start } }) { return speaker }
        if let pronoun = after.first(where: { Self.pronouns.contains($0.text) }) {
            return people.last { $0.end <= pronoun.start }.map { resolvedAt($0, pronoun) }
        }
        // Before the quote: the sentence's subject, its first person ("Rutte, who said …, called it "…"").
        if let subject = candidates.first(where: { $0.end <= span.lowerBound }) { return subject }
        if let pronoun = outside.first(where: { Self.pronouns.contains($0.text) && $0.end <= span.lowerBound }) {
            return people.last { $0.end <= pronoun.start }.map { resolvedAt($0, pronoun) }
        }
        return nil
    }

    /// The person `antecedent` names, with the span of the pronoun that refers to them.
    private func resolvedAt(_ antecedent: Mention, _ pronoun: Token) -> Mention {
        Mention(text: pronoun.text, start: pronoun.start, end: pronoun.end, type: .person, entity: antecedent.entity)
    }

    private func isAdjacent(_ previous: Quote, _ span: Range<Int>, scalars: [Unicode.Scalar]) -> Bool {
        guard previous.end <= span.lowerBound else { return false }
        let between = scalars[previous.end..<span.lowerBound]
        return between.count < 80 && !between.contains("\n")
    }

    /// "told Fox News", "posted on X", "Speaking to the BBC": the organisation or platform a quote went through.
    private func medium(in sentence: Range<Int>, tokens: [Token], mentions: [Mention], scalars: [Unicode.Scalar]) -> String? {
        for index in sentence where ["told", "on", "to"].contains(tokens[index].text) {
            guard index + 1 < sentence.upperBound else { continue }
            var next = index + 1
            if tokens[next].text == "the" && next + 1 < sentence.upperBound { next += 1 }
            let previousWord = index > sentence.lowerBound ? tokens[index - 1].text : ""
            guard tokens[index].text == "told" || previousWord == "posted" || previousWord == "Speaking" || previousWord == "speaking"
                    || previousWord == "wrote" || previousWord == "said" else { continue }
            if let org = mentions.first(where: { $0.start == tokens[next].start && $0.type == .org }) { return org.entity }
            // "posted on X." tokenises "X." as an initial; the platform is the letter.
            let word = tokens[next].text.hasSuffix(".") ? String(tokens[next].text.dropLast()) : tokens[next].text
            if Gazetteer.mediaNames.contains(word) { return word }
        }
        return nil
    }
}
