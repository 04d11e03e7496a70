import Foundation

/// Cleans author lists: no "By", no e-mails, dates, credentials or job titles, no publisher;
/// split on commas, "and" and "&" where both sides are names.
enum AuthorNames {
    /// Lead-ins that are not part of a name.
    static let prefixes = ["written by: ", "written by ", "posted by ", "words by ", "story by ", "reviewed by ", "by: ", "by ", "author: ", "authors: ", "author "]
    /// Words that make a byline part a job title, not a name.
    static let titleWords: Set<String> = [
        "director", "manager", "editor", "writer", "contributor", "officer", "founder", "ceo", "president", "reporter",
        "correspondent", "columnist", "staff writer", "head", "lead", "senior", "sr.", "associate", "assistant",
        "specialist", "consultant", "analyst", "engineer", "photographer", "updated", "published", "min", "read",
        "coordinator", "expert", "architect", "co-founder", "cofounder",
    ]
    /// Words that make a byline an organisation's: kept only when no person is credited.
    static let organizationWords: Set<String> = [
        "newsroom", "team", "staff", "editors", "editorial", "media", "news", "inc", "inc.", "llc", "pllc", "ltd", "ltd.",
        "group", "press", "agency", "desk", "magazine", "journal",
    ]
    /// Link and heading texts that sit where bylines do but name no one.
    static let notNames = ["directory", "listing", "meet our", "view full profile", "view profile", "our team", "all posts", "home",
                           "your name", "your email", "add a comment", "leave a reply", "written by", "posted by", "reviewed by"]
    /// English month names, which a piece beside a date may be ("December 17"). Other languages' are left
    /// out: "Mai", "Mayo" and "Marzo" are surnames as well.
    static let englishMonths = LanguageWords.months["en", default: [:]]
    /// A name has at most this many words.
    static let maxWords = 6

    static func clean(_ raw: [String], site: String?) -> [String] {
        var out: [String] = []
        for entry in raw {
            var text = TextNormalizer.collapseSpaces(HTMLEntities.decode(entry))
            for prefix in prefixes where text.lowercased().hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
            for part in splitNames(text) {
                let name = part.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:|-–—·"))
                guard isName(name, site: site), !out.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else { continue }
                out.append(name)
            }
        }
        // Organisations, and the site named like a person, are authors only when no one else is named ("Jane Doe"
        // and "The Texas Newsroom" → Jane Doe).
        let people = out.filter { name in !isOrganization(name) && site.map { name.caseInsensitiveCompare($0) != .orderedSame } ?? true }
        return people.isEmpty ? out : people
    }

    static func isOrganization(_ name: String) -> Bool {
        name.lowercased().split(separator: " ").contains { organizationWords.contains(String($0)) }
    }

    /// "and" in the languages of ``LanguageWords``: "Anna Schmidt und Jan Weber", "Marie Dubois et Paul Martin".
    static let conjunctions = [" and ", " & ", " AND ", " und ", " et ", " y ", " e ", " en ", " i ", " oraz "]

    /// Splits "A, B and C" into names, dropping credentials ("Jane Doe, MD") and titles ("…, Sr. Director").
    private static func splitNames(_ text: String) -> [String] {
        let pieces = text.components(separatedBy: CharacterSet(charactersIn: ",;|"))
        var out: [String] = []
        for piece in pieces {
            var trimmed = piece.trimmingCharacters(in: .whitespaces)
            // "A, B, and C": the last piece begins with the conjunction (the serial comma).
            if let leading = conjunctions.first(where: { trimmed.hasPrefix($0.dropFirst()) }) { trimmed = String(trimmed.dropFirst(leading.count - 1)) }
            let joined = conjunctions.reduce([trimmed]) { parts, separator in parts.flatMap { $0.components(separatedBy: separator) } }
            // Split on "and" only when every side is short enough to be a name ("Center for Drug Evaluation and Research" is one).
            if joined.count > 1, joined.allSatisfy({ isCapitalizedName($0) }) { out += joined } else { out.append(trimmed) }
        }
        return out
    }

    /// "Julian K. Arni", "Bence Kovács": two to four capitalised words of letters, initials or hyphens,
    /// none a title, a month or a reading time.
    static func looksLikePersonName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (2...4).contains(words.count), !isOrganization(text) else { return false }
        return words.allSatisfy { word in
            word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
                && !titleWords.contains(word.lowercased()) && englishMonths[word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))] == nil
        }
    }

    private static func isCapitalizedName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...4).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true }
    }

    private static func isName(_ name: String, site: String?) -> Bool {
        let words = name.split(separator: " ")
        guard name.count >= 3, name.count <= 60, words.count <= maxWords, !name.contains("@"), !name.contains("http"),
              name.rangeOfCharacter(from: .decimalDigits) == nil, !name.contains("®") else { return false }
        // The site is no author ("Help Net Security"), unless it may be a person's own: "Sam Bossley" on his blog.
        if let site, name.caseInsensitiveCompare(site) == .orderedSame, !looksLikePersonName(name) { return false }
        // Credentials: "MD", "CFP", "PhD".
        if words.count == 1 && name.count <= 5 && name == name.uppercased() { return false }
        if name.lowercased().split(separator: " ").contains(where: { titleWords.contains(String($0)) }) { return false }
        let lower = name.lowercased()
        if notNames.contains(where: { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasSuffix(" " + $0) }) { return false }
        // A slug ("brandon-peaktwo") is an account name, not a byline.
        if words.count == 1 && (name.contains("-") || name == name.lowercased()) { return false }
        return name.first?.isLetter == true
    }
}
