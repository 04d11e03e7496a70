/// Finds the next byte a JSON string cannot hold as itself — `"`, `\` or a control character — eight
/// bytes at a time. Article text is long runs of plain bytes between a few escapes, so a byte-at-a-time
/// loop spends nearly all its time on bytes that need nothing (measured in docs/BENCHMARKS.md, `make bench`;
/// `JSONWriterTests` holds the output equal to Foundation's).
enum JSONStringScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is zero (exact as a yes/no answer: "Bit Twiddling Hacks", haszero).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }

    /// Whether any byte of `word` needs escaping: below 0x20 (hasless), or equal to `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        (word &- ones &* 0x20) & ~word & highBits != 0 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }

    /// The index of the first byte from `start` that needs escaping, or `buffer.count`.
    static func firstSpecial(in buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index + 8 <= buffer.count {
            if needsEscape(buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { break }
            index += 8
        }
        while index < buffer.count, !isSpecial(buffer[index]) { index += 1 }
        return index
    }
}
