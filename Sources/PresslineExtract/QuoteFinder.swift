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
        "emphasizes", "cautions", "agreed", "agrees", "repeated", "echoed", "wondered", "wonders", "added", "quipped",
        "quips", "jokes", "boasts", "concedes", "declares", "announces", "urges", "vows", "promises", "complains",
        "testifies", "tweets", "posts", "replies", "answers", "states", "reads", "read", "saying", "adding", "noting",
        "surmised", "confessed", "chanted", "chants", "recounted", "recounts", "pointed",
        "telling", "asking", "writing", "arguing", "explaining", "insisting", "warning", "calling",
    ])
    static let pronouns: Set<String> = ["he", "she", "He", "She", "they", "They", "I", "we", "We"]
    /// Quotations shorter than this many words are reported only when a cue verb before them in the
    /// sentence gives them a speaker (“Rutte called the argument “unfortunate.””): otherwise one or two quoted
    /// words are scare quotes, terms and titles (“top secret”, the so-called “reset”) far more often than
    /// speech — on quotes-dev/train 576 of the 954 quotations no annotator counted as a quote.
    static let minWords = 3
    /// A short fragment's cue verb stands at most this many tokens before it ("called the public argument “unfortunate.”").
    static let maxTokensFromVerbToFragment = 6

    /// Tokens on either side of a quote searched for its attribution: attribution is local, and the
    /// bound keeps a page of quotes in one unpunctuated run from costing quadratic time.
    static let attributionWindow = 40

    /// - Parameters:
    ///   - people: person mentions, nominals ("the secretary general") included, sorted by start.
    func find(in scalars: [Unicode.Scalar], spans quotations: [QuotationSpan], index: TextIndex, sentences: [Range<Int>],
              people: [Mention], mentions: [Mention]) -> [Quote] {
        var quotes: [Quote] = []
        let subjects = ClauseSubject(tokens: index.tokens, speakers: people, quoted: quotations.map(\.outer))
        for quotation in quotations {
            let span = quotation.outer
            let inner = String(scalars: scalars[quotation.inner])
            guard inner.contains(where: \.isLetter) else { continue }
            let short = inner.split(whereSeparator: \.isWhitespace).count < Self.minWords
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
                quote.speaker = previous.speaker
                quote.speakerStart = previous.speakerStart
                quote.speakerEnd = previous.speakerEnd
            } else if let speaker = transcriptSpeaker(quotation, scalars: scalars, people: people)
                        ?? attribute(span, window: window, tokens: index.tokens, people: people, subjects: subjects,
                                     endsLikeSpeech: [",", "?", "!"].contains(inner.last { !$0.isWhitespace } ?? " ")) {
                quote.speaker = speaker.entity
                quote.speakerStart = speaker.start
                quote.speakerEnd = speaker.end
            } else if short {
                continue
            } else if let previous = quotes.last, previous.speaker != nil, isAdjacent(previous, span, scalars: scalars) {
                quote.speaker = previous.speaker
                quote.speakerStart = previous.speakerStart
                quote.speakerEnd = previous.speakerEnd
            } else if sentenceNumber > 0, let range = offsets(of: sentences[sentenceNumber - 1], tokens: index.tokens),
                      let subject = subjects.firstUnquoted(in: range) {
                // A quote standing alone continues the previous sentence's subject.
                quote.speaker = subject.entity
                quote.speakerStart = subject.start
                quote.speakerEnd = subject.end
            }
            // Nobody says a title: one that no attribution claims is a show's or a book's name, not a quote.
            if quote.speaker == nil && QuotedTitle.isTitle(quotation, in: scalars) { continue }
            quote.medium = medium(in: window, tokens: index.tokens, mentions: mentions)
            quotes.append(quote)
        }
        return quotes
    }

    private func offsets(of tokenRange: Range<Int>, tokens: [Token]) -> Range<Int>? {
        guard let first = tokenRange.first, let last = tokenRange.last else { return nil }
        return tokens[first].start..<tokens[last].end
    }

    /// Words after which a name is an object, not a speaker.
    static let prepositions: Set<String> = ["to", "on", "with", "from", "of", "in", "at", "by", "for", "about", "against", "told", "Speaking", "speaking"]

    /// Tokens after a closing mark searched for the cue verb: `," the former secretary of state said`.
    static let maxTokensToVerbAfter = 6
    /// Lowercase words that may stand between "the" and a cue verb in a nominal speaker ("the announcer said").
    static let maxNominalWords = 3

    /// The speaker of the quote at `span`: the subject of the cue verb after the quote, else of the last cue verb before it.
    private func attribute(_ span: Range<Int>, window: Range<Int>, tokens: [Token], people: [Mention], subjects: ClauseSubject,
                           endsLikeSpeech: Bool) -> Mention? {
        let after = window.filter { tokens[$0].start >= span.upperBound }
        let before = window.filter { tokens[$0].end <= span.lowerBound }
        // A name after a preposition ("Speaking to the BBC", "spoke to Zelensky") is not the one speaking.
        let speakers = { (range: Range<Int>) in
            people.starting(in: range).filter { mention in
                guard let index = window.first(where: { tokens[$0].start == mention.start }) else { return true }
                var previous = index - 1
                if previous >= window.lowerBound, ["the", "The"].contains(tokens[previous].text) { previous -= 1 }
                return previous < window.lowerBound || !Self.prepositions.contains(tokens[previous].text)
            }
        }
        if let subject = subjectOpening(after, tokens: tokens, people: people, subjects: subjects, endsLikeSpeech: endsLikeSpeech) { return subject }
        // After the quote: "…," Zelensky told Fox News / "…," said the minister / "…," he said.
        if let verb = after.prefix(Self.maxTokensToVerbAfter + 1).first(where: { Self.cueVerbs.contains(tokens[$0].text) }) {
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
        let cues = before.filter { Self.cueVerbs.contains(tokens[$0].text) }
        guard let verb = cues.last(where: { !tokens[$0].text.hasSuffix("ing") }) ?? cues.last else {
            return subjects.last(in: first..<(lastBefore + 1))
        }
        if let subject = subjects.last(in: first..<verb) { return subject }
        let clause = first..<verb
        let named = speakers(tokens[first].start..<tokens[verb].start).first
        let spoken = pronoun(in: clause, tokens: tokens, subjects: subjects)
        let candidates = [named, spoken, nominal(before: verb, from: first, tokens: tokens)].compactMap { $0 }
        if let subject = candidates.min(by: { $0.start < $1.start }) { return subject }
        // "…, said the minister, “…”" — but after a participle ("saying the person would …") comes what was said.
        let inverted = before.drop { $0 <= verb }.prefix(4)
        guard !tokens[verb].text.hasSuffix("ing"), let last = inverted.last else { return nil }
        return speakers(tokens[verb].end..<tokens[last].end).first ?? nominal(after: verb, tokens: tokens, limit: last + 1)
    }

    /// Tokens after a closing mark within which the verb of a subject opening the text must come:
    /// room for an apposition (“…,” Senate Majority Leader Mitch McConnell, R-Ky., said).
    static let maxTokensToSubjectVerb = 32
    /// Tokens after an inverted cue verb searched for the speaker: "said former secretary of state Hillary Clinton".
    static let maxTokensToInvertedSpeaker = 8

    /// “…” by the shooting in Orlando, Nefzi said / “…” if she lost, said David Wasserman: further along the
    /// sentence, an attribution set off by a comma — a name then the cue verb, or the cue verb then a name.
    private func attributionSetOff(_ after: [Int], tokens: [Token], people: [Mention], subjects: ClauseSubject) -> Mention? {
        for verb in after where Self.cueVerbs.contains(tokens[verb].text) && verb > 0 {
            if tokens[verb - 1].text == "," {
                let range = tokens[verb].end..<tokens[min(tokens.count - 1, verb + Self.maxTokensToInvertedSpeaker)].end
                if let speaker = people.starting(in: range).first(where: { $0.type == .person }) { return speaker }
                continue
            }
            // “I held and hugged” grieving families …, he said.
            if Self.pronouns.contains(tokens[verb - 1].text), verb >= 2, tokens[verb - 2].text == "," {
                if let person = subjects.antecedent(of: tokens[verb - 1]) { return person }
                continue
            }
            guard let named = people.starting(in: 0..<tokens[verb].start).last, named.end == tokens[verb - 1].end, named.type == .person,
                  let opening = after.first(where: { tokens[$0].start == named.start }), opening > 0, tokens[opening - 1].text == "," else { continue }
            return named
        }
        return nil
    }

    /// Capitalised words of a title before a name ("Senate Majority Leader Mitch McConnell").
    static let maxTitleWords = 6
    /// Words a nominal speaker opens with.
    static let determiners: Set<String> = [
        "the", "The", "a", "an", "A", "An", "one", "One", "another", "Another", "this", "This", "some", "Some",
    ]

    /// “…,” Trent Lott, who was majority leader, told lawmakers / “…,” the former Florida governor said / “…,” he said:
    /// the text right after the quote opens with its speaker, and a cue verb follows within an apposition's length.
    private func subjectOpening(_ after: [Int], tokens: [Token], people: [Mention], subjects: ClauseSubject, endsLikeSpeech: Bool) -> Mention? {
        guard let opening = after.first, let start = after.prefix(2).first(where: { tokens[$0].isWord }),
              start == opening || tokens[opening].text == "," || tokens[opening].text == "—" else { return nil }
        let cue = after.prefix(Self.maxTokensToSubjectVerb).first { Self.cueVerbs.contains(tokens[$0].text) && $0 > start }
        let token = tokens[start]
        if token.isCapitalized {
            // The name may follow a title, or be known by its last word only: "Senate Majority Leader Mitch
            // McConnell", "Trent Lott" tagged as "Lott". Only the opening run of capitalised words is searched.
            let run = after.drop { $0 < start }.prefix { tokens[$0].isCapitalized }.prefix(Self.maxTitleWords + 1)
            if let end = run.last, let mention = people.starting(in: token.start..<tokens[end].end).first(where: { $0.type != .loc }) {
                // A tagged name speaks when a cue verb follows, past any apposition; or, after a quote that ends
                // as speech does (“…,” “…?” “…!”), when any verb follows it ("beamed", "went on").
                if cue != nil { return mention }
                let last = run.last { tokens[$0].start < mention.end } ?? end
                guard endsLikeSpeech, last + 1 < tokens.count else { return nil }
                let next = tokens[last + 1]
                return next.isWord && !next.isCapitalized && !ClauseSubject.notVerbs.contains(next.text) ? mention : nil
            }
            // “…,” Lasry told Bloomberg: capitalised words right before the cue verb name the speaker even
            // where the tagger missed them.
            if let end = run.last, let cue, end + 1 == cue, end - start < 3 {
                return Mention(text: tokens[start...end].map(\.text).joined(separator: " "), start: token.start, end: tokens[end].end,
                               type: .person, entity: tokens[start...end].map(\.text).joined(separator: " "))
            }
            return nil
        }
        guard let verb = cue else { return nil }
        if Self.pronouns.contains(token.text) { return verb == start + 1 ? subjects.antecedent(of: token) : nil }
        guard Self.determiners.contains(token.text) else { return nil }
        // The phrase runs to the verb, or to a comma that opens an apposition closed right before the verb
        // (“…,” an intelligence source, who was not authorized to speak, told Fox News).
        var end = verb
        if let comma = (start..<verb).first(where: { !tokens[$0].isWord }) {
            guard tokens[comma].text == ",", tokens[verb - 1].text == "," else { return nil }
            end = comma
        }
        guard end - start <= Self.maxNominalWords + 4, end > start + 1 else { return nil }
        // The resolver may know whom "the former Florida governor" is; otherwise the phrase stands as said.
        if let resolved = people.starting(in: token.start..<(token.start + 1)).first(where: { $0.type == .person }) { return resolved }
        return phrase(tokens[start..<end])
    }

    /// The first personal pronoun among `indices`, standing for the last person named before it.
    private func pronoun(in indices: some Sequence<Int>, tokens: [Token], subjects: ClauseSubject) -> Mention? {
        guard let index = indices.first(where: { Self.pronouns.contains(tokens[$0].text) }) else { return nil }
        return subjects.antecedent(of: tokens[index])
    }

    /// "the announcer said": "the" and a few lowercase words right before the cue verb, as the speaker's span.
    private func nominal(before verb: Int, from start: Int, tokens: [Token]) -> Mention? {
        var index = verb - 1
        while index >= start, verb - index <= Self.maxNominalWords, tokens[index].isWord, !tokens[index].isCapitalized { index -= 1 }
        guard index >= start, index < verb - 1, ["the", "The"].contains(tokens[index].text) else { return nil }
        return phrase(tokens[index...(verb - 1)])
    }

    /// "said the announcer": "the" and the lowercase words after the cue verb.
    private func nominal(after verb: Int, tokens: [Token], limit: Int) -> Mention? {
        let start = verb + 1
        let limit = min(limit, tokens.count)
        guard start < limit else { return nil }
        if Self.determiners.contains(tokens[start].text) {
            // "said the announcer", "said the New York businessman": up to the first lower-case word (the noun).
            var end = start + 1
            while end < limit, end - start <= Self.maxNominalWords + 2, tokens[end].isWord, tokens[end].isCapitalized { end += 1 }
            while end < limit, end - start <= Self.maxNominalWords + 2, tokens[end].isWord, !tokens[end].isCapitalized,
                  !ClauseSubject.isVerbLike(tokens[end].text) { end += 1 }
            return tokens[(start + 1)..<end].contains(where: { !$0.isCapitalized }) ? phrase(tokens[start..<end]) : nil
        }
        // "said J.M. Berger, a fellow …": capitalised words the tagger missed, up to the comma.
        let run = (start..<limit).prefix { tokens[$0].isWord && tokens[$0].isCapitalized }.prefix(Self.maxTitleWords)
        guard run.count >= 2, let last = run.last, last + 1 >= limit || !tokens[last + 1].isWord else { return nil }
        return phrase(tokens[start...last])
    }

    private func phrase(_ slice: ArraySlice<Token>) -> Mention {
        let text = slice.map(\.text).joined(separator: " ")
        return Mention(text: text, start: slice.first!.start, end: slice.last!.end, type: .person, entity: text)
    }

    /// Words of a name or title before a colon that labels a quote.
    static let maxLabelWords = 5

    /// "Marco Rubio: ‘You Don’t Win …’", "Hacker Guccifer: …": a headline or transcript names the speaker
    /// in capitalised words before a colon that opens the quote.
    private func colonLabel(_ before: [Int], tokens: [Token], people: [Mention]) -> Mention? {
        // The colon right before the quote, or a headline's opening label ("Cruz: Trump Would …, ‘I Fear …’").
        guard let colon = before.last.flatMap({ tokens[$0].text == ":" ? $0 : nil })
                ?? before.prefix(Self.maxLabelWords + 1).first(where: { tokens[$0].text == ":" }) else { return nil }
        // After a headline's label, a clause with its own cue verb names its own speaker ("Update: the mayor said …").
        if colon != before.last, before.contains(where: { $0 > colon && Self.cueVerbs.contains(tokens[$0].text) }) { return nil }
        let label = before.prefix { $0 < colon }.suffix(Self.maxLabelWords + 1).reversed()
            .prefix { tokens[$0].isCapitalized || tokens[$0].text == "and" }.reversed()
        guard let start = label.first, let end = label.last, label.count <= Self.maxLabelWords,
              start == before.first || !tokens[start - 1].isWord else { return nil }
        if let mention = people.starting(in: tokens[start].start..<tokens[end].end).last(where: { $0.type == .person }) { return mention }
        let text = tokens[start...end].map(\.text).joined(separator: " ")
        return Mention(text: text, start: tokens[start].start, end: tokens[end].end, type: .person, entity: text)
    }

    /// "PENCE: Well, look, …": a transcript line names its speaker in capitals before a colon.
    private func transcriptSpeaker(_ quotation: QuotationSpan, scalars: [Unicode.Scalar], people: [Mention]) -> Mention? {
        var end = quotation.inner.lowerBound
        while end < quotation.inner.upperBound, end - quotation.inner.lowerBound < 30,
              scalars[end].properties.isUppercase || scalars[end] == " " || scalars[end] == "." || scalars[end] == "-" { end += 1 }
        guard end < quotation.inner.upperBound, scalars[end] == ":", end - quotation.inner.lowerBound >= 2 else { return nil }
        let label = String(scalars: scalars[quotation.inner.lowerBound..<end]).trimmingCharacters(in: .whitespaces)
        // Resolve "PENCE" to "Mike Pence" when the article names him in full.
        let full = people.first { $0.type == .person && $0.entity.split(separator: " ").last?.uppercased() == label }?.entity
        return Mention(text: label, start: quotation.inner.lowerBound, end: end, type: .person, entity: full ?? label)
    }


    /// Code points between two quotes of one speaker in a paragraph: room for an attribution with a long
    /// apposition (“…,” said Jay Jacobs, a Clinton supporter who is the Democratic chairman in Nassau County. “…”).
    static let maxAdjacentGap = 200

    private func isAdjacent(_ previous: Quote, _ span: Range<Int>, scalars: [Unicode.Scalar]) -> Bool {
        guard previous.end <= span.lowerBound else { return false }
        let between = scalars[previous.end..<span.lowerBound]
        return between.count < Self.maxAdjacentGap && !between.contains("\n")
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
