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

    @Test("isShorter counts characters, not bytes")
    func shorter() {
        #expect(CaseFolding.isShorter("abc", than: 4))
        #expect(!CaseFolding.isShorter("abcd", than: 4))
        #expect(CaseFolding.isShorter("éééé", than: 5))
        #expect(!CaseFolding.isShorter("éééé", than: 4))
        #expect(CaseFolding.isShorter("e\u{0301}e\u{0301}e\u{0301}", than: 4))
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
