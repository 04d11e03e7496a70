import PresslineCore

/// The subject of the clause that introduces a quote — "Hayek confirmed she had been and said, “…”",
/// "Beck, who has described Trump as “…”", "He pledged “cooperation toward shared goals”" — found
/// without a parser: a name, nominal or pronoun counts as a subject when a lowercase word follows it
/// (its verb, perhaps after an apposition set off by commas), and not when a preposition precedes it.
/// Of the subjects before the quote, the last governs it: an earlier one heads another clause.
struct ClauseSubject {
    let tokens: [Token]
    /// Speaker mentions (people, nominals, organisations), sorted by start.
    let speakers: [Mention]
    /// Quotations, sorted: a name inside one is quoted, not speaking.
    let quoted: [Range<Int>]

    /// Pronouns that stand for a person as the subject of a clause; "who" heads a relative clause
    /// ("Beck, who has called Trump …") and is annotated as the source itself.
    static let pronouns: Set<String> = QuoteFinder.pronouns.union(["who"])
    /// Words that follow a name used as an object or modifier, never a subject's verb: "described Trump as",
    /// "Trump and Cruz", "the Trump campaign".
    static let notVerbs: Set<String> = [
        "of", "and", "or", "to", "in", "on", "at", "for", "with", "as", "from", "by", "the", "a", "an", "that", "about",
        "over", "into", "than", "’s", "'s", "s", "campaign", "administration", "supporters",
    ]
    /// Words after which a name is an object ("spoke to Zelensky", "Speaking to the BBC").
    static var prepositions: Set<String> { QuoteFinder.prepositions }
    /// Tokens of a place or party label after a name ("of New Mexico", "(D-Calif.)").
    static let maxLabelTokens = 6
    /// Words after a weekday that still name the day ("on Tuesday night").
    static let partsOfDay: Set<String> = ["morning", "afternoon", "evening", "night"]
    /// An apposition between commas is at most this many tokens: "Graham, a former candidate, told …".
    static let maxAppositionTokens = 20

    /// The last subject among the tokens `range`; pronouns are resolved to the last person named before
    /// them and keep their own span (the annotation marks the pronoun).
    func last(in range: Range<Int>) -> Mention? {
        var found: Mention?
        var index = range.lowerBound
        while index < range.upperBound {
            let token = tokens[index]
            if isQuoted(token.start) {
                index += 1
                continue
            }
            if let mention = speakers.starting(in: token.start..<(token.start + 1)).first {
                let end = lastToken(of: mention, from: index, limit: range.upperBound)
                // "Mr. Biden assured residents that Mrs. Clinton was “…”": the reported clause's subject is not the source.
                if found != nil, index > 0, Self.complementizers.contains(tokens[index - 1].text) {
                    index = end + 1
                    continue
                }
                if let verb = verbOfSubject(from: index, to: end) {
                    found = mention
                    // Names inside its apposition ("Clinton, who called Sanders after the vote, told …") belong to it.
                    index = max(end + 1, verb)
                    continue
                }
                if isAccordingTo(index) { found = mention }
                if let possessive = possessiveSubject(name: index, end: end) { found = possessive }
                index = end + 1
                continue
            }
            if Self.pronouns.contains(token.text), verbOfSubject(from: index, to: index) != nil,
               let person = antecedent(of: token) {
                found = person
            }
            // "It added, “…”": an organisation speaks through "it", but only right before a cue verb ("it is" is not speech).
            if token.text == "It" || token.text == "it", index + 1 < tokens.count, QuoteFinder.cueVerbs.contains(tokens[index + 1].text),
               let organization = organization(before: token) {
                found = organization
            }
            if let named = untaggedNameBeforeVerb(at: index) ?? untaggedNameWithApposition(at: index) {
                found = named
                index += 1
                continue
            }
            if let (nominal, verb) = nominalSubject(at: index) {
                found = nominal
                // Past its apposition too: "A Warren adviser, who spoke …, said" is not Warren speaking.
                index = verb
                continue
            }
            index += 1
        }
        return found
    }

    /// The first speaker named in the code points `range` outside quotations: a name inside a quote is quoted, not speaking.
    func firstUnquoted(in range: Range<Int>) -> Mention? {
        speakers.starting(in: range).first { !isQuoted($0.start) }
    }

