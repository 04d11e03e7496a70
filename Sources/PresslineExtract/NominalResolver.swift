import PresslineCore

/// Resolves role nominals to people: "the secretary general" → Mark Rutte, "Ukraine's president" →
/// Volodymyr Zelensky, when exactly one person named in the article holds that title.
///
/// A qualified nominal ("Ukraine's president") excludes people whose role names another
/// qualifier ("U.S. President"), so two presidents in one article do not collide.
struct NominalResolver {
    /// Words that may end a role nominal: the head noun of a title.
    static let heads: Set<String> = [
        "president", "general", "minister", "chancellor", "senator", "governor", "mayor", "chief", "secretary",
        "director", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
        "commissioner", "leader", "commander", "ceo", "premier", "king", "queen", "pope",
    ]

    struct Nominal {
        let mention: Mention
        /// The qualified form, e.g. "Ukraine's president", for the person's roles.
        let role: String?
    }

    func resolve(_ tokens: [Token], scalars: [Unicode.Scalar], mentions: [Mention], roles: [String: [String]]) -> [Nominal] {
        let people = Dictionary(grouping: mentions.filter { $0.type == .person }, by: \.entity).mapValues(\.count)
        var qualifierEndingAt: [Int: Mention] = [:]
        for mention in mentions where mention.type == .loc || mention.type == .org { qualifierEndingAt[mention.end] = mention }
        var out: [Nominal] = []
        var index = 0
        while index < tokens.count {
            // "the" or "PLACE's", then lowercase role words ending in a head noun.
            var qualifier: Mention?
            var start = index
            if case let word = tokens[index].text, word.utf8.count == 3, word == "the" || word == "The" || word == "THE" {
                start = index + 1
            } else if case let word = tokens[index].text, word.utf8.count == 2 || word.utf8.count == 4, word == "'s" || word == "’s", index > 0,
                      let owner = qualifierEndingAt[tokens[index - 1].end] {
                qualifier = owner
                start = index + 1
            } else {
                index += 1
                continue
            }
            var end = start
            while end < tokens.count, end - start < 4, tokens[end].isWord, !tokens[end].isCapitalized || index == 0 || tokens[index].text == "The",
                  Gazetteer.roleWords.contains(tokens[end].text.lowercased()) {
                end += 1
            }
            guard end > start, Self.heads.contains(tokens[end - 1].text.lowercased()) else { index += 1; continue }
            let title = tokens[start..<end].map { $0.text.lowercased() }.joined(separator: " ")
            let holders = people.keys.filter { name in
                let held = roles[name] ?? []
                guard held.contains(where: { $0.lowercased() == title }) else { return false }
                guard let qualifier else { return true }
                // Someone whose role is qualified by another place or organisation is not this one.
                return !held.contains { $0.lowercased().hasSuffix(title) && $0.lowercased() != title && !$0.hasPrefix(qualifier.text) }
            }
            let spanStart = qualifier?.start ?? tokens[index].start
            if holders.count == 1 || (qualifier == nil && holders.count > 1 && Set(holders.map { people[$0]! }).count == holders.count) {
                let person = holders.max { people[$0]! < people[$1]! }!
                let text = String(scalars: scalars[spanStart..<tokens[end - 1].end])
                out.append(Nominal(mention: Mention(text: text, start: spanStart, end: tokens[end - 1].end, type: .person, entity: person),
                                   role: qualifier.map { _ in text }))
            }
            index = end
        }
        return out
    }
}
