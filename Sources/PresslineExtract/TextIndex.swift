import PresslineCore

/// Binary searches over tokens and mentions by code-point offset, so that per-quote
/// and per-mention look-ups stay logarithmic on long texts.
struct TextIndex {
    let tokens: [Token]
    /// Sentence index of each token.
    let sentenceOfToken: [Int]

    init(tokens: [Token], sentences: [Range<Int>]) {
        self.tokens = tokens
        var owner = [Int](repeating: 0, count: tokens.count)
        for (index, sentence) in sentences.enumerated() { for token in sentence { owner[token] = index } }
        sentenceOfToken = owner
    }

    /// Index of the first token starting at or after `offset` (tokens.count when none).
    func token(atOrAfter offset: Int) -> Int { tokens.firstIndex(startingAtOrAfter: offset) }
}

extension Array where Element == Mention {
    /// Mentions starting in `range`, for an array sorted by start.
    func starting(in range: Range<Int>) -> ArraySlice<Mention> {
        self[firstIndex(atOrPast: { $0.start >= range.lowerBound })..<firstIndex(atOrPast: { $0.start >= range.upperBound })]
    }
}
