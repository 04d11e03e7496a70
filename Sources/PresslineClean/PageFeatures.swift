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
/// var features = PageFeatures(root: root, url: "https://example.com/tag/energy", metadata: metadata)
/// features.addBody(paragraphs, metadata: metadata)
/// if model.decidedByStructure(features) { features.skipWords() } else { features.readWords(model.vocabulary) }
/// ```
struct PageFeatures {
    /// Every feature by name, but the model's words, which are in ``words``.
    private(set) var values: [String: Double] = [:]
    /// The model's words the page uses, by their position in its vocabulary.
    private(set) var words: [(position: Int, value: Double)] = []

    /// The page's text nodes, for ``readWords(_:)``: valid while the page's document lives.
    private var texts: [UnsafeBufferPointer<UInt8>] = []

    /// Reads the whole tree under `root` but its words; call before the body extractor prunes it (pruning
    /// unlinks nodes and leaves them in the document, so the text stays readable until the document goes).
    init(root: Node, url: String?, metadata: PageMetadata) {
        for type in metadata.declaredTypes { values["ld:" + type] = 1 }
        if let type = metadata.openGraphType { values["og:" + type] = 1 }
        readTree(root)
        if let url { values.merge(Self.urlFeatures(url)) { $1 } }
    }

    /// Reads the words of the page's text, those of `vocabulary` (nil: every word, named in ``values``, for
    /// training), and lets go of the text. Call while the document lives.
    mutating func readWords(_ vocabulary: WordVocabulary?) {
        var reader = PageWords(vocabulary: vocabulary)
        for text in texts { reader.read(text) }
        words = reader.weighed()
        for (name, value) in reader.named() { values[name] = value }
        texts = []
    }

