import CLibXML2
import Foundation

/// What the page-type model reads of a page: named features, numeric or present (1).
///
/// Each family says something about what the page is for, whatever the site:
/// - **structured data** (`ld:` JSON-LD and `md:` microdata types, `og:` the OpenGraph type): what the site
///   itself declares — `NewsArticle`, `Product`, `CollectionPage`, `DiscussionForumPosting`, `FAQPage`;
/// - **structure** (`count.`, `share.`): a listing is links and teasers, an article long paragraphs under
///   one heading, a product page prices and forms, documentation code;
/// - **the body** the extractor found (`body.`): its length and its share of the page;
/// - **the byline** (`meta.`): a headline, an author and a date near the top are an article's marks;
/// - **the URL's shape** (`url.`): its depth, a date in the path, a headline slug, a page number;
/// - **the words** of the page's text (`w:`, ``PageWords``): what it talks about — a cart, replies, services.
/// The model learns what each is worth (docs/MODELS.md). Words of class names and of URL paths were tried and
/// left out: cross-validated over the tune half's sites they made the model worse, having learnt sites.
///
/// ```swift
/// var features = PageFeatures(root: root, url: "https://example.com/tag/energy", metadata: metadata, vocabulary: nil)
/// features.addBody(paragraphs, metadata: metadata)
/// ```
struct PageFeatures {
    /// Every feature by name, but the model's words, which are in ``words``.
    private(set) var values: [String: Double] = [:]
    /// The model's words the page uses, by their position in its vocabulary.
    private(set) var words: [(position: Int, value: Double)] = []

    /// Reads the whole tree under `root`; call before the body extractor prunes it. `vocabulary`: the words the
    /// model weighs (nil: every word, named in ``values``, for training).
    init(root: Node, url: String?, metadata: PageMetadata, vocabulary: WordVocabulary?) {
        for type in metadata.declaredTypes { values["ld:" + type] = 1 }
        if let type = metadata.openGraphType { values["og:" + type] = 1 }
        var reader = PageWords(vocabulary: vocabulary)
        readTree(root, words: &reader)
        words = reader.weighed()
        for (name, value) in reader.named() { values[name] = value }
        if let url { readURL(url) }
    }

    /// Adds what the extraction found: the body's paragraphs and the byline.
    mutating func addBody(_ paragraphs: [String], metadata: PageMetadata) {
        let bodyBytes = paragraphs.reduce(0) { $0 + $1.utf8.count }
        values["body.length"] = Self.scaledLog(bodyBytes)
        values["body.paragraphs"] = Self.scaledLog(paragraphs.count)
        values["body.meanParagraph"] = paragraphs.isEmpty ? 0 : Self.scaledLog(bodyBytes / paragraphs.count)
        values["body.share"] = Double(bodyBytes) / Double(max(1, textBytes))
        // Prose ends its paragraphs with a full stop; product blurbs, menus and forms mostly do not.
        let sentences = paragraphs.filter { $0.last.map { ".!?…\"”»".contains($0) } ?? false }.count
        values["body.prose"] = paragraphs.isEmpty ? 0 : Double(sentences) / Double(paragraphs.count)
        if !metadata.authors.isEmpty { values["meta.author"] = 1 }
        if metadata.published != nil { values["meta.date"] = 1 }
        if metadata.title != nil { values["meta.title"] = 1 }
    }

    /// log(1 + n) / 10: lengths and counts span orders of magnitude; what matters is which.
    static func scaledLog(_ count: Int) -> Double { log1p(Double(max(0, count))) / 10 }

    // MARK: The tree

    private var textBytes = 0

    /// Counts tags, text, linked text, headings with links, prices and repeated blocks, in one walk.
    private mutating func readTree(_ root: Node, words: inout PageWords) {
        var counts = [Int](repeating: 0, count: Self.families.count)
        var linkBytes = 0, prices = 0, linkedHeadings = 0
        // Per class attribute of a block (hashed: no String per element), how many blocks carry it.
        var blockClasses: [UInt64: Int] = [:]
        // (node, inside a link, inside a heading)
        var stack: [(Node, Bool, Bool)] = [(root, false, false)]
        while let (node, inLink, inHeading) = stack.popLast() {
            if node.isText {
                guard let content = node.pointer.pointee.content else { continue }
                let length = strlen(content)
                textBytes += length
                if inLink { linkBytes += length }
                let text = UnsafeBufferPointer(start: content, count: length)
                prices += Self.prices(text)
                words.read(text)
                continue
            }
            guard node.isElement else { continue }
            let role = node.tagNumber.map { Self.roles[$0] } ?? .other
            if role.skipped { continue }
            if let family = role.family { counts[family] += 1 }
            if role.link && inHeading && !inLink { linkedHeadings += 1 }
            if node.pointer.pointee.properties != nil {
                if role.block, let classes = node.attributeText("class") { blockClasses[Self.hash(classes), default: 0] += 1 }
                if let type = node.attributeText("itemtype"), let last = String(cString: type).split(separator: "/").last {
                    // "https://schema.org/Product" → md:Product
                    values["md:" + last.trimmingCharacters(in: .whitespaces)] = 1
                }
            }
            let heading = inHeading || role.heading
            var child = node.pointer.pointee.last
            while let current = child {
                stack.append((Node(current), inLink || role.link, heading))
                child = current.pointee.prev
            }
        }
        for (key, count) in zip(Self.familyKeys, counts) where count > 0 { values[key] = Self.scaledLog(count) }
        values["count.linkedHeadings"] = Self.scaledLog(linkedHeadings)
        values["count.prices"] = Self.scaledLog(prices)
        values["count.text"] = Self.scaledLog(textBytes)
        values["share.links"] = Double(linkBytes) / Double(max(1, textBytes))
        // Teaser cards, search results and forum posts are blocks of one class, many times over.
        let repeats = blockClasses.values.sorted(by: >)
        values["blocks.mostRepeated"] = Self.scaledLog(repeats.first ?? 0)
        values["blocks.topThreeRepeated"] = Self.scaledLog(repeats.prefix(3).reduce(0, +))
    }

