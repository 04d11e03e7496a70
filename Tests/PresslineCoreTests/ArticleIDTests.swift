import Testing
@testable import PresslineCore

@Suite("Article ids")
struct ArticleIDTests {
    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)).hasPrefix("41edece42d63e8d9bf515a9ba6932e1c"))
        #expect(SHA256.hex("abc".utf8) == SHA256.hex(Array("abc".utf8)))
    }

    @Test("SHA-256 agrees with hashlib around every block boundary", arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
        (10000, "6e97d8601cb17906a4819e0fcc8d03150d3e4331353ecaa516c0084cadad54dd"),
    ])
    func sha256Boundaries(length: Int, expected: String) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        #expect(SHA256.hex(bytes) == expected)
    }

    @Test("article ids come from the canonical URL, else the text")
    func articleIDs() {
        #expect(ArticleRecord.makeID(canonicalURL: "https://x.example/a", text: "one") == ArticleRecord.makeID(canonicalURL: "https://x.example/a", text: "two"))
        #expect(ArticleRecord.makeID(canonicalURL: nil, text: "one").hasPrefix("t-"))
        #expect(ArticleRecord.makeID(canonicalURL: "file:///tmp/a.txt", text: "one") == ArticleRecord.makeID(canonicalURL: nil, text: "one"))
        // Pinned (Python's hashlib): stored articles keep their ids whatever computes the digest.
        #expect(ArticleRecord.makeID(canonicalURL: "https://example.com/a", text: "x") == "u-2dce0a4c50441bfc")
        #expect(ArticleRecord.makeID(canonicalURL: nil, text: "The harbour board met on Monday.") == "t-05e44c43b14e6301")
    }
}
