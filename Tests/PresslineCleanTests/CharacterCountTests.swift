import Testing
@testable import PresslineClean

@Suite("Character counts off UTF-8 bytes, as String.count gives them")
struct CharacterCountTests {
    /// Every scalar the byte count claims beside every other, and beside a combining mark, ZWJ and CR: the
    /// grapheme rules join none of the claimed pairs, and the others go to the breaker.
    @Test("every pair of claimed scalars counts as String.count does")
    func pairs() {
        let claimed = (0..<0x3000).filter(CharacterCount.isAlone).compactMap(Unicode.Scalar.init)
        let scalars = claimed + ["\u{0301}", "\u{200D}", "\r", "\u{1100}"]
        var mismatches: [String] = []
        for first in scalars {
            for second in scalars {
                var text = String(first)
                text.unicodeScalars.append(second)
                let expected = (text.count, text.filter { $0 == "," }.count)
                let counted = CharacterCount.of(text, marks: ",")
                if counted.characters != expected.0 || counted.marks != expected.1 {
                    mismatches.append("U+\(String(first.value, radix: 16)) U+\(String(second.value, radix: 16))")
                }
            }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(10))")
        #expect(claimed.count > 0x300)
    }

    @Test("text the byte count cannot settle goes to the grapheme breaker", arguments: [
        "Café NOËL\u{0301}", "a\r\nb", "👩‍👩‍👧 family", "한국어", "e\u{0301},", "“Quoted,” she said, twice.",
    ])
    func breaker(_ text: String) {
        let counted = CharacterCount.of(text, marks: ",")
        #expect(counted.characters == text.count)
        #expect(counted.marks == text.filter { $0 == "," }.count)
    }

    @Test("bytes that are not UTF-8 are left to String's repair")
    func invalid() {
        for bytes: [UInt8] in [[0x61, 0x80], [0xC3], [0xC3, 0x41], [0xC0, 0xAF], [0xE2, 0x80], [0xE0, 0x80, 0xAF], [0xF0, 0x9F, 0x98, 0x80]] {
            #expect(bytes.withUnsafeBufferPointer { CharacterCount.simple($0, marks: 0) } == nil)
        }
        let counted = [0x61, 0xC3, 0xA9, 0x2C, 0xE2, 0x80, 0x9D].withUnsafeBufferPointer { CharacterCount.simple($0, marks: 0x2C) }
        #expect(counted?.characters == 4 && counted?.marks == 1)
    }

    @Test("isShorter counts characters, not bytes")
    func shorter() {
        #expect(CharacterCount.isShorter("abc", than: 4))
        #expect(!CharacterCount.isShorter("abcd", than: 4))
        #expect(CharacterCount.isShorter("éééé", than: 5))
        #expect(!CharacterCount.isShorter("éééé", than: 4))
        #expect(CharacterCount.isShorter("e\u{0301}e\u{0301}e\u{0301}", than: 4))
    }
}
