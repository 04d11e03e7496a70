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

    /// Tokens on either side of a quote searched for its attribution: attribution is local, and the
    /// bound keeps a page of quotes in one unpunctuated run from costing quadratic time.
    static let attributionWindow = 40

    /// - Parameters:
    ///   - people: person mentions, nominals ("the secretary general") included, sorted by start.
    func find(in scalars: [Unicode.Scalar], spans: [Range<Int>], index: TextIndex, sentences: [Range<Int>],
              people: [Mention], mentions: [Mention]) -> [Quote] {
        var quotes: [Quote] = []
        for span in spans {
            let inner = String(String.UnicodeScalarView(scalars[(span.lowerBound + 1)..<(span.upperBound - 1)]))
            guard inner.split(separator: " ").count >= Self.minWords, inner.contains(where: \.isLetter) else { continue }
            var quote = Quote(text: inner, start: span.lowerBound, end: span.upperBound)
            let first = index.token(atOrAfter: span.lowerBound)
            guard first < index.tokens.count else { continue }
            let last = max(first, index.token(atOrAfter: span.upperBound) - 1)
            let sentenceNumber = index.sentenceOfToken[first]
            let sentence = sentences[sentenceNumber]
            let window = max(sentence.lowerBound, first - Self.attributionWindow)..<min(sentence.upperBound, last + 1 + Self.attributionWindow)
            if let speaker = attribute(span, window: window, tokens: index.tokens, people: people) {
                quote.speaker = speaker.entity
                quote.speakerStart = speaker.start
                quote.speakerEnd = speaker.end
            } else if let previous = quotes.last, previous.speaker != nil, isAdjacent(previous, span, scalars: scalars) {
                quote.speaker = previous.speaker
                quote.speakerStart = previous.speakerStart
                quote.speakerEnd = previous.speakerEnd
            } else if sentenceNumber > 0, let range = offsets(of: sentences[sentenceNumber - 1], tokens: index.tokens),
                      let subject = people.starting(in: range).first {
                // A quote standing alone continues the previous sentence's subject.
                quote.speaker = subject.entity
                quote.speakerStart = subject.start
                quote.speakerEnd = subject.end
            }
            quote.medium = medium(in: window, tokens: index.tokens, mentions: mentions)
            quotes.append(quote)
        }
        return quotes
    }

    private func offsets(of tokenRange: Range<Int>, tokens: [Token]) -> Range<Int>? {
        guard let first = tokenRange.first, let last = tokenRange.last else { return nil }
        return tokens[first].start..<tokens[last].end
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

    private func attribute(_ span: Range<Int>, window: Range<Int>, tokens: [Token], people: [Mention]) -> Mention? {
        let outside = window.map { tokens[$0] }.filter { $0.end <= span.lowerBound || $0.start >= span.upperBound }
        guard outside.contains(where: { Self.cueVerbs.contains($0.text) }), let first = window.first, let last = window.last else { return nil }
        let inWindow = people.starting(in: tokens[first].start..<tokens[last].end)
        let candidates = inWindow.filter { $0.end <= span.lowerBound || $0.start >= span.upperBound }
        // Right after the quote: "…," Zelensky told Fox News / "…," said the minister.
        let after = outside.filter { $0.start >= span.upperBound }.prefix(Self.maxTokensToSpeakerAfter + 1)
        if let speaker = candidates.first(where: { m in after.contains { $0.start == m.start } }) { return speaker }
        if let pronoun = after.first(where: { Self.pronouns.contains($0.text) }) {
            return antecedent(of: pronoun, people: people)
        }
        // Before the quote: the sentence's subject, its first person ("Rutte, who said …, called it "…"").
        if let subject = candidates.first(where: { $0.end <= span.lowerBound }) { return subject }
        if let pronoun = outside.first(where: { Self.pronouns.contains($0.text) && $0.end <= span.lowerBound }) {
            return antecedent(of: pronoun, people: people)
        }
        return nil
    }

    /// The last person named before `pronoun`, with the pronoun's span.
    private func antecedent(of pronoun: Token, people: [Mention]) -> Mention? {
        guard let person = people.starting(in: 0..<pronoun.start).last else { return nil }
        return Mention(text: pronoun.text, start: pronoun.start, end: pronoun.end, type: .person, entity: person.entity)
    }

    private func isAdjacent(_ previous: Quote, _ span: Range<Int>, scalars: [Unicode.Scalar]) -> Bool {
        guard previous.end <= span.lowerBound else { return false }
        let between = scalars[previous.end..<span.lowerBound]
        return between.count < 80 && !between.contains("\n")
    }

    /// "told Fox News", "posted on X", "Speaking to the BBC": the organisation or platform a quote went through.
    private func medium(in sentence: Range<Int>, tokens: [Token], mentions: [Mention]) -> String? {
        for index in sentence where ["told", "on", "to"].contains(tokens[index].text) {
            guard index + 1 < sentence.upperBound else { continue }
            var next = index + 1
            if tokens[next].text == "the" && next + 1 < sentence.upperBound { next += 1 }
            let previousWord = index > sentence.lowerBound ? tokens[index - 1].text : ""
            guard tokens[index].text == "told" || previousWord == "posted" || previousWord == "Speaking" || previousWord == "speaking"
                    || previousWord == "wrote" || previousWord == "said" else { continue }
            if let org = mentions.starting(in: tokens[next].start..<(tokens[next].start + 1)).first(where: { $0.type == .org }) { return org.entity }
            // "posted on X." tokenises "X." as an initial; the platform is the letter.
            let word = tokens[next].text.hasSuffix(".") ? String(tokens[next].text.dropLast()) : tokens[next].text
            if Gazetteer.mediaNames.contains(word) { return word }
        }
        return nil
    }
}
