import Foundation
import PresslineCore

// The speaker-finding patterns `QuoteFinder.attribute` tries in turn: who speaks right after a quote, further
// along the sentence, in a label before a colon, or as the noun phrase around a cue verb.
extension QuoteFinder {
    /// Tokens after a closing mark within which the verb of a subject opening the text must come:
    /// room for an apposition (“…,” Senate Majority Leader Mitch McConnell, R-Ky., said).
    static let maxTokensToSubjectVerb = 32
    /// Tokens of a title and a name between a quote and its cue verb ("former State policy planning director Anne-Marie Slaughter").
    static let maxTitledSubjectTokens = 12

    /// Where a subject's name ends before its cue verb: right before it, or before a party label ("(D)") or an
    /// apposition set off by commas that ends right before it.
    static func endOfTitledName(before cue: Int, from start: Int, tokens: [Token]) -> Int? {
        if tokens[cue - 1].text == ")", let open = (start..<(cue - 1)).last(where: { tokens[$0].text == "(" }), cue - open <= ClauseSubject.maxLabelTokens {
            return open
        }
        if tokens[cue - 1].text == ",", let open = (start..<(cue - 1)).first(where: { tokens[$0].text == "," }),
           cue - open <= ClauseSubject.maxAppositionTokens {
            return open
        }
        return cue
    }
    /// Tokens after an inverted cue verb searched for the speaker: "said former secretary of state Hillary Clinton".
    static let maxTokensToInvertedSpeaker = 8

