import Foundation
import PresslineCore

/// Finds direct quotations and attributes each to a speaker: a person named next to a
/// speech verb in the same sentence (after or before the quote), a pronoun resolved to
/// the last person named, or, for a quote standing alone, the previous quote's speaker.
struct QuoteFinder {
    /// Verbs that attribute speech: the tagger's speech verbs (kept as trained) and more of the forms news
    /// uses after a quote ("Viguerie notes", "Beck questioned", "she continues").
    static let cueVerbs: Set<String> = Gazetteer.speechVerbs.union([
        "notes", "concludes", "questioned", "questions", "explains", "argues", "insists", "warns", "recalls",
        "continues", "acknowledges", "admits", "responds", "observes", "remarks", "predicts", "claims", "contends",
        "countered", "counters", "offered", "mused", "muses", "lamented", "laments", "stressed", "stresses",
        "emphasizes", "cautions", "agreed", "agrees", "repeated", "echoed", "wondered", "wonders",
        "quips", "jokes", "boasts", "concedes", "declares", "announces", "urges", "vows", "promises", "complains",
        "testifies", "tweets", "posts", "replies", "answers", "states", "reads", "read", "saying", "adding", "noting",
        "surmised", "confessed", "chanted", "chants", "recounted", "recounts", "pointed", "asserted", "asserts", "commented",
        "retorted", "scoffed", "sighed", "snapped", "fumed", "exclaimed", "pleaded", "proclaimed", "reiterated",
        "assured", "assures", "touted", "hailed", "blasted", "slammed", "criticized", "accused", "questioning", "asks", "exhorted",
        "reacted", "retaliated", "pressed", "Tweeted", "Posted", "remembered", "interjected", "riffed", "beamed",
        "telling", "asking", "writing", "arguing", "explaining", "insisting", "warning", "calling",
        // Capitalised: a sentence opening "Said Comey, “…”" and headlines ("Hollande Says Trump ‘Makes You …’").
        "Said", "Says", "Asked", "Asks", "Added", "Adds", "Wrote", "Writes", "Tells", "Told", "Warns", "Claims",
    ])
    static let pronouns: Set<String> = ["he", "she", "He", "She", "they", "They", "I", "we", "We"]
    /// Quotations shorter than this many words are reported only when a cue verb before them in the
    /// sentence gives them a speaker (“Rutte called the argument “unfortunate.””): otherwise one or two quoted
    /// words are scare quotes, terms and titles (“top secret”, the so-called “reset”) far more often than
    /// speech — on quotes-dev/train 576 of the 954 quotations no annotator counted as a quote.
    static let minWords = 3

