import Foundation

/// Fits a ``PageTypeModel``: softmax regression with an L2 penalty, by full-batch AdaGrad (deterministic: no
/// sampling). A declared type (`ld:`, `md:`, `og:`) is kept only when pages of at least `minSites` sites have
/// it, a word of the text (`w:`) only when pages of `minWordSites` sites use it, so that the model learns what
/// pages of many sites share, not one site's markup or vocabulary.
///
/// ```swift
/// let trainer = PageTypeTrainer(minSites: 3, minWordSites: 20, penalty: 1e-3)
/// let model = trainer.train(examples)
/// ```
public struct PageTypeTrainer {
    /// One labelled page.
    public struct Example: Sendable {
        public var features: [String: Double]
        public var type: PageType
        /// The page's site: vocabulary is counted in sites, not pages.
        public var site: String

        public init(features: [String: Double], type: PageType, site: String) {
            self.features = features
            self.type = type
            self.site = site
        }
    }

    public var minSites: Int
    public var minWordSites: Int
    public var penalty: Double
    public var iterations: Int
    public var learningRate: Double

    public init(minSites: Int = 3, minWordSites: Int = 20, penalty: Double = 1e-3, iterations: Int = 3000, learningRate: Double = 0.5) {
        self.minSites = minSites
        self.minWordSites = minWordSites
        self.penalty = penalty
        self.iterations = iterations
        self.learningRate = learningRate
    }

    /// Features kept: every numeric one, the declared types that `minSites` sites have and the words that
    /// `minWordSites` sites use.
    func vocabulary(_ examples: [Example]) -> [String] {
        var sites: [String: Set<String>] = [:]
        for example in examples {
            for name in example.features.keys { sites[name, default: []].insert(example.site) }
        }
        return sites.filter { name, seen in
            if name.hasPrefix("w:") { return seen.count >= minWordSites }
            return !name.contains(":") || seen.count >= minSites
        }.keys.sorted()
    }

    /// Each example, again without its URL, again without its words and again without its structured data: a
    /// page pushed as a file or inline has no URL, a page in another language than the tune half's English none
    /// of its words, and most sites declare nothing (no JSON-LD, microdata or `og:type`); the model must take no
    /// such absence for evidence (the samples read as files; aeb-dev's Japanese and Portuguese pages; for the
    /// structured data, `make train-pagetype`'s figures on both halves, docs/BENCHMARKS.md).
    static func withAbsences(_ examples: [Example]) -> [Example] {
        func without(_ prefixes: String...) -> [Example] {
            examples.map { example in
                var bare = example
                bare.features = example.features.filter { feature in !prefixes.contains { feature.key.hasPrefix($0) } }
                return bare
            }
        }
        return examples + without("url.") + without("w:") + without("ld:", "md:", "og:")
    }

    /// The model that fits `examples`, with `articleThreshold` as the article cut.
    public func train(_ examples: [Example], articleThreshold: Double = 0.5) -> PageTypeModel {
        let examples = Self.withAbsences(examples)
        let names = vocabulary(examples)
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let rows = examples.map { example in
            example.features.compactMap { name, value in index[name].map { ($0, value) } }.sorted { $0.0 < $1.0 }
        }
        let classes = PageType.allCases.count
        let labels = examples.map { PageType.allCases.firstIndex(of: $0.type)! }
        var weights = [Double](repeating: 0, count: names.count * classes)
        var bias = [Double](repeating: 0, count: classes)
        var squaredWeights = [Double](repeating: 1e-8, count: weights.count)
        var squaredBias = [Double](repeating: 1e-8, count: classes)
        let scale = 1 / Double(max(1, examples.count))
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: weights.count)
            var biasGradient = [Double](repeating: 0, count: classes)
            for (row, label) in zip(rows, labels) {
                var scores = bias
                for (feature, value) in row {
                    for type in 0..<classes { scores[type] += weights[feature * classes + type] * value }
                }
                var probabilities = PageTypeModel.softmax(scores)
                probabilities[label] -= 1
                for type in 0..<classes { biasGradient[type] += probabilities[type] * scale }
                for (feature, value) in row {
                    for type in 0..<classes { gradient[feature * classes + type] += probabilities[type] * value * scale }
                }
            }
            for slot in weights.indices {
                let step = gradient[slot] + penalty * weights[slot]
                squaredWeights[slot] += step * step
                weights[slot] -= learningRate * step / squaredWeights[slot].squareRoot()
            }
            for type in 0..<classes {
                squaredBias[type] += biasGradient[type] * biasGradient[type]
                bias[type] -= learningRate * biasGradient[type] / squaredBias[type].squareRoot()
            }
        }
        var table: [String: [Double]] = [:]
        for (position, name) in names.enumerated() {
            let row = Array(weights[(position * classes)..<((position + 1) * classes)])
            // Weights that stayed near zero say nothing; leaving them out keeps the file small.
            if row.contains(where: { abs($0) > 1e-4 }) { table[name] = row.map { ($0 * 1e5).rounded() / 1e5 } }
        }
        return PageTypeModel(weights: table, bias: bias.map { ($0 * 1e6).rounded() / 1e6 }, articleThreshold: articleThreshold)
    }
}
