import Foundation

/// Whitespace and Unicode normalisation that leaves quotes and apostrophes as they are.
enum TextNormalizer {
    /// Collapses runs of whitespace (including non-breaking spaces) to one space and trims; NFC.
    static func collapseSpaces(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var suspicious = false
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80 && scalar.value <= 0x9F || scalar == "€" { suspicious = true }
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
        if suspicious, let repaired = repairingMojibake(out) { out = repaired }
        return out.precomposedStringWithCanonicalMapping
    }

    /// Windows-1252's characters for the bytes 0x80–0x9F, which mojibake shows in place of those bytes.
    private static let windows1252: [Unicode.Scalar: UInt8] = [
        "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8A,
        "‹": 0x8B, "Œ": 0x8C, "Ž": 0x8E, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97,
        "˜": 0x98, "™": 0x99, "š": 0x9A, "›": 0x9B, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F,
    ]

    /// "Investorâ\u{80}\u{99}s" → "Investor’s": UTF-8 bytes a page decoded as Latin-1 or Windows-1252 and
    /// served that way. Undone only when every character maps back to a byte and the bytes are valid
    /// UTF-8, so text that merely contains "€" or "â" stays as it is.
    static func repairingMojibake(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.value <= 0xFF { bytes.append(UInt8(scalar.value)) } else if let byte = windows1252[scalar] { bytes.append(byte) } else { return nil }
        }
        guard let repaired = String(validating: bytes, as: UTF8.self), repaired != text else { return nil }
        return repaired
    }
}
