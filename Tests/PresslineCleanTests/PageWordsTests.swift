import Foundation
import Testing
@testable import PresslineClean

@Suite("Page words (the page-type model's w: features)")
struct PageWordsTests {
    func read(_ text: String, vocabulary: WordVocabulary?) -> PageWords {
        var words = PageWords(vocabulary: vocabulary)
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { words.read(UnsafeBufferPointer($0)) }
        return words
    }

    @Test("words are ASCII letters and apostrophes, case-folded; anything else ends one; only the vocabulary's are counted")
    func counting() {
        let vocabulary = WordVocabulary(words: ["cart", "don't", "said"])
        let words = read("Add to CART. Don't… said, SAID; café cart's", vocabulary: vocabulary)
        #expect(words.total == 8, "Add to CART Don't said SAID caf cart's")
        let counted = Dictionary(uniqueKeysWithValues: words.weighed().map { (vocabulary.words[$0.position], $0.value) })
        #expect(counted.keys.sorted() == ["cart", "don't", "said"])
        #expect(abs(counted["said"]! - 0.2 * log1p(1000 * 2 / 8)) < 1e-12)
        #expect(abs(counted["cart"]! - 0.2 * log1p(1000 * 1 / 8)) < 1e-12)
    }

    @Test("without a vocabulary (training) every word is named, spelt lower-case")
    func training() {
        let named = Dictionary(uniqueKeysWithValues: read("The Cart, the cart's wheel", vocabulary: nil).named())
        #expect(named.keys.sorted() == ["w:cart", "w:cart's", "w:the", "w:wheel"])
        #expect(named["w:the"]! > named["w:wheel"]!)
    }

    @Test("a vocabulary larger than its first table finds every word and no other")
    func lookup() {
        let words = (0..<5000).map { "word\($0)" }
        let vocabulary = WordVocabulary(words: words)
        for (position, word) in words.enumerated() {
            #expect(vocabulary.position(of: WordVocabulary.hash(word.utf8)) == position)
        }
        #expect(vocabulary.position(of: WordVocabulary.hash("absent".utf8)) == nil)
    }

    @Test("a page scored through its vocabulary positions scores as through its words by name")
    func sameScores() throws {
        let model = PageTypeModel(weights: ["w:cart": [-1, 0, 0, 2, 0, 0, 0], "w:said": [1.5, 0, 0, 0, 0, 0, 0], "count.links": [0, 1, 0, 0, 0, 0, 0]],
                                  bias: [0.1, 0, 0, 0, 0, 0, 0], articleThreshold: 0.5)
        let html = "<html><body><p>Add it to the cart, she said. The cart is full, <a href='/x'>he said</a>.</p></body></html>"
        let parsed = try #require(HTMLDocument(html: html))
        let root = try #require(parsed.root)
        var features = PageFeatures(root: root, url: nil, metadata: PageMetadata(root: root))
        features.readWords(model.vocabulary)
        #expect(features.words.count == 2 && !features.values.keys.contains { $0.hasPrefix("w:") })
        let byName = try #require(CleanStage.pageFeatures(html: html, url: nil))
        for (fast, slow) in zip(model.probabilities(features), model.probabilities(byName)) {
            #expect(abs(fast - slow) < 1e-12)
        }
    }
}
