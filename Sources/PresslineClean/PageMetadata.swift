import Foundation

/// Title, authors, date, site, language and canonical URL read from a page's markup.
struct PageMetadata {
    var title: String?
    var authors: [String] = []
    var published: String?
    var site: String?
    var language: String?
    var canonicalURL: String?
    /// JSON-LD `articleBody`, which some sites give in full.
    var articleBody: String?

    /// Reads metadata from the page under `root`. Call before the body extractor prunes the tree.
    init(root: Node) {
        let metas = root.descendants { $0.name == "meta" }
        func meta(_ keys: String...) -> String? {
            for key in keys {
                if let node = metas.first(where: { ($0.attribute("property") ?? $0.attribute("name") ?? $0.attribute("itemprop"))?.lowercased() == key }),
                   let content = node.attribute("content").map(TextNormalizer.collapseSpaces), !content.isEmpty {
                    return content
                }
            }
            return nil
        }
        let linked = LinkedData(root: root)
        site = linked.publisher ?? meta("og:site_name", "application-name")
        canonicalURL = root.descendants { $0.name == "link" && $0.attribute("rel")?.lowercased() == "canonical" }.first?.attribute("href")
            ?? meta("og:url")
        language = (root.attribute("lang") ?? meta("og:locale", "language", "content-language"))
            .map { String($0.prefix(2)).lowercased() }
        published = DateText.isoDate(linked.datePublished ?? meta("article:published_time", "datepublished", "pubdate", "publishdate",
                                                                   "date", "dc.date.issued", "sailthru.date", "parsely-pub-date")
                                     ?? root.descendants { $0.name == "time" }.first?.attribute("datetime"))
        authors = AuthorNames.clean(linked.authors.isEmpty ? (meta("author", "article:author", "dc.creator", "parsely-author").map { [$0] } ?? []) : linked.authors,
                                    site: site)
        articleBody = linked.articleBody
        let pageTitle = root.descendants { $0.name == "title" }.first.map { TextNormalizer.collapseSpaces($0.textContent) }
        let heading = root.descendants { $0.name == "h1" }.first.map { TextNormalizer.collapseSpaces($0.textContent) }
        title = TitleChoice.choose(headline: linked.headline ?? meta("og:title", "twitter:title"), heading: heading, pageTitle: pageTitle, site: site)
        if site == nil, let pageTitle, let title, pageTitle.hasPrefix(title) {
            // "Headline - Site Name": what follows the headline in <title> names the site.
            let rest = pageTitle.dropFirst(title.count).drop { " -–—|:·".contains($0) }
            if !rest.isEmpty, rest.split(separator: " ").count <= 5 { site = String(rest) }
        }
    }
}

/// The article object in a page's JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, …).
struct LinkedData {
    var headline: String?
    var authors: [String] = []
    var datePublished: String?
    var publisher: String?
    var articleBody: String?

    init(root: Node) {
        for script in root.descendants(where: { $0.name == "script" && ($0.attribute("type") ?? "").lowercased().contains("ld+json") }) {
            guard let data = script.textContent.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data) else { continue }
            if let article = Self.findArticle(in: json) {
                headline = article["headline"] as? String
                datePublished = article["datePublished"] as? String
                articleBody = article["articleBody"] as? String
                authors = Self.names(article["author"])
                publisher = Self.names(article["publisher"]).first
                return
            }
        }
    }

    private static func findArticle(in json: Any) -> [String: Any]? {
        if let list = json as? [Any] { return list.lazy.compactMap(findArticle).first }
        guard let object = json as? [String: Any] else { return nil }
        if let graph = object["@graph"], let found = findArticle(in: graph) { return found }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        return types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" } ? object : nil
    }

    private static func names(_ value: Any?) -> [String] {
        switch value {
        case let text as String: [text]
        case let object as [String: Any]: (object["name"] as? String).map { [$0] } ?? []
        case let list as [Any]: list.flatMap { names($0) }
        default: []
        }
    }
}

/// Picks the headline: structured data first, then the page's h1, then `<title>` without the site name.
enum TitleChoice {
    static func choose(headline: String?, heading: String?, pageTitle: String?, site: String?) -> String? {
        if let headline = headline.map(TextNormalizer.collapseSpaces), !headline.isEmpty, headline != site {
            return stripSiteSuffix(headline, site: site)
        }
        if let heading, heading.count >= 10 { return heading }
        guard let pageTitle, !pageTitle.isEmpty else { return heading }
        return stripSiteSuffix(pageTitle, site: site)
    }

    /// "Headline | Site", "Headline - Site", "Site: Headline" → "Headline".
    static func stripSiteSuffix(_ title: String, site: String?) -> String {
        for separator in [" | ", " – ", " — ", " - ", " :: ", " · "] {
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
}

/// Cleans author lists: no "By", no e-mails, no dates, no publisher, split on "and".
enum AuthorNames {
    static func clean(_ raw: [String], site: String?) -> [String] {
        var out: [String] = []
        for entry in raw {
            var text = TextNormalizer.collapseSpaces(entry)
            if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
            for part in text.components(separatedBy: CharacterSet(charactersIn: ",;|")).flatMap({ $0.components(separatedBy: " and ") }) {
                let name = part.trimmingCharacters(in: .whitespacesAndNewlines)
                guard name.count >= 3, name.count <= 60, !name.contains("@"), !name.contains("http"),
                      name.rangeOfCharacter(from: .decimalDigits) == nil, name != site, !out.contains(name) else { continue }
                out.append(name)
            }
        }
        return out
    }
}

/// Turns the date strings pages give into ISO dates.
enum DateText {
    /// "2025-03-01T10:00:00Z" → "2025-03-01"; nil for text without a full date.
    static func isoDate(_ text: String?) -> String? {
        guard let text else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        let head = String(String.UnicodeScalarView(scalars[0..<10]))
        let parts = head.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return head
    }
}
