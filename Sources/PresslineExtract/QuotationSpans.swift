/// A quotation in the text: its span with the marks, and the quoted words inside.
struct QuotationSpan: Equatable {
    /// Code points from the opening mark to after the closing mark (or to the paragraph's end).
    let outer: Range<Int>
    /// The quoted words.
    let inner: Range<Int>
}

/// Finds quotations the way news prints them: “…”, "…", ''…'' (NYT style), ‘…’ with a clear
/// opening and closing, the outermost only, never across a paragraph, except that a quotation left
/// open at a paragraph's end runs to that end when the next paragraph opens a quotation again
/// (the convention for a quote of several paragraphs).
enum QuotationScanner {
    private enum Mark { case curly, straight, doubleApostrophe, single }

    static func spans(_ scalars: [Unicode.Scalar]) -> [QuotationSpan] {
        var out: [QuotationSpan] = []
        var open: (start: Int, width: Int, mark: Mark)?
        /// Quotations of the other kind of mark opened inside the open one.
        var nested = 0
        var index = 0
        let count = scalars.count
        func isLetter(_ i: Int) -> Bool { i >= 0 && i < count && scalars[i].properties.isAlphabetic }
        while index < count {
            let scalar = scalars[index]
            if scalar == "\n" {
                if let current = open, current.mark != .single, opensQuotation(after: index, scalars) {
                    out.append(QuotationSpan(outer: current.start..<index, inner: (current.start + current.width)..<index))
                }
                open = nil
                index += 1
                continue
            }
            let doubled = scalar == "'" && index + 1 < count && scalars[index + 1] == "'"
            switch (scalar, open?.mark) {
            case ("“", nil), ("“", .single):
                open = (index, 1, .curly)
                nested = 0
            case ("”", .curly?):
                out.append(close(open!, at: index, width: 1))
                open = nil
            case ("\"", nil), ("\"", .single):
                open = (index, 1, .straight)
                nested = 0
            case ("\"", .straight?):
                out.append(close(open!, at: index, width: 1))
                open = nil
            // Mixed marks, a common slip ("But Pete Wilson won,” Axelrod said): the other kind of closing mark
            // closes, unless it ends a quotation nested inside (“He said "no" to me”).
            case ("“", .straight?):
                nested += 1
            case ("”", .straight?):
                if nested > 0 { nested -= 1 } else {
                    out.append(close(open!, at: index, width: 1))
                    open = nil
                }
            case ("\"", .curly?):
                if index > 0, scalars[index - 1].properties.isWhitespace { nested += 1 }
                else if nested > 0 { nested -= 1 }
                else if index + 1 >= count || !isLetter(index + 1) {
                    out.append(close(open!, at: index, width: 1))
                    open = nil
                }
            case ("'", nil) where doubled, ("'", .single) where doubled:
                open = (index, 2, .doubleApostrophe)
                index += 1
            case ("'", .doubleApostrophe?) where doubled:
                out.append(close(open!, at: index, width: 2))
                open = nil
                index += 1
            case ("‘", nil) where !isLetter(index - 1):
                open = (index, 1, .single)
            case ("’", .single?) where !isLetter(index + 1):
                // ’ followed by a letter is an apostrophe (don’t), not a closing mark.
                out.append(close(open!, at: index, width: 1))
                open = nil
            default:
                break
            }
            index += 1
        }
        return out
    }

    private static func close(_ open: (start: Int, width: Int, mark: Mark), at index: Int, width: Int) -> QuotationSpan {
        QuotationSpan(outer: open.start..<(index + width), inner: (open.start + open.width)..<index)
    }

    /// Whether the next paragraph after the line break at `index` starts with an opening mark.
    private static func opensQuotation(after index: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        var next = index
        while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
        guard next < scalars.count else { return false }
        return scalars[next] == "“" || scalars[next] == "\"" || (scalars[next] == "'" && next + 1 < scalars.count && scalars[next + 1] == "'")
    }
}