    /// "It" (at `pronoun`'s span) standing for the last organisation named before it.
    func organization(before pronoun: Token) -> Mention? {
        speakers.starting(in: 0..<pronoun.start).last { $0.type == .org }
            .map { Mention(text: pronoun.text, start: pronoun.start, end: pronoun.end, type: .org, entity: $0.entity) }
    }

    /// Code points before a pronoun within which a person after a preposition is in the pronoun's own clause.
    static let ownClauseReach = 60

    /// The last person named before `pronoun`, with the pronoun's span — not one named after a preposition
    /// in the pronoun's own clause ("Speaking to Tom Baker, she pledged …" is not Baker speaking).
    func antecedent(of pronoun: Token) -> Mention? {
        let persons = speakers.starting(in: 0..<pronoun.start).filter { $0.type == .person }
        guard let person = persons.last(where: { pronoun.start - $0.end > Self.ownClauseReach || !isAfterPreposition($0) }) else { return nil }
        return Mention(text: pronoun.text, start: pronoun.start, end: pronoun.end, type: .person, entity: person.entity)
    }

    private func isAfterPreposition(_ mention: Mention) -> Bool {
        wordBefore(tokens.firstIndex(startingAtOrAfter: mention.start)).map { Self.prepositions.contains(tokens[$0].text) } ?? false
    }

    /// The token before `index`, looking past a "the" ("to the BBC").
    private func wordBefore(_ index: Int) -> Int? {
        var before = index - 1
        if before >= 0, ["the", "The"].contains(tokens[before].text) { before -= 1 }
        return before >= 0 ? before : nil
    }

    /// Whether `offset` lies inside a quotation.
    func isQuoted(_ offset: Int) -> Bool {
        let candidate = quoted.firstIndex(atOrPast: { $0.upperBound > offset })
        return candidate < quoted.count && quoted[candidate].contains(offset)
    }

    private func lastToken(of mention: Mention, from index: Int, limit: Int) -> Int {
        var end = index
        while end + 1 < limit, tokens[end + 1].start < mention.end { end += 1 }
        return end
    }

    /// The subject's verb: the lowercase word that follows (after an apposition or a label, if any) when no
    /// preposition precedes; nil when there is none. The word may lie past the scanned range: the verb itself
    /// ends the range when a cue verb is known.
    private func verbOfSubject(from first: Int, to last: Int) -> Int? {
        let limit = tokens.count
        if let before = wordBefore(first), Self.prepositions.contains(tokens[before].text) { return nil }
        // "endorsed Cruz last week", "said Trump is responsible": a name right after a verb is its object, or the
        // subject of what was reported — not the one speaking.
        if first > 0, !tokens[first - 1].isCapitalized, Self.isVerbLike(tokens[first - 1].text) { return nil }
        var next = last + 1
        // "Angela Merkel of Germany condemned", "Ted Cruz (R-Tex.) said": a place or party label between name and verb.
        if next + 1 < limit, tokens[next].text == "of", tokens[next + 1].isCapitalized {
            next += 1
            while next < limit, next - last <= Self.maxLabelTokens, tokens[next].isCapitalized { next += 1 }
        } else if next < limit, tokens[next].text == "(",
                  let close = (next + 1..<min(limit, next + Self.maxLabelTokens)).first(where: { tokens[$0].text == ")" }) {
            next = close + 1
        }
        // "Sen. Chuck Grassley (R-Iowa) on Wednesday downplayed": the day between subject and verb, as news puts it.
        if next + 1 < limit, tokens[next].text == "on", DateFinder.weekdays[tokens[next + 1].text.lowercased()] != nil {
            next += 2
            if next < limit, Self.partsOfDay.contains(tokens[next].text) { next += 1 }
        }
        if next < limit, tokens[next].text == "," {
            // "Graham, a former candidate, told …": skip to the comma closing the apposition.
            guard let close = (next + 1..<min(limit, next + 1 + Self.maxAppositionTokens)).first(where: { tokens[$0].text == "," }) else { return nil }
            next = close + 1
        }
        guard next < limit else { return nil }
        let word = tokens[next]
        return word.isWord && !word.isCapitalized && !Self.notVerbs.contains(word.text) ? next : nil
    }

    /// "According to the Trump campaign, “…”": the source follows a preposition here.
    private func isAccordingTo(_ index: Int) -> Bool {
        guard let before = wordBefore(index), before >= 1 else { return false }
        return tokens[before].text == "to" && ["according", "According"].contains(tokens[before - 1].text)
    }
}
