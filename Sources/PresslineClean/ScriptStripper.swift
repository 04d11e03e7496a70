import Glibc

/// Empties the bodies of `<script>` and `<style>` elements before libxml2 reads a page.
///
/// On the aeb-dev pages they are over half the bytes (scripts 29 %, styles 26 %), libxml2 2.9 reads their
/// bodies a character at a time, and the clean stage drops them unread — all but JSON-LD, which is kept.
/// The elements stay, empty, so the tree keeps its shape.
///
/// ```swift
/// let bytes = ScriptStripper.stripped(Array(html.utf8))
/// ```
enum ScriptStripper {
    /// `html` with the body of every `<script>` (other than `type="application/ld+json"`) and `<style>` removed.
    static func stripped(_ html: [UInt8]) -> [UInt8] {
        html.withUnsafeBufferPointer { page in
            var out: [UInt8] = []
            var copied = 0
            var index = 0
            while let open = next(UInt8(ascii: "<"), in: page, from: index) {
                index = open + 1
                if starts(page, at: open, with: "<!--") {
                    // A comment's "<script>" is text: skip to its end, as libxml2 does.
                    index = find("-->", in: page, from: open + 4).map { $0 + 3 } ?? page.count
                    continue
                }
                guard let name = codeElement(in: page, at: open + 1), let tagEnd = endOfTag(in: page, from: open + 1 + name.utf8.count) else { continue }
                index = tagEnd + 1
                // `<script … />` is closed on the spot by libxml2's HTML parser: it has no body.
                if page[tagEnd - 1] == UInt8(ascii: "/") { continue }
                if name == "script" && find("ld+json", in: page, from: open, to: tagEnd) != nil { continue }
                // The body runs to "</script" or "</style", as libxml2 ends it (or to the end of the page).
                let close = find("</" + name, in: page, from: tagEnd + 1) ?? page.count
                if out.isEmpty { out.reserveCapacity(page.count) }
                out.append(contentsOf: page[copied...tagEnd])
                copied = close
                index = close
            }
            guard copied > 0 else { return html }
            out.append(contentsOf: page[copied...])
            return out
        }
    }

    /// "script" or "style" when the tag opening at `start` (just past "<") is one, in any case.
    private static func codeElement(in page: UnsafeBufferPointer<UInt8>, at start: Int) -> String? {
        // Most tags are neither: one byte tells.
        guard start < page.count, HintSet.lower(page[start]) == UInt8(ascii: "s") else { return nil }
        for name in ["script", "style"] where starts(page, at: start, with: name) {
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

    private static func next(_ byte: UInt8, in page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < page.count, let found = memchr(page.baseAddress! + start, Int32(byte), page.count - start) else { return nil }
        return page.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Where `needle` (lower-case ASCII) first occurs in `page[start..<end]`, ignoring ASCII case.
    private static func find(_ needle: String, in page: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil) -> Int? {
        let first = needle.utf8.first!
        let last = (end ?? page.count) - needle.utf8.count
        var index = start
        // A needle opening with something other than a letter ("<", "-") is found by memchr.
        let caseless = !(97...122).contains(first)
        while index <= last {
            if caseless {
                guard let candidate = next(first, in: page, from: index), candidate <= last else { return nil }
                index = candidate
            }
            if HintSet.lower(page[index]) == first && starts(page, at: index, with: needle) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `page` holds `prefix` (lower-case ASCII) at `start`, ignoring ASCII case.
    private static func starts(_ page: UnsafeBufferPointer<UInt8>, at start: Int, with prefix: String) -> Bool {
        guard start + prefix.utf8.count <= page.count else { return false }
        var index = start
        for expected in prefix.utf8 {
            if HintSet.lower(page[index]) != expected { return false }
            index += 1
        }
        return true
    }
}