    /// What the walk does with an element of a known tag.
    private struct Role {
        var family: Int?
        var skipped = false, heading = false, block = false, link = false
        static let other = Role()
    }

    /// The tags counted, by family.
    private static let countedTags: [String: String] = [
        "a": "links", "article": "articles", "time": "times", "form": "forms", "input": "inputs", "select": "inputs",
        "textarea": "inputs", "button": "buttons", "pre": "code", "code": "code", "table": "tables", "li": "items",
        "img": "images", "h1": "h1", "h2": "h2", "h3": "subheadings", "h4": "subheadings", "p": "paragraphs",
        "nav": "navs", "aside": "asides", "iframe": "embeds", "video": "embeds", "blockquote": "quotes", "dl": "definitions",
    ]
    private static let families = Array(Set(countedTags.values)).sorted()
    private static let familyKeys = families.map { "count." + $0 }

    /// Each of ``TagNames/all``'s role, by tag number.
    private static let roles: [Role] = TagNames.all.map { name in
        Role(family: countedTags[name].flatMap { families.firstIndex(of: $0) },
             skipped: ["script", "style", "noscript"].contains(name), heading: ["h1", "h2", "h3", "h4", "h5", "h6"].contains(name),
             block: ["div", "li", "article", "section"].contains(name), link: name == "a")
    }

    /// FNV-1a of a NUL-terminated attribute value.
    private static func hash(_ text: UnsafePointer<UInt8>) -> UInt64 {
        WordVocabulary.hash(UnsafeBufferPointer(start: text, count: strlen(text)))
    }

    /// Prices in a text: a currency sign next to a digit ("$12", "€ 9", "12,99 €", "£3").
    private static func prices(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var found = 0
        for index in text.indices {
            let sign: Int
            switch text[index] {
            case UInt8(ascii: "$"): sign = 1
            case 0xE2 where index + 2 < text.count && text[index + 1] == 0x82 && text[index + 2] == 0xAC: sign = 3  // €
            case 0xC2 where index + 1 < text.count && (text[index + 1] == 0xA3 || text[index + 1] == 0xA5): sign = 2  // £ ¥
            default: continue
            }
            let after = index + sign < text.count ? text[index + sign] : 0
            let afterSpace = index + sign + 1 < text.count ? text[index + sign + 1] : 0
            let before = index > 0 ? text[index - 1] : 0
            let beforeSpace = index > 1 ? text[index - 2] : 0
            if Self.isDigit(after) || (after == 32 && Self.isDigit(afterSpace)) || Self.isDigit(before) || (before == 32 && Self.isDigit(beforeSpace)) {
                found += 1
            }
        }
        return found
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// A year segment followed by a month one (`/2024/05/`), or a segment holding `2024-05-17`.
    static func isDated(_ segments: [String]) -> Bool {
        let digit = { (character: Character) in character >= "0" && character <= "9" }
        func isYear<S: StringProtocol>(_ text: S) -> Bool { text.count == 4 && (text.hasPrefix("19") || text.hasPrefix("20")) && text.allSatisfy(digit) }
        func isMonth<S: StringProtocol>(_ text: S) -> Bool { (1...2).contains(text.count) && text.allSatisfy(digit) && (Int(text) ?? 0) <= 12 }
        for (segment, next) in zip(segments, segments.dropFirst()) where isYear(segment) && isMonth(next) { return true }
        return segments.contains { segment in
            let parts = segment.split(separator: "-")
            return zip(parts, zip(parts.dropFirst(), parts.dropFirst(2))).contains { year, rest in
                isYear(year) && isMonth(rest.0) && rest.1.prefix(2).count == 2 && rest.1.prefix(2).allSatisfy(digit)
            }
        }
    }

    // MARK: The URL

    private mutating func readURL(_ text: String) {
        guard let (path, query) = Self.pathAndQuery(text) else { return }
        let segments = path.split(separator: "/").map { $0.lowercased() }
        values["url.depth"] = Double(min(segments.count, 6)) / 6
        if segments.isEmpty { values["url.root"] = 1 }
        if !query.isEmpty { values["url.query"] = 1 }
        // A date in the path (/2024/05/ or 2024-05-17) is how news and blogs file their stories.
        if Self.isDated(segments) { values["url.dated"] = 1 }
        if let last = segments.last {
            // A headline slug ("the-mayor-resigns-after-vote") names one story; "sport" or "page" a section.
            let slugWords = last.split { $0 == "-" || $0 == "_" }.count
            values["url.slugWords"] = Self.scaledLog(slugWords) * 4
            if last.allSatisfy(\.isNumber) { values["url.numericEnd"] = 1 }
            if last.contains(".") { values["url.fileEnd"] = 1 }
        }
    }

    /// The path (percent-decoded) and query of an absolute URL, read off the text: the page-type features need
    /// no more of it, and Foundation's parser is the costlier part of them.
    static func pathAndQuery(_ text: String) -> (path: String, query: Substring)? {
        guard let scheme = text.range(of: "://") else { return nil }
        var rest = text[scheme.upperBound...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { return ("", query) }
        let path = rest[slash...]
        return (path.contains("%") ? path.removingPercentEncoding ?? String(path) : String(path), query)
    }
}
