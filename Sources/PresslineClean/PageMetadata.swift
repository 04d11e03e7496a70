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
        let page = PageIndex(root: root)
        let linked = LinkedData(root: root)
        site = linked.publisher ?? page.meta("og:site_name", "application-name")
        canonicalURL = page.links.first { $0.attribute("rel")?.lowercased() == "canonical" }?.attribute("href") ?? page.meta("og:url")
        language = (root.attribute("lang") ?? page.meta("og:locale", "language", "content-language")).map { String($0.prefix(2)).lowercased() }
        published = PublicationDate.find(linked: linked, page: page, canonicalURL: canonicalURL)
        authors = AuthorNames.clean(linked.authors, site: site)
        if authors.isEmpty { authors = AuthorNames.clean(page.meta("author", "article:author", "dc.creator", "parsely-author", "sailthru.author").map { [$0] } ?? [], site: site) }
        if authors.isEmpty { authors = Byline.names(in: root, site: site) }
        articleBody = linked.articleBody
        let pageTitle = page.elements(named: "title").first.map { TextNormalizer.collapseSpaces(HTMLEntities.decode($0.textContent)) }
        let heading = root.mainHeading().map { TextNormalizer.collapseSpaces(HTMLEntities.decode($0.textWithBreaks)) }
        title = TitleChoice.choose(headline: (linked.headline ?? page.meta("og:title", "twitter:title")).map { TextNormalizer.collapseSpaces(HTMLEntities.decode($0)) },
                                   heading: heading, pageTitle: pageTitle, site: site)
        if site == nil, let pageTitle, let title, pageTitle.hasPrefix(title) {
            // "Headline - Site Name": what follows the headline in <title> names the site.
            let rest = pageTitle.dropFirst(title.count).drop { " -–—|:·".contains($0) }
            if !rest.isEmpty, rest.split(separator: " ").count <= 5 { site = String(rest) }
        }
    }
}

/// The page's `<meta>`, `<link>` and other elements, gathered in one walk.
struct PageIndex {
    let metas: [Node]
    let links: [Node]
    let root: Node

    init(root: Node) {
        self.root = root
        var metas: [Node] = [], links: [Node] = []
        for node in root.descendants(where: { $0.name == "meta" || $0.name == "link" }) {
            if node.name == "meta" { metas.append(node) } else { links.append(node) }
        }
        self.metas = metas
        self.links = links
    }

    /// The first non-empty `content` of a meta tag whose property, name or itemprop is one of `keys`, in key order.
    func meta(_ keys: String...) -> String? {
        for key in keys {
            for node in metas where (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?.lowercased() == key {
                if let content = node.attribute("content").map({ TextNormalizer.collapseSpaces(HTMLEntities.decode($0)) }), !content.isEmpty {
                    return content
                }
            }
        }
        return nil
    }

    func elements(named name: String) -> [Node] { root.descendants { $0.name == name } }
}

/// The article object in a page's JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, …).
struct LinkedData {
    var headline: String?
    var authors: [String] = []
    var datePublished: String?
    /// `datePublished` of a non-article object (a `WebPage`), used only when nothing better is found.
    var pageDatePublished: String?
    var publisher: String?
    var articleBody: String?

    init(root: Node) {
        for script in root.descendants(where: { $0.name == "script" && ($0.attribute("type") ?? "").lowercased().contains("ld+json") }) {
            guard let data = script.textContent.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) else { continue }
            if pageDatePublished == nil { pageDatePublished = Self.anyDatePublished(in: json) }
            if headline == nil, let article = Self.findArticle(in: json) {
                headline = (article["headline"] as? String).map(HTMLEntities.decode)
                datePublished = article["datePublished"] as? String
                articleBody = article["articleBody"] as? String
                authors = Self.names(article["author"])
                publisher = Self.names(article["publisher"]).first.map(HTMLEntities.decode)
            }
        }
    }

