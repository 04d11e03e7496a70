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
    func token(atOrAfter offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension Array where Element == Mention {
    /// Mentions starting in `range`, for an array sorted by start.
    func starting(in range: Range<Int>) -> ArraySlice<Mention> {
        func firstIndex(atOrAfter offset: Int) -> Int {
            var low = 0, high = count
            while low < high {
                let mid = (low + high) / 2
                if self[mid].start < offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return self[firstIndex(atOrAfter: range.lowerBound)..<firstIndex(atOrAfter: range.upperBound)]
    }
}
