import CLibXML2

/// A list of lowercase class/id fragments, matched as byte substrings: `String.contains` goes through
/// Foundation on Linux, for every element's class and id against every fragment.
///
/// ```swift
/// let hints = HintSet(["comment", "share"])
/// hints.matches(node)   // class or id contains one of them
/// ```
struct HintSet {
    private let needles: [[UInt8]]
    /// For each byte value, the needles that begin with it: one pass over the haystack tries only those,
    /// instead of a pass per needle (every element's class is tested against some fifty fragments).
    private let needlesByFirstByte: [[Int]]
    /// A bit per pair of bytes that begins a needle (a needle of one byte sets every pair it begins): most
    /// positions of a class name begin no needle's pair and are passed over at one bit test, where the
    /// first-byte table alone sent every letter to its candidates.
    private let leadingPairs: [UInt64]

    init(_ fragments: [String]) {
        needles = fragments.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        var table = [[Int]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        func mark(_ pair: Int) { pairs[pair >> 6] |= 1 << UInt64(pair & 63) }
        for (index, needle) in needles.enumerated() {
            table[Int(needle[0])].append(index)
            if needle.count > 1 { mark(Int(needle[0]) << 8 | Int(needle[1])) } else { for next in 0..<256 { mark(Int(needle[0]) << 8 | next) } }
        }
        needlesByFirstByte = table
        leadingPairs = pairs
    }

    /// The fragments, lowercased.
    var fragments: [String] { needles.map { String(decoding: $0, as: UTF8.self) } }

    /// Whether the node's class or id contains one of the fragments.
    func matches(_ node: Node) -> Bool { matches(bytes: node.classAndIDBytes) }

    /// Whether `text` (lowercased by the caller or not) contains one of the fragments, ignoring ASCII case.
    func matches(_ text: String) -> Bool { matches(bytes: Array(text.utf8).map(Self.lower)) }

    func matches(bytes haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { text in
            leadingPairs.withUnsafeBufferPointer { pairs in
                for start in text.indices {
                    // The last byte pairs with a zero: only a one-byte needle (which marks every pair) can start there.
                    let pair = Int(text[start]) << 8 | (start + 1 < text.count ? Int(text[start + 1]) : 0)
                    guard pairs[pair >> 6] & 1 << UInt64(pair & 63) != 0 else { continue }
                    for candidate in needlesByFirstByte[Int(text[start])] where Self.occurs(needles[candidate], in: text, at: start) {
                        return true
                    }
                }
                return false
            }
        }
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    private static func occurs(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + needle.count <= text.count else { return false }
        for offset in 1..<needle.count where text[start + offset] != needle[offset] { return false }
        return true
    }
}

extension Node {
    /// The class and id attributes, ASCII-lowercased bytes separated by a space.
    ///
    /// Read in place from the attribute's text: every element is asked this by several hint sets, and
    /// `xmlGetProp`'s copy of each value (a malloc and a free) was most of what it cost.
    var classAndIDBytes: [UInt8] { hintBytes(id: attributeText("id")) }

    /// ``classAndIDBytes`` without the id: where the id names the element's text, not its role.
    var classBytes: [UInt8] { hintBytes(id: nil) }

    private func hintBytes(id: UnsafePointer<xmlChar>?) -> [UInt8] {
        let classes = attributeText("class")
        // Most elements have neither: no array storage for them.
        if classes == nil && id == nil { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(2 + (classes.map { Int(xmlStrlen($0)) } ?? 0) + (id.map { Int(xmlStrlen($0)) } ?? 0))
        for value in [classes, id] {
            guard var cursor = value else { continue }
            while cursor.pointee != 0 {
                out.append(HintSet.lower(cursor.pointee))
                cursor += 1
            }
            out.append(32)
        }
        return out
    }
}
