import PresslineCore

/// Finds PERSON, ORG and LOC mentions from capitalisation, gazetteers and name resolution.
///
/// A first, rule-based recogniser: capitalised runs are split into gazetteer
/// organisations and places, role words, and name chunks; two-word chunks are
/// people, and single words resolve to a person already named in full.
struct EntityRecognizer {
    /// Words after which a capitalised name is a place ("near Port Haven").
    static let locativePrepositions: Set<String> = ["in", "near", "across", "outside", "inside", "around", "throughout"]

    /// One name, one type: a name found as a place or organisation anywhere is not a person elsewhere.
    static func consistentTypes(_ mentions: [Mention]) -> [Mention] {
        // Places outrank organisations ("Port Haven Mayor" qualifies a title; "near Port Haven" says what it is).
        var nonPerson: [String: EntityType] = [:]
        for mention in mentions where mention.type == .loc || mention.type == .org {
            if nonPerson[mention.entity] != .loc { nonPerson[mention.entity] = mention.type }
        }
        return mentions.map { mention in
            guard mention.type != .date, let type = nonPerson[mention.entity], type != mention.type else { return mention }
            return Mention(text: mention.text, start: mention.start, end: mention.end, type: type, entity: mention.entity)
        }
    }

    /// Whether the word after `token` is a speech verb ("Clinton said").
    private func speaksNext(_ token: Token, tokens: [Token], tokenAt: [Int: Int]) -> Bool {
        guard let index = tokenAt[token.start], index + 1 < tokens.count, token.text.count > 2,
              token.text != token.text.uppercased(), !Gazetteer.organizationSuffixes.contains(token.text) else { return false }
        return Gazetteer.speechVerbs.contains(tokens[index + 1].text)
    }

    /// Longest gazetteer entry, in tokens.
    static let maxGazetteerTokens = 4

    struct Found {
        var mentions: [Mention]
        /// Role phrases per canonical person name, in order of appearance.
        var roles: [String: [String]]
    }

    func recognize(_ tokens: [Token], text scalars: [Unicode.Scalar]) -> Found {
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
        var tokenIndex: [Int: Int] = [:]
        for (position, token) in tokens.enumerated() { tokenIndex[token.start] = position }
        // Single words: a surname or first name of someone named in full, an honorific's object, or a speech verb's subject.
        let names = NameTable(mentions.filter { $0.type == .person }.map(\.entity))
        for (token, afterHonorific) in singles {
            let word = token.text
            if let full = names.fullName(for: word) {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .person, entity: full))
            } else if afterHonorific || speaksNext(token, tokens: tokens, tokenAt: tokenIndex) {
                // "Clinton said": a lone capitalised word that is a speech verb's subject names a person.
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .person, entity: word))
            } else if word.count >= 2, word.count <= 6, word.allSatisfy({ $0.isUppercase }) {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .org, entity: word))
            }
        }
        mentions = Self.consistentTypes(mentions)
        mentions.sort { $0.start < $1.start }
        var roles: [String: [String]] = [:]
        for mention in mentions where mention.type == .person {
            guard let nameIndex = tokenIndex[mention.start], let role = rolePhrase(before: nameIndex, tokens: tokens) else { continue }
            for variant in role where !(roles[mention.entity] ?? []).contains(variant) { roles[mention.entity, default: []].append(variant) }
        }
        return Found(mentions: mentions, roles: roles)
    }

    private func classifyRun(_ run: ArraySlice<Token>, locative: Bool, into mentions: inout [Mention], singles: inout [(Token, Bool)], scalars: [Unicode.Scalar]) {
        var position = run.startIndex
        var chunk: [Token] = []
        var honorificBefore = false
        func flush() {
            defer { chunk.removeAll() }
            guard !chunk.isEmpty else { return }
            while chunk.last?.text == "of" { chunk.removeLast() }
            guard !chunk.isEmpty else { return }
            if chunk.count == 1 { singles.append((chunk[0], honorificBefore)); return }
            let text = String(String.UnicodeScalarView(scalars[chunk.first!.start..<chunk.last!.end]))
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
                let text = String(String.UnicodeScalarView(scalars[first.start..<last.end]))
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
            if Gazetteer.stopCapitals.contains(token.text) || Gazetteer.roleWords.contains(token.text.lowercased()) || token.text == "of" {
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
        for token in tokens.prefix(Self.maxGazetteerTokens) {
            words.append(token.text)
            let phrase = words.joined(separator: " ")
            if Gazetteer.organizations.contains(phrase) { best = (words.count, .org) } else if Gazetteer.places.contains(phrase) { best = (words.count, .loc) }
        }
        return best
    }

    /// "Fox News' Bret Baier" → "Fox News": a possessive organisation right before a name is an affiliation.
    private func affiliation(before nameIndex: Int, tokens: [Token]) -> String? {
        guard nameIndex >= 2, ["'", "’", "'s", "’s"].contains(tokens[nameIndex - 1].text) else { return nil }
        var start = nameIndex - 2
        var words: [String] = []
        while start >= 0, tokens[start].isCapitalized, tokens[start].isWord, words.count < Self.maxGazetteerTokens {
            words.insert(tokens[start].text, at: 0)
            if Gazetteer.organizations.contains(words.joined(separator: " ")) { return words.joined(separator: " ") }
            start -= 1
        }
        return nil
    }

    /// "NATO Secretary General Mark Rutte" → ["NATO Secretary General", "Secretary General"]: the title words
    /// right before a name, with and without the organisation or country that qualifies them.
    private func rolePhrase(before nameIndex: Int, tokens: [Token]) -> [String]? {
        var start = nameIndex
        while start > 0, nameIndex - start < 8 {
            let token = tokens[start - 1]
            let lower = token.text.lowercased()
            let isQualifier = token.isCapitalized && token.isWord && !Gazetteer.stopCapitals.contains(token.text)
            if Gazetteer.roleWords.contains(lower) || isQualifier { start -= 1 } else { break }
        }
        if start == nameIndex, let affiliation = affiliation(before: nameIndex, tokens: tokens) { return [affiliation] }
        let words = tokens[start..<nameIndex].map(\.text)
        guard words.contains(where: { Gazetteer.roleWords.contains($0.lowercased()) && $0 != "of" }) else { return nil }
        var phrase = words
        while let first = phrase.first, first == "of" { phrase.removeFirst() }
        let full = phrase.joined(separator: " ")
        let bare = phrase.drop { !Gazetteer.roleWords.contains($0.lowercased()) }.joined(separator: " ")
        let title = bare.prefix(1).uppercased() + bare.dropFirst()
        return full.lowercased() == title.lowercased() || title.isEmpty ? [full] : [full, title]
    }
}

/// Full names by their last and first words, first named first, for resolving "Rutte" to "Mark Rutte".
struct NameTable {
    private var bySurname: [String: String] = [:]
    private var byFirstName: [String: String] = [:]

    init(_ names: [String]) {
        for name in names {
            let words = name.split(separator: " ").map(String.init)
            if let last = words.last, bySurname[last] == nil { bySurname[last] = name }
            if let first = words.first, byFirstName[first] == nil { byFirstName[first] = name }
        }
    }

    /// The person whose last (else first) name is `word`.
    func fullName(for word: String) -> String? { bySurname[word] ?? byFirstName[word] }
}