    /// “…” by the shooting in Orlando, Nefzi said / “…” if she lost, said David Wasserman: further along the
    /// sentence, an attribution set off by a comma — a name then the cue verb, or the cue verb then a name.
    func attributionSetOff(_ after: [Int], tokens: [Token], people: [Mention], subjects: ClauseSubject) -> Mention? {
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
                  let opening = after.first(where: { tokens[$0].start == named.start }), opening > 0 else { continue }
            // The name may carry its title: "…, DFA spokesman Neil Sroka said."
            let title = after.filter { $0 < opening }.reversed().prefix { tokens[$0].isWord && !ClauseSubject.isVerbLike(tokens[$0].text) }
                .prefix(Self.maxTitleWords)
            let comma = (title.last ?? opening) - 1
            guard comma >= 0, tokens[comma].text == ",", title.count < Self.maxTitleWords else { continue }
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

    /// Possessives a nominal speaker may open with after the quote ("…,” his wife said).
    static let possessives: Set<String> = ["his", "her", "their", "His", "Her", "Their"]

    /// “…,” Trent Lott, who was majority leader, told lawmakers / “…,” the former Florida governor said / “…,” he said:
    /// the text right after the quote opens with its speaker, and a cue verb follows within an apposition's length.
    func subjectOpening(_ after: [Int], tokens: [Token], people: [Mention], subjects: ClauseSubject, endsLikeSpeech: Bool) -> Mention? {
        guard let opening = after.first, let start = after.prefix(2).first(where: { tokens[$0].isWord }),
              start == opening || tokens[opening].text == "," || tokens[opening].text == "—" else { return nil }
        let cue = after.prefix(Self.maxTokensToSubjectVerb).first { Self.cueVerbs.contains(tokens[$0].text) && $0 > start }
        let token = tokens[start]
        // “…,” former State policy planning director Anne-Marie Slaughter wrote / “…,” Fight for $15 organizing
        // director Kendall Fells told / “…,” state Sen. Jason Holsman (D) said / “…,” Texas delegate Bill Eastland,
        // wearing a cowboy hat, said: a title of any shape, then the name right before the cue verb, a party
        // label or an apposition.
        if endsLikeSpeech, let cue, cue > start + 1, let nameEnd = Self.endOfTitledName(before: cue, from: start, tokens: tokens),
           nameEnd - start <= Self.maxTitledSubjectTokens,
           !(start..<nameEnd).contains(where: { [",", ".", ";", ":", "(", "—", "“", "\"", "”"].contains(tokens[$0].text) }),
           let named = people.starting(in: tokens[start].start..<tokens[nameEnd - 1].end).last(where: { $0.type == .person }),
           named.end == tokens[nameEnd - 1].end, named.start > token.start {
            return named
        }
        if token.isCapitalized {
            // The name may follow a title, or be known by its last word only: "Senate Majority Leader Mitch
            // McConnell", "Trent Lott" tagged as "Lott". Only the opening run of capitalised words is searched.
            // A possessive belongs to the title ("Italy's Northern League leader Matteo Salvini").
            let run = after.drop { $0 < start }.prefix { tokens[$0].isCapitalized || ["'s", "’s"].contains(tokens[$0].text) }.prefix(Self.maxTitleWords + 2)
            let named = run.last.map { people.starting(in: token.start..<tokens[$0].end) } ?? []
            if let end = run.last, let mention = named.first(where: { $0.type == .person }) ?? named.first(where: { $0.type != .loc }) {
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
            // So do they before an apposition closed right before it (“…,” Paris, who used to work on Capitol Hill, said).
            if let end = run.last, let cue, end - start < 3, end + 1 == cue || tokens[end + 1].text == "," && tokens[cue - 1].text == ","
                && cue - end <= ClauseSubject.maxAppositionTokens + 2 { return Mention(speakerPhrase: tokens[start...end]) }
            return nil
        }
        // “…,” she went on: after a quote that ends as speech does, a pronoun and any verb.
        if Self.pronouns.contains(token.text), cue == start + 1 || endsLikeSpeech && start + 1 < tokens.count
            && tokens[start + 1].isWord && !tokens[start + 1].isCapitalized && !ClauseSubject.notVerbs.contains(tokens[start + 1].text) {
            return subjects.antecedent(of: token)
        }
        guard let verb = cue else { return nil }
        if Self.pronouns.contains(token.text) { return nil }
        // “…,” it added: the organisation (or the paper, the agency) last named.
        if token.text == "it", verb == start + 1, let source = subjects.organization(before: token) { return source }
        guard Self.determiners.contains(token.text) || Self.possessives.contains(token.text) else { return nil }
        // The phrase runs to the verb, or to a comma that opens an apposition closed right before the verb
        // (“…,” an intelligence source, who was not authorized to speak, told Fox News).
        var end = verb
        // A possessive stays inside the phrase ("the Post's senior politics editor Steven Ginsberg responded").
        if let comma = (start..<verb).first(where: { !tokens[$0].isWord && !["'s", "’s"].contains(tokens[$0].text) }) {
            guard tokens[comma].text == ",", tokens[verb - 1].text == "," else { return nil }
            end = comma
            // “…,” his wife, Gabriela Violeta Lazar, wrote: the apposition names the speaker.
            if comma + 1 < verb - 1, let named = people.starting(in: tokens[comma].end..<tokens[verb - 1].start).first(where: { $0.type == .person }),
               named.start == tokens[comma + 1].start { return named }
        }
        // A phrase that ends in the name of the person it describes ("the Post's senior politics editor Steven
        // Ginsberg responded") names them.
        if end - start <= Self.maxNominalWords + Self.maxTitleWords, end > start + 1,
           let named = people.starting(in: tokens[start].end..<tokens[end - 1].end).last(where: { $0.type == .person }),
           named.end == tokens[end - 1].end { return named }
        guard end - start <= Self.maxNominalWords + 4, end > start + 1 else { return nil }
        // The resolver may know whom "the former Florida governor" is; otherwise the phrase stands as said.
        if let resolved = people.starting(in: token.start..<(token.start + 1)).first(where: { $0.type == .person }) { return resolved }
        return Mention(speakerPhrase: tokens[start..<end])
    }

    /// The first personal pronoun among `indices` outside quotations, standing for the last person named before it.
    func pronoun(in indices: some Sequence<Int>, tokens: [Token], subjects: ClauseSubject) -> Mention? {
        guard let index = indices.first(where: { Self.pronouns.contains(tokens[$0].text) && !subjects.isQuoted(tokens[$0].start) }) else { return nil }
        return subjects.antecedent(of: tokens[index])
    }

    /// "the announcer said": "the" and a few lowercase words right before the cue verb, as the speaker's span.
    func nominal(before verb: Int, from start: Int, tokens: [Token]) -> Mention? {
        var index = verb - 1
        while index >= start, verb - index <= Self.maxNominalWords, tokens[index].isWord, !tokens[index].isCapitalized { index -= 1 }
        guard index >= start, index < verb - 1, ["the", "The"].contains(tokens[index].text) else { return nil }
        return Mention(speakerPhrase: tokens[index...(verb - 1)])
    }

    /// "said the announcer": "the" and the lowercase words after the cue verb.
    func nominal(after verb: Int, tokens: [Token], limit: Int) -> Mention? {
        let start = verb + 1
        let limit = min(limit, tokens.count)
        guard start < limit else { return nil }
        if Self.determiners.contains(tokens[start].text) {
            // "said the announcer", "said the New York businessman": up to the first lower-case word (the noun).
            var end = start + 1
            while end < limit, end - start <= Self.maxNominalWords + 2, tokens[end].isWord, tokens[end].isCapitalized { end += 1 }
            while end < limit, end - start <= Self.maxNominalWords + 2, tokens[end].isWord, !tokens[end].isCapitalized,
                  !ClauseSubject.isVerbLike(tokens[end].text) { end += 1 }
            // All in capitals only when the phrase ends the clause ("added a South Carolina Democrat."): else they
            // open a name that goes on.
            let closes = end >= limit || !tokens[end].isWord
            return tokens[(start + 1)..<end].contains(where: { !$0.isCapitalized }) || closes && end > start + 1
                ? Mention(speakerPhrase: tokens[start..<end]) : nil
        }
        // "said J.M. Berger, a fellow …": capitalised words the tagger missed, up to the comma.
        let run = (start..<limit).prefix { tokens[$0].isWord && tokens[$0].isCapitalized }.prefix(Self.maxTitleWords)
        guard run.count >= 2, let last = run.last, last + 1 >= limit || !tokens[last + 1].isWord else { return nil }
        return Mention(speakerPhrase: tokens[start...last])
    }

    /// Words of a name or title before a colon that labels a quote.
    static let maxLabelWords = 5
    /// Tokens of a label that opens with a lowercase title ("Former secretary of state Hillary Rodham Clinton:").
    static let maxTitledLabelTokens = 9

    /// "Marco Rubio: ‘You Don’t Win …’", "Hacker Guccifer: …": a headline or transcript names the speaker
    /// in capitalised words before a colon that opens the quote.
    func colonLabel(_ before: [Int], tokens: [Token], people: [Mention]) -> Mention? {
        // The colon right before the quote, or a headline's opening label ("Cruz: Trump Would …, ‘I Fear …’").
        guard let colon = before.last.flatMap({ tokens[$0].text == ":" ? $0 : nil })
                ?? before.prefix(Self.maxLabelWords + 1).first(where: { tokens[$0].text == ":" }) else { return nil }
        // After a headline's label, a clause with its own cue verb names its own speaker ("Update: the mayor said …").
        if colon != before.last, before.contains(where: { $0 > colon && Self.cueVerbs.contains(tokens[$0].text) }) { return nil }
        let label = before.prefix { $0 < colon }.suffix(Self.maxLabelWords + 1).reversed()
            .prefix { tokens[$0].isCapitalized || tokens[$0].text == "and" }.reversed()
        guard let start = label.first, let end = label.last, label.count <= Self.maxLabelWords else { return nil }
        guard start == before.first || !tokens[start - 1].isWord else {
            // "Former secretary of state Hillary Rodham Clinton: “…”": a short line of a title and a name labels the quote too.
            guard colon == before.last, colon - before.first! <= Self.maxTitledLabelTokens,
                  (before.first!..<start).allSatisfy({ Gazetteer.roleWords.contains(tokens[$0].text.lowercased()) }) else { return nil }
            return people.starting(in: tokens[start].start..<tokens[end].end).last { $0.type == .person && $0.end == tokens[end].end }
        }
        return people.starting(in: tokens[start].start..<tokens[end].end).last(where: { $0.type == .person })
            ?? Mention(speakerPhrase: tokens[start...end])
    }

    /// Dashes that sign a quotation with its author.
    static let signatureDashes: Set<String> = ["―", "—", "–"]

    /// “The most unqualified child to ever run for president.” ― Francisco Herrero: a quotation signed, as
    /// epigraphs and reader quotes are, by a dash and a name that ends the line.
    func signature(after span: Range<Int>, index: TextIndex, scalars: [Unicode.Scalar], people: [Mention]) -> Mention? {
        let tokens = index.tokens
        let dash = index.token(atOrAfter: span.upperBound)
        guard dash + 1 < tokens.count, Self.signatureDashes.contains(tokens[dash].text),
              !scalars[span.upperBound..<tokens[dash].start].contains("\n") else { return nil }
        var end = dash + 1
        while end < tokens.count, end - dash <= Self.maxLabelWords, tokens[end].isCapitalized, tokens[end].isWord || tokens[end].text == "." { end += 1 }
        guard end > dash + 1 else { return nil }
        // The name closes the line, perhaps with a full stop.
        let lineEnd = end < tokens.count && tokens[end].text == "." ? end + 1 : end
        guard lineEnd >= tokens.count || scalars[tokens[lineEnd - 1].end..<tokens[lineEnd].start].contains("\n") else { return nil }
        let start = tokens[dash + 1].start
        return people.starting(in: start..<(start + 1)).first(where: { $0.type == .person }) ?? Mention(speakerPhrase: tokens[(dash + 1)..<end])
    }

    /// Words of a source named by "according to", to the next comma or full stop.
    static let maxSourceWords = 12

    /// “…,” according to CNN / “…,” according to a Quinnipiac poll: a quote the words right after it credit to a
    /// source is that source's, a report or poll as much as a person — no cue verb names anyone else.
    func accordingTo(after span: Range<Int>, index: TextIndex, sources: [Mention]) -> Mention? {
        let tokens = index.tokens
        var next = index.token(atOrAfter: span.upperBound)
        if next < tokens.count, tokens[next].text == "," { next += 1 }
        // In lower case: "According to Ham, …" opening the next sentence credits what follows, not the quote.
        guard next + 2 < tokens.count, tokens[next].text == "according", tokens[next + 1].text == "to" else { return nil }
        let start = next + 2
        var end = start
        while end < tokens.count, end - start < Self.maxSourceWords, ![",", ".", ";", ":", "(", "—"].contains(tokens[end].text) { end += 1 }
        guard end > start else { return nil }
        let opening = tokens[start].start..<tokens[min(start + 1, end - 1)].end
        return sources.starting(in: opening).first ?? Mention(speakerPhrase: tokens[start..<end])
    }

    /// "PENCE: Well, look, …": a transcript line names its speaker in capitals before a colon.
    func transcriptSpeaker(_ quotation: QuotationSpan, scalars: [Unicode.Scalar], people: [Mention]) -> Mention? {
        var end = quotation.inner.lowerBound
        while end < quotation.inner.upperBound, end - quotation.inner.lowerBound < 30,
              scalars[end].properties.isUppercase || scalars[end] == " " || scalars[end] == "." || scalars[end] == "-" { end += 1 }
        guard end < quotation.inner.upperBound, scalars[end] == ":", end - quotation.inner.lowerBound >= 2 else { return nil }
        let label = String(scalars: scalars[quotation.inner.lowerBound..<end]).trimmingCharacters(in: .whitespaces)
        // Resolve "PENCE" to "Mike Pence" when the article names him in full.
        let full = people.first { $0.type == .person && $0.entity.split(separator: " ").last?.uppercased() == label }?.entity
        return Mention(text: label, start: quotation.inner.lowerBound, end: end, type: .person, entity: full ?? label)
    }
}
