import PresslineCore

/// The capitalisation rules Pressline started with, kept as *hints* for the statistical tagger:
/// capitalised runs split into gazetteer organisations and places, title words and name chunks;
/// two-word chunks are people, a lone word is a person when a full name or a speech verb says so,
/// and short all-capital words are organisations. The tagger learns when to trust each hint
/// (stacking), which carries the newswire knowledge in these rules past the web-text training data.
struct CapitalizationHints {
    /// Words after which a capitalised name is a place ("near Port Haven").
    static let locativePrepositions: Set<String> = ["in", "near", "across", "outside", "inside", "around", "throughout"]

    /// Whether the word after `token` is a speech verb ("Clinton said").
    private func speaksNext(_ token: Token, tokens: [Token]) -> Bool {
        guard let index = tokens.index(startingAt: token.start), index + 1 < tokens.count, token.text.count > 2,
              token.text != token.text.uppercased(), !Gazetteer.organizationSuffixes.contains(token.text) else { return false }
        return Gazetteer.speechVerbs.contains(tokens[index + 1].text)
    }

    /// One hint per token: the BIO tag these rules would give it.
    func hints(_ tokens: [Token], text scalars: [Unicode.Scalar]) -> [EntityTagger.Tag] {
        var tags = [EntityTagger.Tag](repeating: .outside, count: tokens.count)
        var position = 0
        for mention in mentions(tokens, text: scalars) {
            while position < tokens.count && tokens[position].start < mention.start { position += 1 }
            var index = position
            while index < tokens.count && tokens[index].start < mention.end {
                tags[index] = EntityTagger.Tag.of(type: mention.type, inside: index != position)
                index += 1
            }
        }
        return tags
    }

    private func mentions(_ tokens: [Token], text scalars: [Unicode.Scalar]) -> [Mention] {
        var mentions: [Mention] = []
        var singles: [(Token, Bool)] = []  // single capitalised words, and whether an honorific precedes
        var index = 0
        while index < tokens.count {
            guard tokens[index].isCapitalized, tokens[index].isWord else { index += 1; continue }
            var end = index
            while end < tokens.count, tokens[end].isWord, tokens[end].isCapitalized || (tokens[end].text == "of" && end + 1 < tokens.count && tokens[end + 1].isCapitalized) {
                end += 1
                // A name never runs across a line break.
                if end < tokens.count, scalars[tokens[end - 1].end..<tokens[end].start].contains("\n") { break }
            }
            let locative = index > 0 && Self.locativePrepositions.contains(tokens[index - 1].text)
            classifyRun(tokens[index..<end], locative: locative, into: &mentions, singles: &singles, scalars: scalars)
            index = end
        }
        // Single words: a surname or first name of someone named in full, an honorific's object, or a speech verb's subject.
        let names = NameTable(mentions.filter { $0.type == .person }.map(\.entity))
        for (token, afterHonorific) in singles {
            let word = token.text
            if let full = names.fullName(for: word) {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .person, entity: full))
            } else if afterHonorific || speaksNext(token, tokens: tokens) {
                // "Clinton said": a lone capitalised word that is a speech verb's subject names a person.
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .person, entity: word))
            } else if word.count >= 2, word.count <= 6, word.allSatisfy({ $0.isUppercase }) {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .org, entity: word))
            }
        }
        return EntityRecognizer.consistentTypes(mentions).sorted { $0.start < $1.start }
    }

    private func classifyRun(_ run: ArraySlice<Token>, locative: Bool, into mentions: inout [Mention], singles: inout [(Token, Bool)], scalars: [Unicode.Scalar]) {
        var position = run.startIndex
        var chunk: [Token] = []
        var honorificBefore = false
        // A run that ends in an institution's word is that institution's name whatever role words it holds
        // ("World Health Organisation", "Civil Defense Authority"): "health" and "defense" qualify a title only
        // before a person.
        let namesBody = run.count > 1 && Gazetteer.organizationSuffixes.contains(run.last!.text)
        func flush() {
            defer { chunk.removeAll() }
            guard !chunk.isEmpty else { return }
            while chunk.last?.text == "of" { chunk.removeLast() }
            guard !chunk.isEmpty else { return }
            if chunk.count == 1 { singles.append((chunk[0], honorificBefore)); return }
            let text = String(scalars: scalars[chunk.first!.start..<chunk.last!.end])
            let startsRun = chunk.first!.start == run.first!.start
            let endIndex = run.firstIndex { $0.start == chunk.last!.start }! + 1
            // A name right before a title word qualifies the title ("Port Haven Mayor …"): not a person.
            let qualifiesRole = endIndex < run.endIndex && Gazetteer.roleWords.contains(run[endIndex].text.lowercased())
            let type: EntityType
            if (startsRun && locative) || Gazetteer.placeSuffixes.contains(chunk.last!.text) { type = .loc }
            else if chunk.dropFirst().contains(where: { Gazetteer.organizationSuffixes.contains($0.text) }) || qualifiesRole { type = .org }
            // "LOS ANGELES —": names set in capitals are datelines and acronyms, not people.
            else if chunk.allSatisfy({ $0.text == $0.text.uppercased() }) { type = .loc }
            // "NCT Dream", "PTI leaders": a name led by an acronym is an organisation's.
            else if let first = chunk.first?.text, (2...5).contains(first.count), first == first.uppercased(), first.allSatisfy(\.isLetter) { type = .org }
            else { type = .person }
            mentions.append(Mention(text: text, start: chunk.first!.start, end: chunk.last!.end, type: type, entity: text))
        }
        while position < run.endIndex {
            if let (length, type) = gazetteerMatch(run[position...]) {
                flush()
                honorificBefore = false
                let first = run[position], last = run[position + length - 1]
                let text = String(scalars: scalars[first.start..<last.end])
                mentions.append(Mention(text: text, start: first.start, end: last.end, type: type, entity: text))
                position += length
                continue
            }
            let token = run[position]
            // "Chamber of Commerce", "Bank of England": "of" continues an organisation's name.
            if token.text == "of", let last = chunk.last, Gazetteer.organizationSuffixes.contains(last.text), position + 1 < run.endIndex {
                chunk.append(token)
                position += 1
                continue
            }
            if Gazetteer.stopCapitals.contains(token.text) || (!namesBody && Gazetteer.roleWords.contains(token.text.lowercased())) || token.text == "of" {
                flush()
                honorificBefore = Gazetteer.honorifics.contains(token.text)
            } else {
                chunk.append(token)
            }
            position += 1
        }
        flush()
    }

    private func gazetteerMatch(_ tokens: ArraySlice<Token>) -> (Int, EntityType)? {
        var words: [String] = []
        var best: (Int, EntityType)?
        for token in tokens.prefix(EntityRecognizer.maxGazetteerTokens) {
            words.append(token.text)
            let phrase = words.joined(separator: " ")
            if Gazetteer.organizations.contains(phrase) { best = (words.count, .org) } else if Gazetteer.places.contains(phrase) { best = (words.count, .loc) }
        }
        return best
    }

    /// "Fox News' Bret Baier" → "Fox News": a possessive organisation right before a name is an affiliation.
}
