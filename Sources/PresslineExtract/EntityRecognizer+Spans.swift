import PresslineCore

/// The rules that mend the spans the tagger proposes before they become mentions: names cut short or run
/// together, a place and a person tagged as one, names found once and missed where they recur, datelines.
/// Each is a pure function of tokens and spans, tested on its own (`ExtractStageTests`).
extension EntityRecognizer {
    /// An organisation, place or person named in full once is the same wherever its words recur in the article,
    /// whatever the tagger made of that sentence ("LibriVox" tagged in one of nine sentences; "the Andy Warhol
    /// exhibit"): the tagger sees one sentence at a time, the article is better evidence. Only capitalised runs
    /// that match a whole mention, not inside a longer run of capitals.
    static func repeatedNames(of mentions: [Mention], tokens: [Token], taken: Set<Int>) -> [Mention] {
        var names: [String: [(words: [String], mention: Mention)]] = [:]
        var seen = Set<String>()
        for mention in mentions where mention.type == .org || mention.type == .loc || (mention.type == .person && mention.text.utf8.contains(UInt8(ascii: " "))) {
            guard seen.insert(mention.text).inserted, var index = tokens.index(startingAt: mention.start) else { continue }
            var words: [String] = []
            while index < tokens.count, tokens[index].end <= mention.end { words.append(tokens[index].text); index += 1 }
            guard let first = words.first else { continue }
            names[first, default: []].append((words, mention))
        }
        var found: [Mention] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.isCapitalized, !taken.contains(token.start), let candidates = names[token.text] else { index += 1; continue }
            let match = candidates.filter { candidate in
                index + candidate.words.count <= tokens.count
                    && zip(candidate.words, tokens[index..<(index + candidate.words.count)]).allSatisfy { $0 == $1.text && !taken.contains($1.start) }
                    && (index + candidate.words.count == tokens.count || !tokens[index + candidate.words.count].isCapitalized)
                    && (index == 0 || !tokens[index - 1].isCapitalized || !tokens[index - 1].isWord || Gazetteer.stopCapitals.contains(tokens[index - 1].text))
            }.max { $0.words.count < $1.words.count }
            guard let match else { index += 1; continue }
            let last = tokens[index + match.words.count - 1]
            found.append(Mention(text: match.mention.text, start: token.start, end: last.end, type: match.mention.type, entity: match.mention.entity))
            index += match.words.count
        }
        return found
    }

    /// "WASHINGTON —", "KYIV, Ukraine (AP) —": capitals opening a paragraph before a dash or a bracket name
    /// the place the story was filed from, whatever the tagger made of them.
    static func isDateline(_ range: Range<Int>, tokens: [Token], text scalars: [Unicode.Scalar]) -> Bool {
        let first = tokens[range.lowerBound]
        guard first.start == 0 || scalars[first.start - 1] == "\n", range.upperBound < tokens.count,
              ["—", "–", "(", ","].contains(tokens[range.upperBound].text) else { return false }
        return tokens[range].allSatisfy { !$0.isWord || ($0.text.count > 1 && $0.text == $0.text.uppercased()) }
    }

    /// Longest name a person span is completed to, in words.
    static let maxNameWords = 4

    /// "Chancellor Angela Merkel of Germany" tagged as "Angela" alone: a person's name runs on through the
    /// capitalised words right after it (one space apart, tagged as nothing else), which a first name alone
    /// never leaves behind. Not through sentence openers, titles, headline verbs or the last words of bodies and places.
    static func completedNames(_ spans: [(range: Range<Int>, type: EntityType)], tokens: [Token], text scalars: [Unicode.Scalar])
        -> [(range: Range<Int>, type: EntityType)] {
        spans.enumerated().map { position, span in
            guard span.type == .person else { return span }
            let limit = min(position + 1 < spans.count ? spans[position + 1].range.lowerBound : tokens.count, span.range.lowerBound + Self.maxNameWords)
            var end = span.range.upperBound
            while end < limit, tokens[end].isCapitalized, tokens[end].isWord,
                  tokens[end].start == tokens[end - 1].end + 1, scalars[tokens[end - 1].end] == " ",
                  !Gazetteer.stopCapitals.contains(tokens[end].text), !Gazetteer.roleWords.contains(tokens[end].text.lowercased()),
                  !Self.headlineVerbs.contains(tokens[end].text), !Gazetteer.organizationSuffixes.contains(tokens[end].text),
                  !Gazetteer.placeSuffixes.contains(tokens[end].text) { end += 1 }
            return (span.range.lowerBound..<end, span.type)
        }
    }

    /// Titles that stand between a place or body and the person holding them.
    static let personTitles: Set<String> = [
        "Sheriff", "Recorder", "Clerk", "Treasurer", "Auditor", "Mayor", "Governor", "Senator", "President", "Chairman",
        "Chairwoman", "Director", "Commissioner", "Spokesman", "Spokeswoman", "Secretary", "Minister", "Ambassador", "Judge",
        "Attorney", "Leader", "Chief", "Coach", "Editor", "Professor", "Advocate", "Administrator", "Superintendent",
        "Comptroller", "Prosecutor", "Counsel", "Justice", "Representative", "Captain", "Inspector", "Manager",
    ]

    /// "Clark County Sheriff Joe Lombardo" tagged as one place: the place, then the person the title names. A body
    /// before the title stays only when it is one by its last word ("Senate Majority Leader …" leaves no "Senate Majority").
    static func splitAtTitle(_ span: (range: Range<Int>, type: EntityType), tokens: [Token]) -> [(range: Range<Int>, type: EntityType)] {
        guard span.type == .loc || span.type == .org,
              let title = span.range.dropFirst().first(where: { personTitles.contains(tokens[$0].text) }),
              title + 1 < span.range.upperBound, tokens[(title + 1)..<span.range.upperBound].allSatisfy({ $0.isCapitalized && $0.isWord }) else { return [span] }
        let person = ((title + 1)..<span.range.upperBound, EntityType.person)
        let keepsHead = span.type == .loc || Gazetteer.organizationSuffixes.contains(tokens[title - 1].text)
        return keepsHead ? [(span.range.lowerBound..<title, span.type), person] : [person]
    }

    /// "Motion Picture Association of" + "America": a name the tagger cut at "of" continues through the
    /// capitalised words after it (taking in a span that starts there); without any, the dangling "of" goes.
    static func joinedAcrossOf(_ spans: [(range: Range<Int>, type: EntityType)], tokens: [Token]) -> [(range: Range<Int>, type: EntityType)] {
        var out: [(range: Range<Int>, type: EntityType)] = []
        var index = 0
        while index < spans.count {
            var span = spans[index]
            index += 1
            guard span.type != .date, tokens[span.range.upperBound - 1].text == "of" else { out.append(span); continue }
            var end = span.range.upperBound
            while end < tokens.count, end - span.range.upperBound < 4, tokens[end].isCapitalized, tokens[end].isWord { end += 1 }
            while index < spans.count, spans[index].range.lowerBound < end {
                end = max(end, spans[index].range.upperBound)
                index += 1
            }
            span.range = span.range.lowerBound..<(end > span.range.upperBound ? end : span.range.upperBound - 1)
            if !span.range.isEmpty { out.append(span) }
        }
        return out
    }

    /// Entity spans (token ranges) in a BIO tag sequence.
    static func spans(of tags: [EntityTagger.Tag]) -> [(range: Range<Int>, type: EntityType)] {
        var out: [(range: Range<Int>, type: EntityType)] = []
        var index = 0
        while index < tags.count {
            guard !tags[index].isInside, let type = tags[index].entityType.flatMap(EntityType.init(rawValue:)) else { index += 1; continue }
            var end = index + 1
            while end < tags.count && tags[end].isInside { end += 1 }
            out.append((index..<end, type))
            index = end
        }
        return out
    }
}
