import Synchronization

/// Tagger features of words seen in earlier articles of this process, shared by its threads.
///
/// A word's features depend on its text alone (the hint is set per use), and news repeats its words from
/// article to article, so computing them anew for each article repeats work. The cache
/// is bounded, emptied when full, so a long run's memory stays flat.
///
/// ```swift
/// let word = WordFeatureCache.shared.features(of: "Rutte")   // computed once per process
/// ```
final class WordFeatureCache: Sendable {
    static let shared = WordFeatureCache(capacity: 20_000)

    private let capacity: Int
    private let words = Mutex<[String: TaggerFeatures.Word]>([:])

    init(capacity: Int) { self.capacity = capacity }

    /// The features of `text` (with hint `.outside`; callers set their own).
    func features(of text: String) -> TaggerFeatures.Word {
        if let word = words.withLock({ $0[text] }) { return word }
        let word = TaggerFeatures.Word(text, hint: .outside)
        words.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[text] = word
        }
        return word
    }
}