    /// Lets go of the text unread: the structure decided the page's type (``PageTypeModel/decidedByStructure(_:)``).
    mutating func skipWords() { texts = [] }

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
        // Shown by the headline, not only in the markup: a site's template marks its service pages up as articles
        // too, but shows no date or byline on them (PageFeaturesTests.bylineNearHeadline).
        if metadata.dateNearHeadline { values["meta.dateNearHeadline"] = 1 }
        if metadata.bylineNearHeadline { values["meta.bylineNearHeadline"] = 1 }
        if let title = metadata.title {
            values["meta.title"] = 1
            // A headline is a sentence's worth of words; a service, product or section page is named in one to three
            // (PageFeaturesTests.headlineLength).
            values["meta.titleWords"] = Self.wordLength(title.split(separator: " "))
        }
        if let pageTitle = metadata.pageTitle {
            // The same of the name the site gives the page in `<title>`, before the separator that leads to its own
            // name: the metadata's title may be a headline written for sharing (`og:title`) instead.
            let name = pageTitle.split(separator: " ").prefix { !Self.titleSeparators.contains(String($0)) }
            values["meta.pageTitleWords"] = Self.wordLength(name)
        }
    }

    /// "|", "–", "::" …: the separators between a page's name and its site's in `<title>`, as words of their own.
    private static let titleSeparators = Set(TitleChoice.siteSeparators.map { $0.trimmingCharacters(in: .whitespaces) })

    /// log(1 + words) / 3: one word against three matters more than twelve against fourteen.
    private static func wordLength(_ words: some Collection) -> Double { log1p(Double(words.count)) / 3 }

    /// log(1 + n) / 10: lengths and counts span orders of magnitude; what matters is which.
    static func scaledLog(_ count: Int) -> Double { log1p(Double(max(0, count))) / 10 }

    // MARK: The tree

    private var textBytes = 0

    /// Counts tags, text, linked text, headings with links, prices and repeated blocks, in one walk, and keeps
    /// the text nodes for the words.
    private mutating func readTree(_ root: Node) {
        var counts = [Int](repeating: 0, count: Self.families.count)
        var linkBytes = 0, prices = 0, linkedHeadings = 0
        // The class attribute of every block, hashed (no String per element); counted by sorting them at the end,
        // cheaper than a dictionary update per block.
        var blockClasses: [UInt64] = []
        let roles = Self.roles
        let role = { (node: xmlNodePtr) in Node(node).tagNumber.map { roles[$0] } ?? .other }
        // Links and headings the walk is inside of: a depth-first walk along libxml2's own links (first child, next
        // sibling, parent), which needs no stack of its own.
        var linkDepth = 0, headingDepth = 0
        var node = root.pointer
        while true {
            let type = node.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = node.pointee.content {
                    let text = UnsafeBufferPointer(start: UnsafePointer(content), count: strlen(content))
                    texts.append(text)
                    textBytes += text.count
                    if linkDepth > 0 { linkBytes += text.count }
                    prices += Self.prices(text)
                }
            } else if type == XML_ELEMENT_NODE, case let role = role(node), !role.skipped {
                if let family = role.family { counts[family] += 1 }
                if role.link && headingDepth > 0 && linkDepth == 0 { linkedHeadings += 1 }
                readAttributes(of: node, block: role.block, into: &blockClasses)
                if let child = node.pointee.children {
                    if role.link { linkDepth += 1 }
                    if role.heading { headingDepth += 1 }
                    node = child
                    continue
                }
            }
            while node != root.pointer, node.pointee.next == nil, let parent = node.pointee.parent {
                node = parent
                let role = role(node)
                if role.link { linkDepth -= 1 }
                if role.heading { headingDepth -= 1 }
            }
            guard node != root.pointer, let next = node.pointee.next else { break }
            node = next
        }
        for (key, count) in zip(Self.familyKeys, counts) where count > 0 { values[key] = Self.scaledLog(count) }
        values["count.linkedHeadings"] = Self.scaledLog(linkedHeadings)
        values["count.prices"] = Self.scaledLog(prices)
        values["count.text"] = Self.scaledLog(textBytes)
        values["share.links"] = Double(linkBytes) / Double(max(1, textBytes))
        // Teaser cards, search results and forum posts are blocks of one class, many times over.
        blockClasses.sort()
        var repeats: [Int] = []
        var start = blockClasses.startIndex
        while start < blockClasses.endIndex {
            let end = blockClasses[start...].firstIndex { $0 != blockClasses[start] } ?? blockClasses.endIndex
            repeats.append(end - start)
            start = end
        }
        repeats.sort(by: >)
        values["blocks.mostRepeated"] = Self.scaledLog(repeats.first ?? 0)
        values["blocks.topThreeRepeated"] = Self.scaledLog(repeats.prefix(3).reduce(0, +))
    }

    /// Adds a block's class attribute (hashed) to `blockClasses` and names a microdata type (`itemtype`) as a feature,
    /// reading the attributes once where two look-ups by name read them twice.
    private mutating func readAttributes(of node: xmlNodePtr, block: Bool, into blockClasses: inout [UInt64]) {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            let value: UnsafePointer<UInt8> = current.pointee.children?.pointee.content.map { UnsafePointer($0) } ?? Self.empty
            let name = current.pointee.name!
            if block && name[0] == UInt8(ascii: "c") && strcmp(name, "class") == 0 {
                blockClasses.append(Self.hash(value))
            } else if name[0] == UInt8(ascii: "i") && strcmp(name, "itemtype") == 0, let last = String(cString: value).split(separator: "/").last {
                // "https://schema.org/Product" → md:Product
                values["md:" + last.trimmingCharacters(in: .whitespaces)] = 1
            }
        }
    }

    private static var empty: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

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

    /// A hash of a NUL-terminated attribute value, for counting equal ones.
    private static func hash(_ text: UnsafePointer<UInt8>) -> UInt64 {
        // Eight bytes a step: class attributes run long, and only their equality matters here.
        let length = strlen(text), raw = UnsafeRawPointer(text)
        var hash = UInt64(length), offset = 0
        while offset + 8 <= length {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < length {
            tail = tail << 8 | UInt64(text[offset])
            offset += 1
        }
        return (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    }

    /// Prices in a text: a currency sign next to a digit ("$12", "€ 9", "12,99 €", "£3").
    private static func prices(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard mayHoldSign(text) else { return 0 }
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

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Whether `text` holds `$` or the lead byte of `€`, `£` or `¥`, eight bytes a step: most texts hold none,
    /// and a byte-by-byte look costs as much as reading their words.
    private static func mayHoldSign(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= text.count {
            let chunk = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if hasByte(chunk, 0x24) || hasByte(chunk, 0xE2) || hasByte(chunk, 0xC2) { return true }
            offset += 8
        }
        return text[offset...].contains { $0 == 0x24 || $0 == 0xE2 || $0 == 0xC2 }
    }

    /// Whether one of `chunk`'s eight bytes is `byte` (the classic zero-byte test on `chunk ^ byte…byte`).
    private static func hasByte(_ chunk: UInt64, _ byte: UInt8) -> Bool {
        let x = chunk ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}
