/// `String.count` — Characters, i.e. grapheme clusters — read off UTF-8 bytes where the grapheme rules cannot
/// join two scalars. The clean stage measures every block and link it scores, and running the grapheme
/// breaker over each is wasted where no scalar can join another; text with scalars outside ``isAlone(_:)``
/// takes the breaker (`CharacterCountTests` holds the counts equal to `String.count`).
enum CharacterCount {
    /// Scalars the grapheme rules never join to a neighbour (Grapheme_Cluster_Break Other, Control or LF; CR
    /// joins LF): everything below U+0300 — ASCII, Latin-1, Latin Extended, spacing modifiers, where the
    /// combining marks begin — and the punctuation and currency signs of news text (dashes, curly quotes,
    /// ellipsis, primes, the euro), whose neighbours in the blocks ZWJ, ZWNJ and the format controls.
    /// None of them changes under NFC or combines with what follows, so text made of them only is composed
    /// already (``TextNormalizer/collapseSpaces(_:)`` skips NFC for it).
    static func isAlone(_ value: UInt32) -> Bool {
        value < 0x300 && value != 0x0D || (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
            || (0x20A0...0x20C0).contains(value)
    }

    /// The Characters of `utf8` and how many of them are the ASCII byte `mark`; nil when a scalar not
    /// ``isAlone(_:)`` could join its neighbour (then only the grapheme breaker can tell), and for bytes that
    /// are not UTF-8 (libxml2's text is taken as it comes; String would repair them).
    static func simple(_ utf8: UnsafeBufferPointer<UInt8>, marks mark: UInt8) -> (characters: Int, marks: Int)? {
        var characters = 0, marks = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x80 {
                guard byte != UInt8(ascii: "\r") else { return nil }
                if byte == mark { marks += 1 }
                index += 1
            } else {
                // Two- and three-byte scalars only, decoded strictly: no overlong forms (a lead byte of at
                // least 0xC2, a three-byte value of at least U+0800); surrogates lie outside isAlone.
                let length = byte >= 0xC2 && byte < 0xE0 ? 2 : byte >= 0xE0 && byte < 0xF0 ? 3 : 0
                guard length > 0, index + length <= utf8.count else { return nil }
                var value = UInt32(byte) & (length == 2 ? 0x1F : 0x0F)
                for offset in 1..<length {
                    let continuation = utf8[index + offset]
                    guard continuation & 0xC0 == 0x80 else { return nil }
                    value = value << 6 | UInt32(continuation & 0x3F)
                }
                guard length == 2 || value >= 0x800, isAlone(value) else { return nil }
                index += length
            }
            characters += 1
        }
        return (characters, marks)
    }

    /// `text.count`.
    static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { simple($0, marks: 0)?.characters } ?? text.count
    }

    /// `text.count < limit`, reading at most `limit` characters.
    static func isShorter(_ text: String, than limit: Int) -> Bool {
        text.utf8.count < limit || text.prefix(limit).count < limit
    }

    /// `text.count`, and how many Characters are `mark` (an ASCII character such as ",").
    static func of(_ text: String, marks mark: Character) -> (characters: Int, marks: Int) {
        var text = text
        if let counts = text.withUTF8({ simple($0, marks: mark.asciiValue!) }) { return counts }
        var characters = 0, marks = 0
        for character in text {
            characters += 1
            if character == mark { marks += 1 }
        }
        return (characters, marks)
    }
}
