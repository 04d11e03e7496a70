import Foundation

/// Picks the headline. The visible `<h1>` is what readers see as the title and what
/// `og:title` and `<title>` often pad with a site name or an SEO variant; it wins when another
/// source agrees with it, which keeps a site logo in an `<h1>` from becoming the title.
enum TitleChoice {
    /// Share of the h1's words another source must contain to confirm it.
    static let minAgreement = 0.5
    /// Share of words both ways for a cased source to stand in for an h1 set in capitals.
    static let minCaseAgreement = 0.8
    /// An h1 outside these lengths (characters) is a logo or a paragraph, not a headline.
    static let headingLength = 8...300

    static func choose(headline: String?, heading: String?, pageTitle: String?, site: String?) -> String? {
        let others = [headline, pageTitle].compactMap { $0 }.filter { !$0.isEmpty }
        if let raw = heading, headingLength.contains(raw.count), raw != site, !others.contains(where: { namesSite(raw, in: $0) }),
           others.isEmpty || others.contains(where: { agreement(of: raw, with: $0) >= minAgreement }) {
            let heading = stripKnownSite(raw, site: site)
            if let fuller = fullerHeadline(heading, others: others, site: site) { return fuller }
            // An h1 set in capitals is styling; a source with (nearly) the same words in their own case reads better.
            if heading == heading.uppercased(), heading != heading.lowercased(),
               let cased = others.map({ stripSiteSuffix($0, site: site) }).first(where: {
                   $0.uppercased() == heading || agreement(of: heading, with: $0) >= minCaseAgreement && agreement(of: $0, with: heading) >= minCaseAgreement
               }) {
                return cased
            }
            return heading
        }
        if let headline, !headline.isEmpty, headline != site {
            let chosen = stripSiteSuffix(headline, site: site)
            // SEO plugins cut a long JSON-LD headline short (Yoast at 110 characters): the title finishes it.
            if let pageTitle, case let full = stripSiteSuffix(pageTitle, site: site), full.count > chosen.count, full.hasPrefix(chosen),
               !full.dropFirst(chosen.count).trimmingCharacters(in: .whitespaces).hasPrefix(where: { "|–—-:·".contains($0) }) { return full }
            return chosen
        }
        if let pageTitle, !pageTitle.isEmpty { return stripSiteSuffix(pageTitle, site: site) }
        return heading
    }

    /// Words another source may add around the h1 and still show the same headline.
    static let maxAddedWords = 3

    /// "8 Recent Trends in Photography" where the h1 reads "Recent Trends in Photography": page designs drop
    /// a listicle's count or a year from the h1 that `<title>` and `og:title` both keep. Taken only when
    /// every other source agrees on it and the added words carry no separator (which would mean a site name).
    static func fullerHeadline(_ heading: String, others: [String], site: String?) -> String? {
        let stripped = Set(others.map { stripSiteSuffix($0, site: site) })
        guard others.count >= 2, stripped.count == 1, let candidate = stripped.first, candidate != heading,
              let range = candidate.range(of: heading) else { return nil }
        let added = candidate[..<range.lowerBound] + " " + candidate[range.upperBound...]
        let words = added.split(separator: " ")
        guard !words.isEmpty, words.count <= maxAddedWords, !added.contains(where: { "|–—:·-".contains($0) }) else { return nil }
        return candidate
    }

    /// Whether `heading` is the site part of `title` ("Headline | Playful Tones" for an `<h1>` logo reading
    /// "Playful Tones"): pages without `og:site_name` still name themselves there. A long h1 is a headline
    /// wherever it sits ("HealthFocus SA - 6 Steps You Can Take…").
    static func namesSite(_ heading: String, in title: String) -> Bool {
        heading.split(separator: " ").count <= maxSiteNameWords
            && siteSeparators.contains { title.hasSuffix($0 + heading) || title.hasPrefix(heading + $0) }
    }

    static let maxSiteNameWords = 4

    static let siteSeparators = [" | ", " – ", " — ", " - ", " :: ", " · "]

    /// Share of `text`'s words found in `other`, case-insensitive.
    static func agreement(of text: String, with other: String) -> Double {
        let words = words(text), otherWords = Set(self.words(other))
        guard !words.isEmpty else { return 0 }
        return Double(words.filter(otherWords.contains).count) / Double(words.count)
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Drops a trailing " – Site" only when it names the known site: an h1 rarely carries one, and then only that.
    static func stripKnownSite(_ title: String, site: String?) -> String {
        guard let site, !site.isEmpty else { return title }
        for separator in siteSeparators where title.hasSuffix(separator + site) {
            return String(title.dropLast(separator.count + site.count))
        }
        return title
    }

    /// "Headline | Site", "Headline - Site", "Site: Headline" → "Headline".
    static func stripSiteSuffix(_ title: String, site: String?) -> String {
        for separator in siteSeparators where mayContain(title, separator) {
            let parts = title.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            if let site, let index = parts.firstIndex(where: { $0.caseInsensitiveCompare(site) == .orderedSame }) {
                var rest = parts
                rest.remove(at: index)
                return rest.joined(separator: separator)
            }
            // Without a known site name, the longest part is the headline.
            return parts.max { $0.count < $1.count }!
        }
        return title
    }

    /// Whether Foundation's `components(separatedBy:)` could find `separator` in `title`, told from the bytes
    /// before it is asked (each ask bridges the title to NSString). Its search
    /// treats canonically equivalent text as equal: for these separators only the Greek ano teleia (U+0387)
    /// is another way to write one of them (the middle dot).
    private static func mayContain(_ title: String, _ separator: String) -> Bool {
        // No separator holds a letter, so the caseless byte search is an exact one here.
        var title = title
        return title.withUTF8 { bytes in
            bytes.firstIndex(ofLowercased: separator, from: 0) != nil
                || (separator.unicodeScalars.contains("\u{00B7}") && bytes.firstIndex(ofLowercased: "\u{0387}", from: 0) != nil)
        }
    }
}

/// Decodes the HTML entities that structured data and attributes still carry (`&#038;`, `&amp;`, `&rsquo;`).
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘",
        "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…", "eacute": "é", "copy": "©",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = named[name]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}

extension StringProtocol {
    /// Whether the first character satisfies `predicate`.
    func hasPrefix(where predicate: (Character) -> Bool) -> Bool { first.map(predicate) ?? false }
}
