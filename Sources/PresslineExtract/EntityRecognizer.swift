import PresslineCore

/// Finds PERSON, ORG and LOC mentions from capitalisation, gazetteers and name resolution.
///
/// A first, rule-based recogniser: capitalised runs are split into gazetteer
/// organisations and places, role words, and name chunks; two-word chunks are
/// people, and single words resolve to a person already named in full.
struct EntityRecognizer {
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
            classifyRun(tokens[index..<end], into: &mentions, singles: &singles, scalars: scalars)
            index = end
        }
        // Single words: a surname or first name of someone named in full, or an honorific's object.
        let names = NameTable(mentions.filter { $0.type == .person }.map(\.entity))
        for (token, afterHonorific) in singles {
            let word = token.text
            if let full = names.fullName(for: word) {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .person, entity: full))
            } else if afterHonorific {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .person, entity: word))
            } else if word.count >= 2, word.count <= 6, word.allSatisfy({ $0.isUppercase }) {
                mentions.append(Mention(text: word, start: token.start, end: token.end, type: .org, entity: word))
            }
        }
        mentions.sort { $0.start < $1.start }
        var roles: [String: [String]] = [:]
        var tokenAt: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() { tokenAt[token.start] = index }
        for mention in mentions where mention.type == .person {
            guard let nameIndex = tokenAt[mention.start], let role = rolePhrase(before: nameIndex, tokens: tokens) else { continue }
            for variant in role where !(roles[mention.entity] ?? []).contains(variant) { roles[mention.entity, default: []].append(variant) }
        }
        return Found(mentions: mentions, roles: roles)
    }

    private func classifyRun(_ run: ArraySlice<Token>, into mentions: inout [Mention], singles: inout [(Token, Bool)], scalars: [Unicode.Scalar]) {
        var position = run.startIndex
        var chunk: [Token] = []
        var honorificBefore = false
        func flush() {
            defer { chunk.removeAll() }
            guard !chunk.isEmpty else { return }
            if chunk.count == 1 { singles.append((chunk[0], honorificBefore)); return }
            let text = String(String.UnicodeScalarView(scalars[chunk.first!.start..<chunk.last!.end]))
            let type: EntityType = Gazetteer.organizationSuffixes.contains(chunk.last!.text) ? .org : .person
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
            if Gazetteer.stopCapitals.contains(token.text) || Gazetteer.roleWords.contains(token.text.lowercased()) || token.text == "of" {
                flush()
                honorificBefore = Gazetteer.honorifics.contains(token.text)
            } else {
                chunk.append(token)
                if chunk.count == 3 { flush(); honorificBefore = false }
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
        return full == title || title.isEmpty ? [full] : [full, title]
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
