/// Cuts from a page what the clean stage never reads, before libxml2 parses it: the bodies of `<script>` and
/// `<style>` elements, and the attributes it never asks for.
///
/// On news pages script and style bodies are over half the bytes (docs/BENCHMARKS.md), libxml2
/// 2.9 reads them a character at a time, and the clean stage drops them unread — all but JSON-LD, which is
/// kept; the elements stay, empty, so the tree keeps its shape. Much of what is left is attributes no
/// heuristic reads (`data-*`, `srcset`, `onclick`, SVG paths): libxml2 copies each into nodes of its own, and
/// every attribute look-up walks past them. `PageTrimmerTests` holds the trimmed tree equal to the whole one.
///
/// A start tag is rewritten only when it has the plain form libxml2's HTML parser reads the same way — a name,
/// attributes that are a name with an optional quoted or unquoted value, `>` or `/>` — and any other is left as
/// it is, so the tree's shape and every attribute kept are what libxml2 makes of the page as served.
///
/// ```swift
/// let bytes = PageTrimmer.trimmed(Array(html.utf8))
/// ```
enum PageTrimmer {
    /// The attributes the clean stage reads, lower-case; ``Node/attribute(_:)`` asserts that it asks for no other.
    static let readAttributes: [[UInt8]] = [
        "alt", "aria-hidden", "class", "content", "datetime", "hidden", "href", "id", "itemprop", "itemtype", "lang", "name",
        "property", "rel", "role", "style", "type",
    ].map { Array($0.utf8) }

    /// Whether the attribute named by `page[name]` (any case) is one of ``readAttributes``: its first letter
    /// leaves a candidate or two, with no String or array made.
    static func isRead(_ name: Range<Int>, in page: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = HintSet.lower(page[name.lowerBound])
        guard first >= 97 && first <= 122 else { return false }
        return readByInitial[Int(first - 97)].contains { read in
            read.count == name.count && read.indices.dropFirst().allSatisfy { HintSet.lower(page[name.lowerBound + $0]) == read[$0] }
        }
    }

    /// ``readAttributes`` by first letter, "a" to "z".
    private static let readByInitial: [[[UInt8]]] = (UInt8(97)...122).map { letter in readAttributes.filter { $0[0] == letter } }

    /// `html` with the body of every `<script>` (other than `type="application/ld+json"`) and `<style>` removed,
    /// and, unless told otherwise, the attributes outside ``readAttributes`` dropped from plain start tags.
    static func trimmed(_ html: [UInt8], droppingAttributes: Bool = true) -> [UInt8] {
        html.withUnsafeBufferPointer { page in
            // libxml2 stops at a NUL inside a tag where this reading would not: such a page keeps its attributes.
            let dropsAttributes = droppingAttributes && page.firstIndex(of: 0, from: 0) == nil
            var out: [UInt8] = []
            var copied = 0
            func copy(upTo end: Int) {
                if out.isEmpty { out.reserveCapacity(page.count) }
                out.append(contentsOf: page[copied..<end])
            }
            // One list for every tag's attributes: a new array per tag cost more than the parse saves.
            var attributes: [StartTag.Attribute] = []
            var index = 0
            while let open = page.firstIndex(of: UInt8(ascii: "<"), from: index) {
                index = open + 1
                if open + 1 < page.count, page[open + 1] == UInt8(ascii: "!"), page.hasLowercased("<!--", at: open) {
                    // A comment's "<script>" is text: skip to its end, as libxml2 does.
                    index = page.firstIndex(ofLowercased: "-->", from: open + 4).map { $0 + 3 } ?? page.count
                    continue
                }
                if let name = codeElement(in: page, at: open + 1) {
                    guard let tagEnd = endOfTag(in: page, from: open + 1 + name.utf8.count) else { continue }
                    index = tagEnd + 1
                    // `<script … />` is closed on the spot by libxml2's HTML parser: it has no body.
                    if page[tagEnd - 1] == UInt8(ascii: "/") { continue }
                    // The body runs to "</script" or "</style", as libxml2 ends it (or to the end of the page).
                    let close = page.firstIndex(ofLowercased: "</" + name, from: tagEnd + 1) ?? page.count
                    // JSON-LD stays, read as libxml2 reads it: raw text, where a "<b class=…>" is no tag.
                    if name == "script" && page.firstIndex(ofLowercased: "ld+json", from: open, to: tagEnd) != nil {
                        index = close
                        continue
                    }
                    copy(upTo: tagEnd + 1)
                    copied = close
                    index = close
                    continue
                }
                guard dropsAttributes, let tag = StartTag(in: page, at: open, attributes: &attributes) else {
                    // Not a plain tag: step over it whole, so that nothing inside its attribute values is taken for a tag.
                    if open + 1 < page.count, isLetter(page[open + 1]), let tagEnd = endOfTag(in: page, from: open + 1) { index = tagEnd + 1 }
                    continue
                }
                index = tag.end + 1
                guard attributes.contains(where: { !isRead($0.name, in: page) }) else { continue }
                copy(upTo: open)
                out.append(contentsOf: page[open..<tag.nameEnd])
                for attribute in attributes where isRead(attribute.name, in: page) {
                    out.append(32)
                    out.append(contentsOf: page[attribute.whole])
                }
                // A space before "/>": after an unquoted value the "/" would be read as part of it.
                out.append(contentsOf: tag.selfClosing ? [32, UInt8(ascii: "/"), UInt8(ascii: ">")] : [UInt8(ascii: ">")])
                copied = tag.end + 1
            }
            guard copied > 0 else { return html }
            copy(upTo: page.count)
            return out
        }
    }

