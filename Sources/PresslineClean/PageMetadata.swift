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
    /// Every JSON-LD `@type` on the page, and `og:type`: what the site says the page is.
    var declaredTypes: Set<String> = []
    var openGraphType: String?
    /// The `<title>` element's text, whole.
    var pageTitle: String?
    /// Whether the headline shows a date, and a byline names the authors there: an article's marks
    /// (``PublicationDate/Finding/shownNearHeadline``).
    var dateNearHeadline = false, bylineNearHeadline = false

    /// Reads metadata from the page under `root`. Call before the body extractor prunes the tree. `fetchedAt`
    /// (seconds since 1970), when known, dates a page that shows only "3 hours ago".
    init(root: Node, fetchedAt: Double? = nil) {
        let page = PageIndex(root: root)
        let linked = LinkedData(root: root)
        site = linked.publisher ?? page.meta("og:site_name", "application-name")
        canonicalURL = page.links.first { $0.attribute("rel")?.lowercased() == "canonical" }?.attribute("href") ?? page.meta("og:url")
        language = (root.attribute("lang") ?? page.meta("og:locale", "language", "content-language")).map { String($0.prefix(2)).lowercased() }
        let window = HeadlineWindow(root: root)
        let date = PublicationDate.find(linked: linked, page: page, canonicalURL: canonicalURL, window: window, fetchedAt: fetchedAt)
        published = date.date
        dateNearHeadline = date.shownNearHeadline
        authors = Byline.leadInNames(in: window.elements, site: site, language: language)
        bylineNearHeadline = !authors.isEmpty
        if authors.isEmpty { authors = AuthorNames.clean(linked.authors, site: site) }
        if authors.isEmpty { authors = AuthorNames.clean(page.meta("author", "article:author", "dc.creator", "parsely-author", "sailthru.author").map { [$0] } ?? [], site: site) }
        if authors.isEmpty { authors = Byline.names(in: root, site: site, language: language, window: window) }
        articleBody = linked.articleBody
        declaredTypes = linked.types
        openGraphType = page.meta("og:type")?.lowercased()
        pageTitle = page.elements(named: "title").first.map { TextNormalizer.collapseSpaces(HTMLEntities.decode($0.textContent)) }
        let heading = window.heading.map { TextNormalizer.collapseSpaces(HTMLEntities.decode($0.textWithBreaks)) }
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
    /// Every `@type` named anywhere in the page's JSON-LD: what the site says the page and its parts are.
    var types: Set<String> = []

    init(root: Node) {
        for script in root.descendants(where: { $0.name == "script" && ($0.attribute("type") ?? "").lowercased().contains("ld+json") }) {
            guard let data = script.textContent.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) else { continue }
            if pageDatePublished == nil { pageDatePublished = Self.anyDatePublished(in: json) }
            Self.collectTypes(in: json, into: &types)
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

    private static func collectTypes(in json: Any, into types: inout Set<String>, depth: Int = 0) {
        guard depth < 8 else { return }
        if let list = json as? [Any] { for item in list { collectTypes(in: item, into: &types, depth: depth + 1) }; return }
        guard let object = json as? [String: Any] else { return }
        switch object["@type"] {
        case let type as String: types.insert(type)
        case let list as [Any]: types.formUnion(list.compactMap { $0 as? String })
        default: break
        }
        for (key, value) in object where key != "@type" && (value is [Any] || value is [String: Any]) {
            collectTypes(in: value, into: &types, depth: depth + 1)
        }
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


