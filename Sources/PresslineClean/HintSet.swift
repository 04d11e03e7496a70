import CLibXML2

/// A list of lowercase class/id fragments, matched as byte substrings: `String.contains` goes through
/// Foundation on Linux and was a third of the clean stage's time.
///
/// ```swift
/// let hints = HintSet(["comment", "share"])
/// hints.matches(node)   // class or id contains one of them
/// ```
struct HintSet {
    private let needles: [[UInt8]]

    init(_ fragments: [String]) {
        needles = fragments.map { Array($0.lowercased().utf8) }
    }

    /// Whether the node's class or id contains one of the fragments.
    func matches(_ node: Node) -> Bool { matches(bytes: node.classAndIDBytes) }

    /// Whether `text` (lowercased by the caller or not) contains one of the fragments, ignoring ASCII case.
    func matches(_ text: String) -> Bool { matches(bytes: Array(text.utf8).map(Self.lower)) }

    func matches(bytes haystack: [UInt8]) -> Bool {
        guard !haystack.isEmpty else { return false }
        return needles.contains { Self.contains(haystack, $0) }
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}

extension Node {
    /// The class and id attributes, ASCII-lowercased bytes separated by a space.
    var classAndIDBytes: [UInt8] {
        var out: [UInt8] = []
        for name in ["class", "id"] {
            guard let value = xmlGetProp(pointer, name) else { continue }
            var cursor = value
            while cursor.pointee != 0 {
                out.append(HintSet.lower(cursor.pointee))
                cursor += 1
            }
            pressline_xml_free(value)
            out.append(32)
        }
        return out
    }
}
