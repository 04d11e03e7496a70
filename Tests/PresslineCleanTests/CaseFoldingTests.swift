import Foundation
import Testing
@testable import PresslineClean

@Suite("Case folding and trimming as Foundation does them")
struct CaseFoldingTests {
    static let samples = [
        "", "ADVERTISEMENT", "“Related”", "İSTANBUL Straße", "ΣΊΣΥΦΟΣ", "ǅemal", "Ａｂｃ", "𝐀𝐁 ok", "\u{10100}Share\u{10100}",
        "  -- Comments --  ", "Café NOËL\u{0301}", "K\u{212A}", "...", "\u{00A0}Print\u{00A0}",
    ]

    @Test("lowercased matches the standard library's", arguments: samples)
    func lowercased(_ text: String) {
        #expect(CaseFolding.lowercased(text) == text.lowercased())
    }

    @Test("trimming matches Foundation's trimmingCharacters", arguments: samples)
    func trimming(_ text: String) {
        let set = CharacterSet.punctuationCharacters.union(.whitespaces)
        #expect(String(CaseFolding.trimming(text, set)) == text.trimmingCharacters(in: set))
    }
}

@Suite("Spaces beyond ASCII")
struct UnicodeSpaceTests {
    @Test("the written-out White_Space set is the standard library's, over every scalar from U+0080")
    func whiteSpace() {
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TextNormalizer.isSpace(scalar) != scalar.properties.isWhitespace { Issue.record("U+\(String(value, radix: 16))") }
        }
    }
}

@Suite("NFC as Foundation gives it")
struct CompositionTests {
    /// Scalars assigned before Unicode 16 (Foundation's tables on Linux are older than the standard library's:
    /// U+1AEB, new in 16.0, combines in one and not the other).
    @Test("every BMP scalar, alone, after a base letter and before a combining mark, composes as Foundation composes it")
    func bmp() {
        var mismatches: [String] = []
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), (scalar.properties.age?.major ?? 0) < 16 else { continue }
            for text in [String(scalar), "e" + String(scalar), String(scalar) + "\u{0301}"] {
                if Array(TextNormalizer.composed(text).utf8) != Array(text.precomposedStringWithCanonicalMapping.utf8) {
                    mismatches.append("U+\(String(value, radix: 16))")
                }
            }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(10))")
    }

    @Test("decomposed and mixed text", arguments: [
        "Cafe\u{0301} NOE\u{0308}L", "\u{1100}\u{1161}\u{11A8}", "Vie\u{0323}\u{0302}t Nam", "A\u{030A}ngstro\u{0308}m", "Ελλάδα",
        "Москва\u{0301}", "日本語", "q\u{0307}\u{0323}", "\u{0F40}\u{0F71}\u{0F72}", "𝐀 \u{1D15E}",
    ])
    func texts(_ text: String) {
        #expect(Array(TextNormalizer.composed(text).utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8))
    }
}
