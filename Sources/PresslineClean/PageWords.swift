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

    /// Counts the words of one text.
    mutating func read(_ text: UnsafeBufferPointer<UInt8>) {
        Self.letters.withUnsafeBufferPointer { letters in
            var hash = WordHash()
            var start = 0
            for index in text.indices {
                let letter = letters[Int(text[index])]
                if letter != 0 {
                    hash.add(letter)
                    continue
                }
                if index > start { count(hash.value, spelling: UnsafeBufferPointer(rebasing: text[start..<index])) }
                hash = WordHash()
                start = index + 1
            }
            if text.count > start { count(hash.value, spelling: UnsafeBufferPointer(rebasing: text[start...])) }
        }
    }

    /// Per byte, its lower-case form when it belongs to a word (an ASCII letter or an apostrophe), else 0.
    private static let letters: [UInt8] = (0...255).map { byte in
        let lower = UInt8(byte) | 0x20
        if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") { return lower }
        return byte == Int(UInt8(ascii: "'")) ? UInt8(byte) : 0
    }

    private mutating func count(_ hash: UInt64, spelling: UnsafeBufferPointer<UInt8>) {
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

/// A word's hash as ``PageWords`` reads it, a byte at a time: eight letters are gathered into one number and
/// mixed by one multiplication, not one multiplication per byte: the word loop is most of what the page-type
/// features cost (docs/BENCHMARKS.md, "Page types"; `PageWordsTests` guards that words hash alike both ways).
struct WordHash {
    private var mixed: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var gathered: UInt64 = 0
    private var gatheredCount = 0

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        gathered = gathered << 8 | UInt64(byte)
        gatheredCount += 1
        if gatheredCount == 8 {
            mixed = Self.mix(mixed ^ gathered)
            (gathered, gatheredCount) = (0, 0)
        }
    }

    /// The hash of the bytes added. Words hold no NUL byte, so the gathered letters of a short word are unique to
    /// it.
    var value: UInt64 { Self.mix(mixed ^ gathered ^ UInt64(gatheredCount) << 59) }

    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0xFF51_AFD7_ED55_8CCD
        return product ^ product >> 32
    }
}

/// The words a page-type model weighs, found by the hash ``PageWords`` computes as it reads: an open-addressing
/// table of hashes, because a page asks it once per word (a Swift dictionary re-hashing each key cost more than
/// the rest of the page-type features; docs/BENCHMARKS.md, "Page types").
public struct WordVocabulary: Sendable {
    /// The words, in position order.
    let words: [String]
    /// Half empty, so that a look-up ends within a slot or two. A slot holds the low half of a word's hash (the
    /// slot comes from its high bits) beside its position: eight bytes, so the table stays in the cache.
    private let slots: [(check: UInt32, position: Int32)]
    private let mask: Int

    init(words: [String]) {
        self.words = words
        var size = 16
        while size < words.count * 2 { size *= 2 }
        var slots = [(check: UInt32, position: Int32)](repeating: (0, -1), count: size)
        for (position, word) in words.enumerated() {
            let hash = Self.hash(word.utf8)
            var slot = Self.slot(hash, mask: size - 1)
            while slots[slot].position >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = (UInt32(truncatingIfNeeded: hash), Int32(position))
        }
        (self.slots, mask) = (slots, size - 1)
    }

    var count: Int { words.count }

    /// The position of the word whose hash is `hash`, if it is one of the words.
    func position(of hash: UInt64) -> Int? {
        var slot = Self.slot(hash, mask: mask)
        let check = UInt32(truncatingIfNeeded: hash)
        while slots[slot].position >= 0 {
            if slots[slot].check == check { return Int(slots[slot].position) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The ``WordHash`` of `bytes`, as ``PageWords`` computes it for a word spelt so (lower-case).
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = WordHash()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }

    private static func slot(_ hash: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: hash >> 40) & mask }
}
