import Foundation

/// Author names written into the page: `itemprop=author`, `rel=author`, and byline elements.
enum Byline {
    /// Class or id fragments of elements that hold an author's name.
    static let nameHints = HintSet(["author-name", "authorname", "author__name", "byline__name", "byline-name", "contributor-name", "author-link", "by-author"])
    /// Class or id fragments of a byline, whose short text is "By Name".
    static let bylineHints = HintSet(["byline", "author"])
    /// Path fragments of links to an author's page.
    static let authorPaths = HintSet(["/author/", "/authors/", "/people/", "/staff/", "/writers/"])
    /// More linked names than this are a list of contributors elsewhere on the page, not the byline.
    static let maxLinkedAuthors = 3
    /// A byline longer than this is a bio, not a name.
    static let maxBylineChars = 80

    /// Author names from the markup, cleaned, or none.
    static func names(in root: Node, site: String?, language: String?, window: HeadlineWindow) -> [String] {
        var elements = root.descendants { node in
            node.attribute("itemprop") == "author" || node.attribute("rel")?.lowercased() == "author"
                || nameHints.matches(node)
        }
        // Teasers of other articles carry their own authors: where the headline's <article> holds some, only those count.
        if let article = window.heading?.ancestor(named: "article") {
            let inside = elements.filter { $0.isInside(article) }
            if !inside.isEmpty { elements = inside }
        }
        var names: [String] = []
        for element in elements {
            let named = element.descendants { $0.attribute("itemprop") == "name" }.first
            // An author-classed element may hold the whole page: its text is read only up to a bound that the
            // normalising (which may shorten mojibake threefold) cannot bring under the byline's length.
            guard let raw = named.map({ $0.attribute("content") ?? $0.spacedText(upTo: 3 * maxBylineChars) }) ?? element.spacedText(upTo: 3 * maxBylineChars)
            else { continue }
            let text = TextNormalizer.collapseSpaces(raw)
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
            guard let href = link.attribute("href"), authorPaths.matches(href) else { continue }
            let text = TextNormalizer.collapseSpaces(link.textContent)
            if (2...4).contains(text.split(separator: " ").count), text.count <= maxBylineChars, !names.contains(text) { names.append(text) }
        }
        if names.count <= maxLinkedAuthors, case let cleaned = AuthorNames.clean(names, site: site), !cleaned.isEmpty { return cleaned }
        names.removeAll()
        // "By Jane Doe" in a byline-classed element, or written next to the headline: the first that names someone.
        let named = leadInNames(in: root.descendants(where: { bylineHints.matches($0) }) + window.elements, site: site, language: language)
        if !named.isEmpty { return named }
        let besideDate = namesBesideDate(in: window.elements, site: site)
        if !besideDate.isEmpty { return besideDate }
        let avatars = namesUnderAvatars(in: window.elements, site: site)
        if !avatars.isEmpty { return avatars }
        // An author box after the article: "Written by Cassidy Horton" as a heading or a line of its own.
        for line in root.descendants(where: { ["h2", "h3", "h4", "h5", "h6", "p"].contains($0.name) }) {
            guard let raw = line.spacedText(upTo: 3 * maxBylineChars) else { continue }
            let text = TextNormalizer.collapseSpaces(raw)
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
                guard let parent = box.parent, parent.spacedText(upTo: maxBylineChars + 40) != nil else { break }
                box = parent
            }
            if box.textPieces.contains(alt) { return AuthorNames.clean([alt], site: site) }
        }
        // Or an icon of a person before it: `<li><i class="bi bi-person"></i> Bence Kovács</li>`.
        for icon in window where ["i", "svg", "span"].contains(icon.name) && icon.textPieces.isEmpty {
            let classes = String(decoding: icon.classAndIDBytes, as: UTF8.self)
            guard ["person", "user", "author"].contains(where: classes.contains), let box = icon.parent,
                  box.spacedText(upTo: maxBylineChars) != nil else { continue }
            let names = AuthorNames.clean(box.textPieces.filter(AuthorNames.looksLikePersonName), site: site)
            if !names.isEmpty { return names }
        }
        return []
    }

    /// Bylines without "By" sit with the date: `<span>Dec 17, 2025</span><span>Julian K. Arni</span>`.
    /// Beside the first date by the headline, the pieces of text that look like a person's name.
    private static func namesBesideDate(in window: [Node], site: String?) -> [String] {
        for element in window {
            guard let text = element.spacedText(upTo: PublicationDate.maxDateElementChars), DateText.visibleDate(text) ?? DateText.numericDate(text) != nil else { continue }
            // The date's own small box: its parent, when that holds little more than a byline.
            guard let box = element.parent, box.spacedText(upTo: maxBylineChars) != nil else { continue }
            let names = AuthorNames.clean(box.textPieces.filter(AuthorNames.looksLikePersonName), site: site)
            if !names.isEmpty { return names }
        }
        return []
    }

    /// "By Jane Doe" (or "Posted by", "Written by", and in `language` "Von", "Par", "Por", …) in one of
    /// `elements`: the first that names someone.
    static func leadInNames(in elements: [Node], site: String?, language: String?) -> [String] {
        let byPrefixes = LanguageWords.byPrefixes(for: language)
        let leadIns = LanguageWords.leadIns(for: language)
        for element in elements {
            // The first piece decides, before the rest is read: most elements asked are no byline.
            guard let first = element.firstTextPiece.map(CaseFolding.lowercased),
                  let prefix = byPrefixes.first(where: (first + " ").hasPrefix),
                  let pieces = element.textPieces(upTo: maxBylineLineChars) else { continue }
            // The lead-in off, whatever its language, before the name is judged.
            let text = String(pieces.joined(separator: " ").dropFirst(prefix.count - 1)).trimmingCharacters(in: .whitespaces)
            // A sentence can begin "By the time…": a byline names someone with a capital.
            if text.count <= maxBylineChars, case let cleaned = AuthorNames.clean([text], site: site).filter({ $0.first?.isUppercase == true }),
               !cleaned.isEmpty { return cleaned }
            let named = namesAfterLeadIn(pieces, leadIns: leadIns, site: site)
            if !named.isEmpty { return named }
        }
        return []
    }

    /// A byline line with its date and section ("Posted by BeauHD on Friday December 19, 2025 from the … dept.")
    /// is longer than a name alone; past this it is prose.
    static let maxBylineLineChars = 160

    /// "By" in a text node of its own, the name in the next (a link, a span), then whatever the line goes on to
    /// say (a date, "View In Digital Edition"): the markup marks where the name ends. Names joined by "," or
    /// "and" in pieces of their own are all taken.
    private static func namesAfterLeadIn(_ pieces: [String], leadIns: Set<String>, site: String?) -> [String] {
        guard let leadIn = pieces.first?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :")),
              leadIns.contains(leadIn) else { return [] }
        var names: [String] = []
        var joined = true
        for piece in pieces.dropFirst() {
            if [",", "and", "&", ", and"].contains(piece.lowercased()) {
                joined = true
                continue
            }
            let cleaned = AuthorNames.clean([piece], site: site).filter { $0.first?.isUppercase == true }
            guard joined, cleaned.count == 1, cleaned[0] == piece else { break }
            names += cleaned
            joined = false
        }
        return names
    }
}
