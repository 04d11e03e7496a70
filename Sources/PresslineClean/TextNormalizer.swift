import Foundation

/// Whitespace and Unicode normalisation that leaves quotes and apostrophes as they are.
enum TextNormalizer {
    /// Collapses runs of whitespace (including non-breaking spaces) to one space and trims; NFC.
    static func collapseSpaces(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            // ASCII first: Unicode property look-ups are slow and most text is ASCII.
            let isSpace = scalar.value < 128 ? (scalar == " " || (scalar.value >= 9 && scalar.value <= 13))
                : (scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{200B}")
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out.precomposedStringWithCanonicalMapping
    }
}