    /// A start tag in the plain form libxml2 2.9's `htmlParseStartTag` reads: `<` name, then attributes —
    /// a name, optionally `=` and a value in double or single quotes or unquoted up to a blank or `>` — separated
    /// by blanks (space, tab, LF, CR), ending in `>` or `/>`. Names are what `htmlParseHTMLName` takes whole: a
    /// letter, then letters, digits, `:`, `-`, `_`, `.`, under its 100-byte buffer.
    struct StartTag {
        struct Attribute {
            /// The attribute as written: name, and `=` and value if any.
            let whole: Range<Int>
            let name: Range<Int>
        }

        /// Where the element name ends.
        let nameEnd: Int
        /// The index of the closing `>`.
        let end: Int
        let selfClosing: Bool

        /// The tag opening at `open` ("<"), its attributes in `attributes`; nil when it strays from the plain form.
        init?(in page: UnsafeBufferPointer<UInt8>, at open: Int, attributes: inout [Attribute]) {
            guard let nameEnd = PageTrimmer.nameEnd(in: page, from: open + 1) else { return nil }
            self.nameEnd = nameEnd
            attributes.removeAll(keepingCapacity: true)
            var index = nameEnd
            while true {
                index = PageTrimmer.skipBlanks(in: page, from: index)
                guard index < page.count else { return nil }
                switch page[index] {
                case UInt8(ascii: ">"):
                    (end, selfClosing) = (index, false)
                    return
                case UInt8(ascii: "/"):
                    guard index + 1 < page.count, page[index + 1] == UInt8(ascii: ">") else { return nil }
                    (end, selfClosing) = (index + 1, true)
                    return
                default:
                    guard let attributeNameEnd = PageTrimmer.nameEnd(in: page, from: index) else { return nil }
                    let start = index
                    index = attributeNameEnd
                    let afterBlanks = PageTrimmer.skipBlanks(in: page, from: index)
                    if afterBlanks < page.count, page[afterBlanks] == UInt8(ascii: "=") {
                        let value = PageTrimmer.skipBlanks(in: page, from: afterBlanks + 1)
                        guard value < page.count else { return nil }
                        let quote = page[value]
                        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                            guard let close = page.firstIndex(of: quote, from: value + 1) else { return nil }
                            index = close + 1
                        } else {
                            var valueEnd = value
                            while valueEnd < page.count, !PageTrimmer.isBlank(page[valueEnd]), page[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                            // An empty value is an error libxml2 recovers from its own way.
                            guard valueEnd > value, valueEnd < page.count else { return nil }
                            index = valueEnd
                        }
                    }
                    attributes.append(Attribute(whole: start..<index, name: start..<attributeNameEnd))
                }
            }
        }
    }

    /// The end of a name starting at `start`, or nil when none starts there or it is too long for libxml2 to read whole.
    private static func nameEnd(in page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < page.count, isLetter(page[start]) else { return nil }
        var index = start + 1
        while index < page.count, isNameByte(page[index]) { index += 1 }
        return index - start < 100 ? index : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { HintSet.lower(byte) >= 97 && HintSet.lower(byte) <= 122 }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (48...57).contains(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    /// libxml2's IS_BLANK_CH: space, tab, LF, CR (not form feed).
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    private static func skipBlanks(in page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < page.count, isBlank(page[index]) { index += 1 }
        return index
    }

    /// "script" or "style" when the tag opening at `start` (just past "<") is one, in any case.
    private static func codeElement(in page: UnsafeBufferPointer<UInt8>, at start: Int) -> String? {
        // Most tags are neither: one byte tells.
        guard start < page.count, HintSet.lower(page[start]) == UInt8(ascii: "s") else { return nil }
        for name in ["script", "style"] where page.hasLowercased(name, at: start) {
            let after = start + name.utf8.count
            // "<scripts>" or "<style-guide>" is another element.
            guard after < page.count else { return nil }
            let byte = page[after]
            return byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 32 || (9...13).contains(byte) ? name : nil
        }
        return nil
    }

    /// The index of the ">" that ends a start tag whose attributes begin at `start`; a ">" inside a quoted
    /// attribute value (a quote right after "=") does not end it.
    private static func endOfTag(in page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8?
        var afterEquals = false
        for index in start..<page.count {
            let byte = page[index]
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if byte == UInt8(ascii: ">") { return index }
            if afterEquals && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) { quote = byte }
            if byte == UInt8(ascii: "=") { afterEquals = true } else if byte != 32 && !(9...13).contains(byte) { afterEquals = false }
        }
        return nil
    }
}
