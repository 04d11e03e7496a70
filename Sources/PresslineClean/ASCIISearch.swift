import Glibc

/// Byte searches that ignore ASCII case, over a page's bytes or a node's text as libxml2 holds them:
/// no String is built, and a needle opening with anything but a letter is found by `memchr`.
///
/// ```swift
/// page.firstIndex(ofLowercased: "</script", from: start)
/// ```
extension UnsafeBufferPointer<UInt8> {
    /// Where `byte` first occurs from `start`.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let found = memchr(baseAddress! + start, Int32(byte), count - start) else { return nil }
        return baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Where `needle` (lower-case ASCII) first occurs in `self[start..<end]`, ignoring ASCII case.
    func firstIndex(ofLowercased needle: String, from start: Int, to end: Int? = nil) -> Int? {
        let first = needle.utf8.first!
        let last = (end ?? count) - needle.utf8.count
        let caseless = !(97...122).contains(first)
        var index = start
        while index <= last {
            if caseless {
                guard let candidate = firstIndex(of: first, from: index), candidate <= last else { return nil }
                index = candidate
            }
            if HintSet.lower(self[index]) == first && hasLowercased(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `prefix` (lower-case ASCII) stands at `start`, ignoring ASCII case.
    func hasLowercased(_ prefix: String, at start: Int) -> Bool {
        guard start >= 0, start + prefix.utf8.count <= count else { return false }
        var index = start
        for expected in prefix.utf8 {
            if HintSet.lower(self[index]) != expected { return false }
            index += 1
        }
        return true
    }
}
