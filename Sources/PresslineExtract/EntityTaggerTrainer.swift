import PresslineCore

/// Trains an ``EntityTagger``: the averaged perceptron (Collins 2002), greedy left-to-right,
/// with lazily averaged weights. Deterministic for a given seed.
///
/// ```swift
/// var trainer = EntityTaggerTrainer(buckets: 1 << 18)
/// let tagger = trainer.train(sentences, epochs: 10, seed: 1) { epoch, accuracy in print(epoch, accuracy) }
/// try tagger.serialized().write(to: url)
/// ```
public struct EntityTaggerTrainer {
    /// One training sentence with its gold tags.
    public struct Sentence: Sendable {
        public var tokens: [String]
        public var tags: [EntityTagger.Tag]
        /// False for corpora without DATE annotation (UNER): their O on a date is not evidence against DATE.
        public var datesAnnotated: Bool

        public init(tokens: [String], tags: [EntityTagger.Tag], datesAnnotated: Bool) {
            self.tokens = tokens
            self.tags = tags
            self.datesAnnotated = datesAnnotated
        }
    }

    let buckets: Int
    private var weights: [Float]
    private var totals: [Double]
    private var stamps: [Int]
    private var step = 0

    public init(buckets: Int) {
        self.buckets = buckets
        let size = buckets * EntityTagger.classes
        weights = [Float](repeating: 0, count: size)
        totals = [Double](repeating: 0, count: size)
        stamps = [Int](repeating: 0, count: size)
    }

    /// Runs `epochs` passes over `sentences` in a seeded shuffled order; `progress` gets each epoch's token
    /// accuracy and the averaged model so far (for choosing the number of epochs on held-out data).
    public mutating func train(_ sentences: [Sentence], epochs: Int, seed: UInt64,
                               progress: (_ epoch: Int, _ accuracy: Double, _ model: () -> EntityTagger) -> Void) -> EntityTagger {
        // Features that do not depend on earlier tags are computed once for all epochs.
        let prepared: [(words: [TaggerFeatures.Word], features: [[UInt64]])] = sentences.map { sentence in
            let words = zip(sentence.tokens, EntityTagger.hints(for: sentence.tokens)).map { TaggerFeatures.Word($0, hint: $1) }
            var buffer: [UInt64] = []
            let features = words.indices.map { index -> [UInt64] in
                TaggerFeatures.staticFeatures(words, at: index, into: &buffer)
                return buffer
            }
            return (words, features)
        }
        var order = Array(sentences.indices)
        var random = SeededRandom(seed: seed)
        var scores = [Float](repeating: 0, count: EntityTagger.classes)
        var features: [UInt64] = []
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &random)
            var correct = 0, total = 0
            for sentenceIndex in order {
                let sentence = sentences[sentenceIndex], (words, staticFeatures) = prepared[sentenceIndex]
                var previous = EntityTagger.Tag.outside, beforePrevious = EntityTagger.Tag.outside
                for index in words.indices {
                    step += 1
                    features = staticFeatures[index]
                    TaggerFeatures.historyFeatures(previous: previous.rawValue, beforePrevious: beforePrevious.rawValue, word: words[index], into: &features)
                    EntityTagger.score(features, table: weights, buckets: buckets, into: &scores)
                    let guess = EntityTagger.best(scores, after: previous), gold = sentence.tags[index]
                    total += 1
                    if guess == gold { correct += 1 }
                    let unannotatedDate = !sentence.datesAnnotated && gold == .outside && guess.entityType == "DATE"
                    if guess != gold && !unannotatedDate {
                        for feature in features {
                            let row = Int(feature % UInt64(buckets)) * EntityTagger.classes
                            update(row + gold.rawValue, by: 1)
                            update(row + guess.rawValue, by: -1)
                        }
                    }
                    beforePrevious = previous
                    previous = guess
                }
            }
            progress(epoch, Double(correct) / Double(max(1, total))) { averaged() }
        }
        return averaged()
    }

    private mutating func update(_ index: Int, by delta: Float) {
        totals[index] += Double(step - stamps[index]) * Double(weights[index])
        stamps[index] = step
        weights[index] += delta
    }

    private func averaged() -> EntityTagger {
        let steps = Double(max(1, step))
        let average = weights.indices.map { index in
            Float((totals[index] + Double(step - stamps[index]) * Double(weights[index])) / steps)
        }
        return EntityTagger(weights: average, buckets: buckets)
    }
}

extension EntityTagger {
    /// Entity-level F1 (exact span and type) on gold sentences; DATE left out where the corpus lacks it.
    public func spanF1(on sentences: [EntityTaggerTrainer.Sentence]) -> Double {
        var truePositives = 0, predicted = 0, gold = 0
        for sentence in sentences {
            let tags = tag(sentence.tokens, hints: EntityTagger.hints(for: sentence.tokens))
            func spans(_ tags: [Tag]) -> Set<String> {
                Set(EntityRecognizer.spans(of: tags).filter { sentence.datesAnnotated || $0.type != .date }.map { "\($0.range)\($0.type)" })
            }
            let guessed = spans(tags), expected = spans(sentence.tags)
            truePositives += guessed.intersection(expected).count
            predicted += guessed.count
            gold += expected.count
        }
        let precision = Double(truePositives) / Double(max(1, predicted)), recall = Double(truePositives) / Double(max(1, gold))
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }
}
