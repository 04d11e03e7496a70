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
            while let open = page.firstIndex(of: UInt8(ascii: "<"), from: index) {
                index = open + 1
                if page.hasLowercased("<!--", at: open) {
                    // A comment's "<script>" is text: skip to its end, as libxml2 does.
                    index = page.firstIndex(ofLowercased: "-->", from: open + 4).map { $0 + 3 } ?? page.count
                    continue
                }
                guard let name = codeElement(in: page, at: open + 1), let tagEnd = endOfTag(in: page, from: open + 1 + name.utf8.count) else { continue }
                index = tagEnd + 1
                // `<script … />` is closed on the spot by libxml2's HTML parser: it has no body.
                if page[tagEnd - 1] == UInt8(ascii: "/") { continue }
                if name == "script" && page.firstIndex(ofLowercased: "ld+json", from: open, to: tagEnd) != nil { continue }
                // The body runs to "</script" or "</style", as libxml2 ends it (or to the end of the page).
                let close = page.firstIndex(ofLowercased: "</" + name, from: tagEnd + 1) ?? page.count
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
