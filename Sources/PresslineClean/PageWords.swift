import Foundation

/// The words of a page's text, for the page-type model's `w:` features: runs of ASCII letters and apostrophes,
/// lower-cased, each weighed by how often the page uses it.
///
/// What a page says tells its purpose on sites the model never saw: "cart" and "shipping" a shop, "reply" and
/// "joined" a forum, "services" and "contact" a firm's page, "said" a news story. The trainer keeps only words
/// that pages of many tune sites use (`--min-word-sites`), so a site's own vocabulary is not learnt
/// (docs/MODELS.md; `make eval-pagetype` reports both halves).
///
/// ```swift
/// var words = PageWords(vocabulary: model.vocabulary)
/// words.read(textBytes)
/// let weighed = words.weighed()   // [(position in the vocabulary, value)]
/// ```
struct PageWords {
    /// The words counted; nil counts every word by its spelling (training, which chooses the vocabulary after).
    let vocabulary: WordVocabulary?
    private(set) var total = 0
    /// Per vocabulary position, how often the page used the word, and the positions used.
    private var counts: [UInt32]
    private var used: [Int32] = []
    /// Training only: every word, by spelling.
    private var spelled: [String: Int] = [:]

    init(vocabulary: WordVocabulary?) {
        self.vocabulary = vocabulary
        counts = [UInt32](repeating: 0, count: vocabulary?.count ?? 0)
    }

    /// Counts the words of one text node.
    mutating func read(_ text: UnsafeBufferPointer<UInt8>) {
        var hash = WordVocabulary.offset
        var start = 0
        for index in text.indices {
            let byte = text[index], lower = byte | 0x20
            if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || byte == UInt8(ascii: "'") {
                hash = (hash ^ UInt64(lower)) &* WordVocabulary.prime
                continue
            }
            if index > start { count(hash, spelling: text[start..<index]) }
            hash = WordVocabulary.offset
            start = index + 1
        }
        if text.count > start { count(hash, spelling: text[start...]) }
    }

    private mutating func count(_ hash: UInt64, spelling: Slice<UnsafeBufferPointer<UInt8>>) {
        total += 1
        guard let vocabulary else {
            spelled[String(decoding: spelling.map { $0 | 0x20 }, as: UTF8.self), default: 0] += 1
            return
        }
        guard let position = vocabulary.position(of: hash) else { return }
        if counts[position] == 0 { used.append(Int32(position)) }
        counts[position] += 1
    }

    /// Each vocabulary word the page used, by position, with its value (``value(count:)``).
    func weighed() -> [(position: Int, value: Double)] {
        used.map { (Int($0), value(count: counts[Int($0)])) }
    }

    /// Training only: every word the page used, as `w:word`, with its value.
    func named() -> [(name: String, value: Double)] {
        spelled.map { ("w:" + $0.key, value(count: UInt32($0.value))) }
    }

    /// 0.2 × log(1 + per-mille frequency): a word's share of the page, on the scale of the other features, so
    /// that a long page does not count for more than a short one.
    private func value(count: UInt32) -> Double {
        0.2 * log1p(1000 * Double(count) / Double(max(1, total)))
    }
}

/// The words a page-type model weighs, found by the FNV-1a hash ``PageWords`` computes as it reads: an
/// open-addressing table of hashes, because a page asks it once per word (a Swift dictionary re-hashing each
/// key cost more than the rest of the page-type features; docs/BENCHMARKS.md, "Page types").
public struct WordVocabulary: Sendable {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3
    /// The words, in position order.
    let words: [String]
    private let hashes: [UInt64]
    private let positions: [Int32]
    private let mask: Int

    init(words: [String]) {
        self.words = words
        var size = 16
        while size < words.count * 4 { size *= 2 }
        var hashes = [UInt64](repeating: 0, count: size), positions = [Int32](repeating: -1, count: size)
        for (position, word) in words.enumerated() {
            let hash = Self.hash(word.utf8)
            var slot = Self.slot(hash, mask: size - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (size - 1) }
            hashes[slot] = hash
            positions[slot] = Int32(position)
        }
        (self.hashes, self.positions, mask) = (hashes, positions, size - 1)
    }

    var count: Int { words.count }

    /// The position of the word whose hash is `hash`, if it is one of the words.
    func position(of hash: UInt64) -> Int? {
        var slot = Self.slot(hash, mask: mask)
        while hashes[slot] != 0 {
            if hashes[slot] == hash { return Int(positions[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// FNV-1a of `bytes`.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(offset) { ($0 ^ UInt64($1)) &* prime }
    }

    /// FNV's high bits mix best.
    private static func slot(_ hash: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: hash >> 40) & mask }
}
