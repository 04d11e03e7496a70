import Foundation
import Testing
import PresslineCore
@testable import PresslineJSON

@Suite("String(decodingUTF8:) is String(decoding:as: UTF8.self)")
struct UTF8DecodingTests {
    /// Pieces laid end to end in every order the generator picks: long and short ASCII runs, scalars of every
    /// length, and ill-formed bytes (stray continuations, truncated sequences, overlong forms, surrogates).
    static let pieces: [[UInt8]] = [
        Array(String(repeating: "plain ASCII text, ", count: 9).utf8), Array("ab".utf8), Array("“curly”".utf8),
        Array("é".utf8), Array("e\u{0301}".utf8), Array("한국어".utf8), Array("👩‍👩‍👧".utf8),
        [0x80], [0xBF, 0x80], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0x00],
    ]

    @Test("random mixtures decode as the standard library decodes them")
    func mixtures() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...40, using: &random) { bytes += Self.pieces.randomElement(using: &random)! }
            let expected = String(decoding: bytes, as: UTF8.self)
            let decoded = bytes.withUnsafeBufferPointer { String(decodingUTF8: $0) }
            #expect(Array(decoded.utf8) == Array(expected.utf8), "\(bytes)")
        }
    }

    @Test("a page from disk, whole", arguments: ["", "x", String(repeating: "Grüße aus Köln — “Zitat” ", count: 200)])
    func whole(_ text: String) {
        #expect(String(decodingUTF8: Data(text.utf8)) == text)
    }
}