    private static func findArticle(in json: Any) -> [String: Any]? {
        if let list = json as? [Any] { return list.lazy.compactMap(findArticle).first }
        guard let object = json as? [String: Any] else { return nil }
        if let graph = object["@graph"], let found = findArticle(in: graph) { return found }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        return types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "Posting" } ? object : nil
    }

    private static func anyDatePublished(in json: Any) -> String? {
        if let list = json as? [Any] { return list.lazy.compactMap(anyDatePublished).first }
        guard let object = json as? [String: Any] else { return nil }
        if let date = object["datePublished"] as? String { return date }
        return object["@graph"].flatMap(anyDatePublished)
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

/// Author names written into the page: `itemprop=author`, `rel=author`, and byline elements.
enum Byline {
    /// Class or id fragments of elements that hold an author's name.
    static let nameHints = HintSet(["author-name", "authorname", "author__name", "byline__name", "byline-name", "contributor-name", "author-link", "by-author"])
    /// Class or id fragments of a byline, whose short text is "By Name".
    static let bylineHints = HintSet(["byline", "author"])
    /// Path fragments of links to an author's page.
    static let authorPaths = ["/author/", "/authors/", "/people/", "/staff/", "/writers/"]
    /// More linked names than this are a list of contributors elsewhere on the page, not the byline.
    static let maxLinkedAuthors = 3
    /// A byline longer than this is a bio, not a name.
    static let maxBylineChars = 80

    /// Author names from the markup, cleaned, or none.
    static func names(in root: Node, site: String?) -> [String] {
        var elements = root.descendants { node in
            node.attribute("itemprop") == "author" || node.attribute("rel")?.lowercased() == "author"
                || nameHints.matches(node)
        }
        // Teasers of other articles carry their own authors: where the headline's <article> holds some, only those count.
        if let article = root.mainHeading()?.ancestor(named: "article") {
            let inside = elements.filter { $0.isInside(article) }
            if !inside.isEmpty { elements = inside }
        }
        var names: [String] = []
        for element in elements {
            let named = element.descendants { $0.attribute("itemprop") == "name" }.first
            let text = TextNormalizer.collapseSpaces(named.map { $0.attribute("content") ?? $0.spacedText } ?? element.spacedText)
            guard !text.isEmpty, text.count <= maxBylineChars else { continue }
            if AuthorNames.clean([text], site: site).isEmpty {
                // "Jane Doe" and "Editor" in sibling spans: the name is one of the pieces.
                names += element.textPieces.filter { $0.split(separator: " ").count >= 2 }
            } else {
                names.append(text)
            }
        }
        if case let cleaned = AuthorNames.clean(names, site: site), !cleaned.isEmpty { return cleaned }
        names.removeAll()
        // Links to an author's page: /author/jane-doe, /authors/jane-doe, /people/jane-doe.
        for link in root.descendants(where: { $0.name == "a" }) {
            guard let href = link.attribute("href")?.lowercased(), authorPaths.contains(where: href.contains) else { continue }
            let text = TextNormalizer.collapseSpaces(link.textContent)
            if (2...4).contains(text.split(separator: " ").count), text.count <= maxBylineChars, !names.contains(text) { names.append(text) }
        }
        if names.count <= maxLinkedAuthors, case let cleaned = AuthorNames.clean(names, site: site), !cleaned.isEmpty { return cleaned }
        names.removeAll()
        // "By Jane Doe" in a byline-classed element, or written next to the headline: the first that names someone.
        let window = nearHeadline(root)
        let bylines = root.descendants(where: { bylineHints.matches($0) }) + window
        for element in bylines {
            let text = TextNormalizer.collapseSpaces(element.spacedText)
            guard text.count <= maxBylineChars, byPrefixes.contains(where: text.lowercased().hasPrefix) else { continue }
            // A sentence can begin "By the time…": a byline names someone with a capital.
            let cleaned = AuthorNames.clean([text], site: site).filter { $0.first?.isUppercase == true }
            if !cleaned.isEmpty { return cleaned }
        }
        let besideDate = namesBesideDate(in: window, site: site)
        if !besideDate.isEmpty { return besideDate }
        let avatars = namesUnderAvatars(in: window, site: site)
        if !avatars.isEmpty { return avatars }
        // An author box after the article: "Written by Cassidy Horton" as a heading of its own.
        for heading in root.descendants(where: { ["h2", "h3", "h4", "h5", "h6"].contains($0.name) }) {
            let text = TextNormalizer.collapseSpaces(heading.spacedText)
            guard text.count <= maxBylineChars, text.lowercased().hasPrefix("written by ") else { continue }
            let names = AuthorNames.clean([text], site: site).filter { $0.first?.isUppercase == true }
            if !names.isEmpty { return names }
        }
        return []
    }

    /// Bylines show the author's photo beside the name: `<img alt="Tim Enwall"> <span>Tim Enwall</span>`.
    /// A person's name that is both an image's alt text and shown as text next to it, or that follows a person icon.
    private static func namesUnderAvatars(in window: [Node], site: String?) -> [String] {
        for image in window where image.name == "img" {
            guard let alt = image.attribute("alt").map(TextNormalizer.collapseSpaces), AuthorNames.looksLikePersonName(alt) else { continue }
            var box = image
            for _ in 0..<2 {
                guard let parent = box.parent, TextNormalizer.collapseSpaces(parent.spacedText).count <= maxBylineChars + 40 else { break }
                box = parent
            }
            if box.textPieces.contains(alt) { return AuthorNames.clean([alt], site: site) }
        }
        // Or an icon of a person before it: `<li><i class="bi bi-person"></i> Bence Kovács</li>`.
        for icon in window where ["i", "svg", "span"].contains(icon.name) && icon.textPieces.isEmpty {
            let classes = String(decoding: icon.classAndIDBytes, as: UTF8.self)
            guard ["person", "user", "author"].contains(where: classes.contains), let box = icon.parent,
                  TextNormalizer.collapseSpaces(box.spacedText).count <= maxBylineChars else { continue }
            let names = AuthorNames.clean(box.textPieces.filter(AuthorNames.looksLikePersonName), site: site)
            if !names.isEmpty { return names }
        }
        return []
    }

    /// Bylines without "By" sit with the date: `<span>Dec 17, 2025</span><span>Julian K. Arni</span>`.
    /// Beside the first date by the headline, the pieces of text that look like a person's name.
    private static func namesBesideDate(in window: [Node], site: String?) -> [String] {
        for element in window {
            let text = TextNormalizer.collapseSpaces(element.spacedText)
            guard text.count <= PublicationDate.maxDateElementChars, DateText.visibleDate(text) ?? DateText.numericDate(text) != nil else { continue }
            // The date's own small box: its parent, when that holds little more than a byline.
            guard let box = element.parent, TextNormalizer.collapseSpaces(box.spacedText).count <= maxBylineChars else { continue }
            let names = AuthorNames.clean(box.textPieces.filter(AuthorNames.looksLikePersonName), site: site)
            if !names.isEmpty { return names }
        }
        return []
    }

    /// How a byline begins.
    static let byPrefixes = ["by ", "by: ", "written by ", "written by: ", "posted by ", "words by ", "story by ", "author: ", "author "]

    /// The elements around the headline, up to where the body begins (``PublicationDate/headlineWindow``).
    private static func nearHeadline(_ root: Node) -> [Node] {
        let elements = root.descendants { _ in true }
        guard let heading = root.mainHeading(), let position = elements.firstIndex(of: heading) else { return [] }
        let window = PublicationDate.headlineWindow
        return Array(elements[max(0, position - window.before)..<min(elements.count, position + window.after)])
    }
}

/// The publication date: structured data first, then meta tags, `<time>`, a visible dateline, the URL.
/// An "updated" date is never taken for the publication date, and a page without one gets none.
enum PublicationDate {
    /// Class or id fragments of elements that show the date.
    static let datelineHints = HintSet(["date", "time", "posted", "published", "byline", "meta", "dateline"])
    /// Words that mark a date as something other than the publication date.
    static let notPublication = ["updated", "modified", "copyright", "©", "comment", "reply"]
    /// A dateline longer than this (characters) is prose, not a dateline.
    static let maxDatelineChars = 120

    static func find(linked: LinkedData, page: PageIndex, canonicalURL: String?) -> String? {
        // A publication date shown by the headline is what readers see, and beats the markup's; an
        // "updated" date shown there comes last, after every machine-readable publication date.
        var updated: String?
        if let date = nearHeadline(page.root, updated: &updated) { return date }
        if let date = DateText.isoDate(linked.datePublished) { return date }
        if let date = DateText.isoDate(page.meta("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                                                 "publish-date", "publication_date", "dc.date.issued", "dc.date", "date",
                                                 "sailthru.date", "parsely-pub-date", "article.published")) { return date }
        for time in page.elements(named: "time") where !saysNotPublication(time) {
            if let date = DateText.isoDate(time.attribute("datetime")) ?? DateText.visibleDate(time.textContent) { return date }
        }
        if let date = DateText.isoDate(linked.pageDatePublished) { return date }
        for element in page.root.descendants(where: { datelineHints.matches($0) }) {
            let text = TextNormalizer.collapseSpaces(element.textContent)
            guard text.count <= maxDatelineChars, let date = DateText.visibleDate(text) else { continue }
            switch kind(of: text) {
            case .published: return date
            case .updated: updated = updated ?? date
            case .other: continue
            }
        }
        // A page that shows only when it was updated is dated by that (readers see no other date).
        return updated ?? canonicalURL.flatMap(urlDate)
    }

    /// Elements scanned before the headline (a date above the title) and after it.
    static let headlineWindow = (before: 15, after: 60)
    /// A date element is short: the date, perhaps a "Published" label and a reading time.
    static let maxDateElementChars = 60
    /// The byline area ends where the body begins: the second paragraph this long (the first may be a standfirst).
    static let minBodyParagraphChars = 150

    /// A date shown on its own near the headline, whatever its class names say ("December 18, 2025 · 3 min
    /// read", "Updated October 23, 2025", "2/24/2026"): where most pages put it. The scan stops at the first
    /// body paragraph, so dates of teasers and comments further down are never taken.
    private static func nearHeadline(_ root: Node, updated: inout String?) -> String? {
        let elements = root.descendants { _ in true }
        guard let heading = root.mainHeading(), let position = elements.firstIndex(of: heading) else { return nil }
        var longParagraphs = 0
        for index in max(0, position - headlineWindow.before)..<min(elements.count, position + headlineWindow.after) {
            let element = elements[index]
            if index > position && element.name == "p" && TextNormalizer.collapseSpaces(element.textContent).count >= minBodyParagraphChars {
                longParagraphs += 1
                if longParagraphs == 2 { break }
            }
            // Only the element's own text: a wrapper's text runs its children's together ("July 30,
            // 2019January 18, 2023"), and the children are visited anyway.
            let text = TextNormalizer.collapseSpaces(element.children.filter(\.isText).map(\.ownText).joined(separator: " "))
            guard text.count <= maxDateElementChars, let date = DateText.visibleDate(text) ?? DateText.numericDate(text) else { continue }
            switch kind(of: labelled(element, text)) {
            case .published: return date
            case .updated: updated = updated ?? date
            case .other: continue
            }
        }
        return nil
    }

    enum DateKind { case published, updated, other }

    /// The date's text with its label, where the label sits in a sibling
    /// (`<span>Last updated:</span><span>Feb 4, 2025</span>`): the shortest ancestor text that says more.
    private static func labelled(_ element: Node, _ text: String) -> String {
        // A class saying "updated" labels the date as well as a word does (`<time class="updated">`).
        let classes = String(decoding: element.classAndIDBytes + (element.parent?.classAndIDBytes ?? []), as: UTF8.self)
        if classes.contains("updated") || classes.contains("modified") { return "updated " + text }
        var current = element.parent
        for _ in 0..<2 {
            guard let node = current else { break }
            let wider = TextNormalizer.collapseSpaces(node.textContent)
            if wider.count > maxDateElementChars + 30 { break }
            if wider.count > text.count { return wider }
            current = node.parent
        }
        return text
    }

    /// What a short text with a date says the date is.
    static func kind(of text: String) -> DateKind {
        let lower = text.lowercased()
        // Activity and copyright dates say nothing of publication; two dates make a span (an event's).
        if ["copyright", "©", "comment", "reply", "last active", "last seen"].contains(where: lower.contains) { return .other }
        for dash in [" - ", " – ", " to "] {
            let sides = lower.components(separatedBy: dash)
            if sides.count == 2, sides.allSatisfy({ DateText.visibleDate($0) != nil }) { return .other }
        }
        if ["updated", "modified", "edited"].contains(where: lower.contains) && !lower.contains("published") && !lower.contains("posted") { return .updated }
        return .published
    }

    private static func saysNotPublication(_ node: Node) -> Bool {
        var current: Node? = node
        for _ in 0..<3 {
            guard let element = current else { break }
            let hints = element.classAndID + " " + (element.attribute("itemprop") ?? "").lowercased()
            if notPublication.contains(where: hints.contains) || hints.contains("datemodified") { return true }
            current = element.parent
        }
        return notPublication.contains(where: TextNormalizer.collapseSpaces(node.parent?.textContent ?? "").lowercased().prefix(40).contains)
    }

    /// "/2025/03/01/" in the canonical URL.
    private static func urlDate(_ url: String) -> String? {
        let parts = url.split(separator: "/")
        for index in parts.indices.dropLast(2) {
            if parts[index].count == 4, let year = Int(parts[index]), let month = Int(parts[index + 1]), let day = Int(parts[index + 2].prefix(2)),
               parts[index + 1].count <= 2, let date = DateText.format(year: year, month: month, day: day) { return date }
        }
        return nil
    }
}
