import Foundation

/// Whitespace and Unicode normalisation that leaves quotes and apostrophes as they are.
enum TextNormalizer {
    /// Collapses runs of whitespace (including non-breaking spaces) to one space and trims; NFC.
    static func collapseSpaces(_ text: String) -> String {
        // Built as UTF-8 bytes: appending scalars to a String one by one is slow for every block of every page.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var suspicious = false
        var mayNeedComposing = false
        for scalar in text.unicodeScalars {
            if scalar.value < 128 {
                if scalar == " " || (scalar.value >= 9 && scalar.value <= 13) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(32); pendingSpace = false }
                out.append(UInt8(scalar.value))
                continue
            }
            if scalar.value <= 0x9F || scalar == "€" { suspicious = true }
            if isSpace(scalar) || scalar == "\u{200B}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(32); pendingSpace = false }
            if !mayNeedComposing && !CharacterCount.isAlone(scalar.value) { mayNeedComposing = true }
            UTF8.encode(scalar) { out.append($0) }
        }
        var collapsed = String(decoding: out, as: UTF8.self)
        if suspicious, let repaired = repairingMojibake(collapsed) { collapsed = repaired }
        // Most text is already composed, and NFC costs more than the rest of this function.
        return mayNeedComposing || suspicious ? composed(collapsed) : collapsed
    }

    /// `text` in Normalization Form C. The standard library's own normaliser (the one String comparison
    /// uses) rather than Foundation's `precomposedStringWithCanonicalMapping`, which bridges through NSString
    /// on Linux, for every block of text outside Latin. The two agree on
    /// every character both know (a test holds them equal over the BMP; the standard library's tables are newer).
    static func composed(_ text: String) -> String {
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// `scalar.properties.isWhitespace` beyond ASCII: Unicode's White_Space set, written out because the
    /// property look-up is slow for a test asked of every scalar. A test holds the two equal.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
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
