import Foundation

/// The registrable domain of a host (`news.example.co.uk` → `example.co.uk`): the public suffix under which
/// anyone may register a name, plus one label. Two hosts share it only when one owner controls both, which is
/// what makes a page's `<link rel="canonical">` to the other trustworthy (`RegistrableDomainTests`).
///
/// The rules are the Public Suffix List as Debian's `publicsuffix` package installs it; without the file,
/// the last two labels (three under a two-letter country code with a generic second level, `co.uk`) stand in.
///
/// ```swift
/// RegistrableDomain.of("www.bbc.co.uk")   // "bbc.co.uk"
/// ```
public enum RegistrableDomain {
    static let listPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    /// The rules: plain suffixes, `*.` wildcards and `!` exceptions, by their text without the marks.
    struct Rules: Sendable {
        var plain: Set<String> = []
        var wildcard: Set<String> = []
        var exception: Set<String> = []
    }

    static let rules: Rules? = {
        guard let text = try? String(contentsOfFile: listPath, encoding: .utf8) else { return nil }
        var rules = Rules()
        for line in text.split(whereSeparator: \.isNewline) {
            let rule = line.split(separator: " ").first.map(String.init) ?? ""
            if rule.isEmpty || rule.hasPrefix("//") { continue }
            if rule.hasPrefix("!") { rules.exception.insert(String(rule.dropFirst())) }
            else if rule.hasPrefix("*.") { rules.wildcard.insert(String(rule.dropFirst(2))) }
            else { rules.plain.insert(rule) }
        }
        return rules
    }()

    /// The registrable domain of `host`, lowercased; nil for an address, a bare suffix or an empty host.
    public static func of(_ host: String) -> String? {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard !host.isEmpty, !host.contains(":"), host.contains(where: \.isLetter) else { return nil }
        let labels = host.split(separator: ".").map(String.init)
        let suffixLength = rules.map { publicSuffixLength(labels, $0) } ?? fallbackSuffixLength(labels)
        guard labels.count > suffixLength else { return nil }
        return labels.suffix(suffixLength + 1).joined(separator: ".")
    }

    /// Labels in the longest matching rule (the list's algorithm: an exception wins and drops its first label;
    /// an unlisted top-level domain counts as one label).
    static func publicSuffixLength(_ labels: [String], _ rules: Rules) -> Int {
        var longest = 1
        for start in 0..<labels.count {
            let candidate = labels[start...].joined(separator: ".")
            let length = labels.count - start
            if rules.exception.contains(candidate) { return length - 1 }
            if rules.plain.contains(candidate) { longest = max(longest, length) }
            if start > 0, rules.wildcard.contains(candidate) { longest = max(longest, length + 1) }
        }
        return longest
    }

    static func fallbackSuffixLength(_ labels: [String]) -> Int {
        let generic: Set<String> = ["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"]
        guard labels.count >= 3, labels[labels.count - 1].count == 2, generic.contains(labels[labels.count - 2]) else { return 1 }
        return 2
    }

    /// Whether `a` and `b` (URLs) are on one registrable domain.
    public static func same(_ a: URL, _ b: URL) -> Bool {
        guard let first = a.host.flatMap(of), let second = b.host.flatMap(of) else {
            // Addresses and single-label hosts: only the very same host is the same owner.
            return a.host?.lowercased() == b.host?.lowercased() && a.host != nil
        }
        return first == second
    }
}