    /// A quotation of fewer than ``minWords`` words: a partial quote (the record's `fragments`), not a quote.
    /// Counts words only up to ``minWords``: splitting every quotation into words just to count them is
    /// wasted work on long quotations.
    static func isFragment(_ text: String) -> Bool {
        var words = 0
        var inWord = false
        for character in text {
            if character.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words >= minWords { return false }
            }
        }
        return true
    }
    /// A short fragment's cue verb stands at most this many tokens before it ("called the public argument “unfortunate.”").
    static let maxTokensFromVerbToFragment = 6

    /// Tokens on either side of a quote searched for its attribution: attribution is local, and the
    /// bound keeps a page of quotes in one unpunctuated run from costing quadratic time.
    static let attributionWindow = 60

    /// - Parameters:
    ///   - people: person mentions, nominals ("the secretary general") included, sorted by start.
    func find(in scalars: [Unicode.Scalar], spans quotations: [QuotationSpan], index: TextIndex, sentences: [Range<Int>],
              people: [Mention], mentions: [Mention]) -> [Quote] {
        var quotes: [Quote] = []
        let subjects = ClauseSubject(tokens: index.tokens, speakers: people, quoted: quotations.map(\.outer))
        let sources = (people + mentions.filter { $0.type == .org }).sorted { $0.start < $1.start }
        for quotation in quotations {
            let span = quotation.outer
            let inner = String(scalars: scalars[quotation.inner])
            guard inner.contains(where: \.isLetter) else { continue }
            let short = Self.isFragment(inner)
            var quote = Quote(text: inner, start: span.lowerBound, end: span.upperBound)
            let first = index.token(atOrAfter: span.lowerBound)
            guard first < index.tokens.count else { continue }
            let last = max(first, index.token(atOrAfter: span.upperBound) - 1)
            let sentenceNumber = index.sentenceOfToken[first]
            let sentence = sentences[sentenceNumber]
            let window = max(sentence.lowerBound, first - Self.attributionWindow)..<min(sentence.upperBound, last + 1 + Self.attributionWindow)
            // A short fragment woven into a sentence starts in lower case; “Saturday Night Live” is a title.
            if short && (inner.first?.isLowercase != true
                || !(max(window.lowerBound, first - Self.maxTokensFromVerbToFragment)..<first).contains(where: { Gazetteer.speechVerbs.contains(index.tokens[$0].text) || index.tokens[$0].text == "adding" })) {
                continue
            }
            if let previous = quotes.last, let between = previous.speakerStart, previous.end <= between, between < span.lowerBound,
               isAdjacent(previous, span, scalars: scalars), index.sentenceOfToken[index.token(atOrAfter: previous.start)] == sentenceNumber,
               scalars[previous.end..<span.lowerBound].last(where: { !$0.properties.isWhitespace }) == "," {
                // “A,” said an Iowa Democrat, “B.” — the second part is the same speaker's.
                quote.takeSpeaker(of: previous)
            } else if let speaker = transcriptSpeaker(quotation, scalars: scalars, people: people)
                        ?? signature(after: span, index: index, scalars: scalars, people: people)
                        ?? accordingTo(after: span, index: index, sources: sources)
                        ?? attribute(span, window: window, tokens: index.tokens, people: people, subjects: subjects,
                                     endsLikeSpeech: [",", "?", "!"].contains(inner.last { !$0.isWhitespace } ?? " ")) {
                quote.attribute(to: speaker)
            } else if short {
                continue
            } else if sentenceNumber + 1 < sentences.count,
                      let subject = attributionSentence(sentences[sentenceNumber + 1], after: span, tokens: index.tokens, scalars: scalars,
                                                        people: people, subjects: subjects) {
                quote.attribute(to: subject)
            } else if let previous = quotes.last, previous.speaker != nil, isAdjacent(previous, span, scalars: scalars) {
                quote.takeSpeaker(of: previous)
            } else if sentenceNumber > 0, let subject = previousSpeaker(sentences[sentenceNumber - 1], tokens: index.tokens, subjects: subjects) {
                quote.attribute(to: subject)
            } else if sentenceNumber > 0, let previous = quotes.last, previous.speaker != nil,
                      let range = offsets(of: sentences[sentenceNumber - 1], tokens: index.tokens), range.contains(previous.start) {
                // A quote running on from one the previous sentence held (“…,” Barkley said. “…” ⏎ “And …”).
                quote.takeSpeaker(of: previous)
            }
            if quote.speaker == nil, let subject = QuotedTitle.headlineSpeaker(of: quotation, in: scalars, people: people) {
                quote.attribute(to: subject)
            }
            // Nobody says a title: one that no attribution claims is a show's or a book's name, not a quote.
            if quote.speaker == nil && QuotedTitle.isTitle(quotation, in: scalars) { continue }
            quote.medium = medium(in: window, tokens: index.tokens, mentions: mentions)
            quotes.append(quote)
        }
        return quotes
    }

    /// Tokens of an attribution standing as a sentence of its own ("Sen. Tom Baker said.").
    static let maxAttributionSentenceTokens = 6

    /// “Russia, if you're listening, I hope you find them.” Trump said. — a quote closed with a full stop, then,
    /// on the same line, a sentence that is nothing but a name (or pronoun) and a cue verb.
    private func attributionSentence(_ sentence: Range<Int>, after span: Range<Int>, tokens: [Token], scalars: [Unicode.Scalar],
                                     people: [Mention], subjects: ClauseSubject) -> Mention? {
        guard sentence.count >= 3, sentence.count <= Self.maxAttributionSentenceTokens, tokens[sentence.lowerBound].start >= span.upperBound,
              !scalars[span.upperBound..<tokens[sentence.lowerBound].start].contains("\n"),
              tokens[sentence.upperBound - 1].text == ".", Self.cueVerbs.contains(tokens[sentence.upperBound - 2].text) else { return nil }
        let subject = tokens[sentence.lowerBound..<(sentence.upperBound - 2)]
        if subject.count == 1, Self.pronouns.contains(subject.first!.text) { return subjects.antecedent(of: subject.first!) }
        return people.starting(in: subject.first!.start..<subject.last!.end).last { $0.type == .person && $0.end == subject.last!.end }
    }

    /// A quote standing alone continues the previous sentence's speaker: the subject of its cue verb ("Trump
    /// isn't a conservative, he said. “He's a liberal!”"), else the first person it names outside quotations.
    private func previousSpeaker(_ sentence: Range<Int>, tokens: [Token], subjects: ClauseSubject) -> Mention? {
        if let verb = sentence.last(where: { Self.cueVerbs.contains(tokens[$0].text) && !tokens[$0].text.hasSuffix("ing") }),
           let subject = subjects.last(in: sentence.lowerBound..<verb) {
            return subject
        }
        return offsets(of: sentence, tokens: tokens).flatMap { subjects.firstUnquoted(in: $0) }
    }

    private func offsets(of tokenRange: Range<Int>, tokens: [Token]) -> Range<Int>? {
        guard let first = tokenRange.first, let last = tokenRange.last else { return nil }
        return tokens[first].start..<tokens[last].end
    }

    /// Words after which a name is an object, not a speaker.
    static let prepositions: Set<String> = ["to", "on", "with", "from", "of", "in", "at", "by", "for", "about", "against", "told", "Speaking", "speaking"]

    /// Words that open a new clause after a quote.
    static let conjunctions: Set<String> = ["and", "but", "or", "while", "as"]

    /// Tokens after a closing mark searched for the cue verb: `," the former secretary of state said`.
    static let maxTokensToVerbAfter = 6
    /// Lowercase words that may stand between "the" and a cue verb in a nominal speaker ("the announcer said").
    static let maxNominalWords = 3

    /// The speaker of the quote at `span`: the subject of the cue verb after the quote, else of the last cue verb before it.
    private func attribute(_ span: Range<Int>, window: Range<Int>, tokens: [Token], people: [Mention], subjects: ClauseSubject,
                           endsLikeSpeech: Bool) -> Mention? {
        let after = window.filter { tokens[$0].start >= span.upperBound }
        let before = window.filter { tokens[$0].end <= span.lowerBound }
        // A name after a preposition ("Speaking to the BBC", "spoke to Zelensky") is not the one speaking, nor is
        // one inside another quotation.
        let speakers = { (range: Range<Int>) in
            people.starting(in: range).filter { mention in
                guard !subjects.isQuoted(mention.start) else { return false }
                guard let index = window.first(where: { tokens[$0].start == mention.start }) else { return true }
                var previous = index - 1
                if previous >= window.lowerBound, ["the", "The"].contains(tokens[previous].text) { previous -= 1 }
                return previous < window.lowerBound || !Self.prepositions.contains(tokens[previous].text)
            }
        }
        if let subject = subjectOpening(after, tokens: tokens, people: people, subjects: subjects, endsLikeSpeech: endsLikeSpeech) { return subject }
        // After the quote: "…," Zelensky told Fox News / "…," said the minister / "…," he said.
        // Not after a conjunction ("…,'' and he reiterated his claim" opens a clause of its own), nor across a
        // reported clause ("…" that Sanders can catch Clinton, said Steve Elmendorf).
        if let verb = after.prefix(Self.maxTokensToVerbAfter + 1).first(where: { Self.cueVerbs.contains(tokens[$0].text) }),
           !(after.first.map { Self.conjunctions.contains(tokens[$0].text) || ClauseSubject.complementizers.contains(tokens[$0].text) } ?? false) {
            let gap = span.upperBound..<tokens[verb].start
            if let subject = speakers(gap).last ?? pronoun(in: after.prefix { $0 < verb }, tokens: tokens, subjects: subjects)
                ?? nominal(before: verb, from: after.first ?? verb, tokens: tokens) {
                return subject
            }
            // "…," said Paul Ryan — but not "… and said Paul Ryan should resign": only punctuation may come between.
            // “…” about the decision, said RoseAnn DeMoro: a comma may set the verb off after a few words.
            let inverted = after.drop { $0 <= verb }.prefix(Self.maxTokensToInvertedSpeaker)
            if !after.prefix(while: { $0 < verb }).contains(where: { tokens[$0].isWord }) || (verb > 0 && tokens[verb - 1].text == ","),
               let last = inverted.last, let subject = speakers(tokens[verb].end..<tokens[last].end).first
                ?? pronoun(in: inverted, tokens: tokens, subjects: subjects) ?? nominal(after: verb, tokens: tokens, limit: window.upperBound) {
                return subject
            }
        }
        if let subject = attributionSetOff(after, tokens: tokens, people: people, subjects: subjects) { return subject }
        // Before the quote: the subject of the clause introducing it (of the last cue verb, when there is one).
        guard let first = before.first, let lastBefore = before.last else { return nil }
        if let labelled = colonLabel(before, tokens: tokens, people: people) { return labelled }
        // A participle ("…, adding “…”", "calling it “…”") has no subject of its own: the finite verb before it does.
        let cues = before.filter { Self.cueVerbs.contains(tokens[$0].text) || Self.isPhrasalCue(at: $0, tokens: tokens) }
        guard let verb = cues.last(where: { !tokens[$0].text.hasSuffix("ing") }) ?? cues.last else {
            return subjects.last(in: first..<(lastBefore + 1))
        }
        if let subject = subjects.last(in: first..<verb) { return subject }
        let clause = first..<verb
        let named = speakers(tokens[first].start..<tokens[verb].start).first
        let spoken = pronoun(in: clause, tokens: tokens, subjects: subjects)
        let candidates = [named, spoken, nominal(before: verb, from: first, tokens: tokens)].compactMap { $0 }
        if let subject = candidates.min(by: { $0.start < $1.start }) { return subject }
        // "…, said the minister, “…”" — but after a participle ("saying the person would …") comes what was said,
        // and without a comma or colon before the quote the words after the verb are its object ("called the
        // ensuing chaos “a lesson …”", "says the main goal is “…”").
        let inverted = before.drop { $0 <= verb }.prefix(4)
        guard !tokens[verb].text.hasSuffix("ing"), let last = inverted.last, [",", ":"].contains(tokens[lastBefore].text) else { return nil }
        return speakers(tokens[verb].end..<tokens[last].end).first ?? nominal(after: verb, tokens: tokens, limit: last + 1)
    }

    /// Verbs that attribute speech only with the word after them: "As Akhil Amar … put it, “…”", "Hillary shot back, “…”".
    static let phrasalCues: [String: String] = ["put": "it", "shot": "back", "fired": "back", "hit": "back", "went": "on"]

    static func isPhrasalCue(at index: Int, tokens: [Token]) -> Bool {
        guard let particle = phrasalCues[tokens[index].text], index + 1 < tokens.count else { return false }
        return tokens[index + 1].text == particle
    }

    /// Code points between two quotes of one speaker in a paragraph: room for an attribution with a long
    /// apposition (“…,” said Jay Jacobs, a Clinton supporter who is the Democratic chairman in Nassau County. “…”).
    static let maxAdjacentGap = 200

    private func isAdjacent(_ previous: Quote, _ span: Range<Int>, scalars: [Unicode.Scalar]) -> Bool {
        guard previous.end <= span.lowerBound else { return false }
        let between = scalars[previous.end..<span.lowerBound]
        return between.count < Self.maxAdjacentGap && !between.contains("\n")
    }

    /// "told Fox News", "posted on X", "Speaking to the BBC", "according to CNN": the organisation or platform a
    /// quote went through.
    private func medium(in sentence: Range<Int>, tokens: [Token], mentions: [Mention]) -> String? {
        for index in sentence where ["told", "on", "to"].contains(tokens[index].text) {
            guard index + 1 < sentence.upperBound else { continue }
            var next = index + 1
            if tokens[next].text == "the" && next + 1 < sentence.upperBound { next += 1 }
            let previousWord = index > sentence.lowerBound ? tokens[index - 1].text : ""
            // "…,” Sanders said, according to CNN: the outlet that reported it.
            guard tokens[index].text == "told" || ["posted", "Speaking", "speaking", "wrote", "said", "according", "According"].contains(previousWord)
            else { continue }
            if let org = mentions.starting(in: tokens[next].start..<(tokens[next].start + 1)).first(where: { $0.type == .org }) { return org.entity }
            // "posted on X." tokenises "X." as an initial; the platform is the letter.
            let word = tokens[next].text.hasSuffix(".") ? String(tokens[next].text.dropLast()) : tokens[next].text
            if Gazetteer.mediaNames.contains(word) { return word }
        }
        return nil
    }
}

private extension Quote {
    mutating func attribute(to speaker: Mention) {
        (self.speaker, speakerStart, speakerEnd) = (speaker.entity, speaker.start, speaker.end)
    }

    /// The previous quote's speaker, with the span of the mention that named them.
    mutating func takeSpeaker(of previous: Quote) {
        (speaker, speakerStart, speakerEnd) = (previous.speaker, previous.speakerStart, previous.speakerEnd)
    }
}
