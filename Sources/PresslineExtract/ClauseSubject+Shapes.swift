import PresslineCore

// The shapes a clause's subject takes besides a tagged name or a pronoun — untagged names, possessives,
// nominals — each recognised at a token index from the words around it, without a parser.
extension ClauseSubject {
    /// "Hayek confirmed …, Viguerie notes, Obama has called": a capitalised word right before a cue verb (or an
    /// auxiliary and one) speaks, tagged or not.
    func untaggedNameBeforeVerb(at index: Int) -> Mention? {
        let token = tokens[index]
        guard token.isCapitalized, index + 1 < tokens.count, !Self.pronouns.contains(token.text), !Gazetteer.stopCapitals.contains(token.text),
              token.text.count > 1, QuoteFinder.cueVerbs.contains(tokens[index + 1].text)
                || index + 2 < tokens.count && Self.auxiliaries.contains(tokens[index + 1].text) && QuoteFinder.cueVerbs.contains(tokens[index + 2].text)
        else { return nil }
        return Mention(speakerPhrase: tokens[index...index])
    }

    /// Words a nominal subject opens with ("the commission", "her campaign", "one former staffer").
    static let nominalOpeners: Set<String> = QuoteFinder.determiners.union(QuoteFinder.possessives).union(["its", "Its"])
    /// Verbs that end a nominal subject without a cue verb: auxiliaries (most verbs end in -ed or are cue verbs).
    static let auxiliaries: Set<String> = ["is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "may", "might", "should", "must", "does", "did"]
    /// What may stand before a clause's first word: the end of the last sentence, punctuation, conjunctions.
    static let clauseOpenings: Set<String> = [".", "!", "?", ",", ";", ":", "—", "–", "and", "but", "But", "And", "while", "when", "as", "because",
                                                "after", "before", "since", "though", "although", "until", "once", "(", "\"", "“", "”"]
    /// Past forms that do not end in -ed.
    static let irregularPasts: Set<String> = [
        "found", "sent", "made", "took", "gave", "put", "got", "held", "came", "went", "saw", "knew", "thought", "felt",
        "left", "brought", "began", "kept", "led", "met", "ran", "stood", "won", "lost", "spent", "sought", "heard",
        "meant", "spoke", "chose", "drew", "became", "broke", "struck", "shot", "sang", "wrote", "told",
    ]

    /// A cue verb, an auxiliary, a word in -ed or an irregular past: where a nominal phrase ends.
    static func isVerbLike(_ word: String) -> Bool {
        QuoteFinder.cueVerbs.contains(word) || auxiliaries.contains(word) || (word.hasSuffix("ed") && word.count > 3) || irregularPasts.contains(word)
    }

    /// "April Mellody, a spokeswoman for the convention, said …": one to four capitalised words opening a clause,
    /// then an apposition closed right before a cue verb, name the speaker though the tagger missed or mistyped them.
    func untaggedNameWithApposition(at index: Int) -> Mention? {
        guard tokens[index].isCapitalized, index == 0 || Self.clauseOpenings.contains(tokens[index - 1].text) else { return nil }
        var end = index
        while end + 1 < tokens.count, end - index < 4, tokens[end + 1].isCapitalized, tokens[end + 1].isWord { end += 1 }
        // One word will do when it is no sentence adverb ("Fiorina, speaking to Iowans, said" but not "Still, the mayor, …").
        guard end > index || !Gazetteer.stopCapitals.contains(tokens[index].text) && !Self.nominalOpeners.contains(tokens[index].text),
              end - index < 4, end + 1 < tokens.count, tokens[end + 1].text == "," else { return nil }
        let limit = min(tokens.count - 1, end + 2 + Self.maxAppositionTokens)
        guard end + 2 < limit, let close = (end + 2..<limit).first(where: { tokens[$0].text == "," }),
              QuoteFinder.cueVerbs.contains(tokens[close + 1].text),
              !speakers.starting(in: tokens[index].start..<tokens[end].end).contains(where: { $0.type == .person || $0.type == .org }) else { return nil }
        return Mention(speakerPhrase: tokens[index...end])
    }

    /// "Mrs. Clinton's campaign said …", "Hoff's letter makes …": a name's thing, at a clause's start, before a verb.
    func possessiveSubject(name first: Int, end: Int) -> Mention? {
        guard first == 0 || Self.clauseOpenings.contains(tokens[first - 1].text) || Gazetteer.honorifics.contains(tokens[first - 1].text),
              end + 2 < tokens.count, ["'s", "’s"].contains(tokens[end + 1].text) else { return nil }
        var noun = end + 2
        while noun < tokens.count, noun - end <= 4, tokens[noun].isWord, !tokens[noun].isCapitalized, !Self.isVerbLike(tokens[noun].text) { noun += 1 }
        guard noun > end + 2, noun < tokens.count, Self.isVerbLike(tokens[noun].text) else { return nil }
        let start = first > 0 && Gazetteer.honorifics.contains(tokens[first - 1].text) ? first - 1 : first
        return Mention(speakerPhrase: tokens[start..<noun])
    }

    /// Words that open a reported clause.
    static let complementizers: Set<String> = ["that", "whether", "if"]

    /// Words that make a nominal a time ("a few days later", "the next morning").
    static let timeWords: Set<String> = [
        "later", "earlier", "ago", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
        "minute", "minutes", "morning", "afternoon", "evening", "night", "time", "moment", "weekend",
    ]
    /// Words of a nominal subject, "of" included ("the former secretary of state").
    static let maxNominalWords = 5
    /// Capitalised words of an affiliation after a nominal's noun ("for the House Armed Services Committee").
    static let maxAffiliationWords = 5
    /// Words that open an affiliation after a nominal's noun.
    static let affiliationOpenings: Set<String> = ["for", "of", "at", "the", "inside", "in", "from", "with"]

    /// "the commission recognized …", "her campaign has cycled …": a determiner, lower-case words and a verb
    /// (a cue verb, an auxiliary or a word in -ed), with the index of that verb. Without a parser, plural nouns
    /// and verbs in -s look alike, so those never end the phrase.
    func nominalSubject(at index: Int) -> (Mention, verb: Int)? {
        guard Self.nominalOpeners.contains(tokens[index].text) else { return nil }
        // Only at a clause's start: after a verb the same words are its object ("sent out a fundraising call").
        if index > 0, !Self.clauseOpenings.contains(tokens[index - 1].text) { return nil }
        var end = index + 1
        var nouns = 0
        var affiliation = 0
        while end < tokens.count, end - index <= Self.maxNominalWords + affiliation {
            let word = tokens[end]
            // "An Israeli official, speaking on the condition of anonymity, said": an apposition before the verb.
            // "But a few days later, Trump reversed himself": a time, not someone.
            if Self.timeWords.contains(word.text) { return nil }
            if word.text == ",", nouns > 0, end + 2 < tokens.count,
               let close = (end + 1..<min(tokens.count - 1, end + 1 + Self.maxAppositionTokens)).first(where: { tokens[$0].text == "," }),
               QuoteFinder.cueVerbs.contains(tokens[close + 1].text) {
                return (Mention(speakerPhrase: tokens[index..<end]), close + 1)
            }
            guard word.isWord, !QuoteFinder.pronouns.contains(word.text) else { return nil }
            // Capitalised modifiers may come first ("the New Jersey governor", "The Democratic frontrunner"), and an
            // affiliation after the noun ("A spokesman for Platte River declined", "a spokeswoman for the House …").
            if word.isCapitalized {
                if nouns > 0, affiliation == 0, Self.affiliationOpenings.contains(tokens[end - 1].text) {
                    while end < tokens.count, tokens[end].isCapitalized, tokens[end].isWord, affiliation < Self.maxAffiliationWords { end += 1; affiliation += 1 }
                    continue
                }
                guard nouns == 0 else { return nil }
                end += 1
                continue
            }
            if Self.isVerbLike(word.text) {
                return nouns > 0 ? (Mention(speakerPhrase: tokens[index..<end]), end) : nil
            }
            nouns += 1
            end += 1
        }
        return nil
    }
}
