import Foundation
import PresslineJSON

/// What a page is: WCXB's seven types. Only articles go on to extract and into `articles`.
public enum PageType: String, CaseIterable, Sendable {
    case article, listing, forum, product, service, collection, documentation
}

/// Multinomial logistic regression over ``PageFeatures``: a weight per feature and type, a bias per type, and
/// the probability of `article` a page needs to count as one. Trained by `pressline-train-pagetype` on
/// WCXB's tune half (docs/MODELS.md); `make eval-pagetype` scores both halves.
///
/// ```swift
/// let (type, score) = PageTypeModel.shipped.get().classify(features)
/// ```
public struct PageTypeModel: Sendable {
    /// Per feature name, one weight per ``PageType`` in `allCases` order.
    let weights: [String: [Double]]
    let bias: [Double]
    /// The least probability of `article` that makes a page an article.
    public let articleThreshold: Double
    /// The article probability from the structure alone (no words) at or above which the words are not read:
    /// where reading them changes no tune page's type (`pressline-train-pagetype` chooses it). Above 1: always
    /// read them.
    public let structureSuffices: Double

    /// The words among the features (`w:`), for ``PageWords`` to count, and their weights by position.
    let vocabulary: WordVocabulary
    /// Row after row, a row of `PageType.allCases.count` per word: one block of memory, read in the order a page
    /// names its words.
    private let wordWeights: [Double]

    init(weights: [String: [Double]], bias: [Double], articleThreshold: Double, structureSuffices: Double = 2) {
        self.weights = weights
        self.bias = bias
        self.articleThreshold = articleThreshold
        self.structureSuffices = structureSuffices
        let words = weights.keys.filter { $0.hasPrefix("w:") }.sorted()
        vocabulary = WordVocabulary(words: words.map { String($0.dropFirst(2)) })
        wordWeights = words.flatMap { weights[$0]! }
    }

    /// The probability of each type, in `PageType.allCases` order, from features by name.
    func probabilities(_ features: [String: Double]) -> [Double] { Self.softmax(scores(features)) }

    /// The probability of each type for a page read with this model's ``vocabulary``.
    func probabilities(_ features: PageFeatures) -> [Double] {
        var scores = scores(features.values)
        let width = scores.count
        wordWeights.withUnsafeBufferPointer { weights in
            for (position, value) in features.words {
                let row = position * width
                for type in 0..<width { scores[type] += weights[row + type] * value }
            }
        }
        return Self.softmax(scores)
    }

    /// Whether the page's structure, body and byline make it an article so surely that its words could not
    /// change that: reading them is most of what typing a page costs (docs/BENCHMARKS.md, "Page types").
    func decidedByStructure(_ features: PageFeatures) -> Bool {
        features.words.isEmpty && probabilities(features)[0] >= structureSuffices
    }

    /// This model with `cut` as ``structureSuffices``.
    public func readingWords(below cut: Double) -> PageTypeModel {
        PageTypeModel(weights: weights, bias: bias, articleThreshold: articleThreshold, structureSuffices: cut)
    }

    /// The probability that the page is an article.
    public func articleProbability(_ features: [String: Double]) -> Double { probabilities(features)[0] }

    /// The page's type and the model's probability for it. A page is an article when the article
    /// probability reaches ``articleThreshold``; otherwise it is the likeliest of the other types.
    func classify(_ features: PageFeatures) -> (type: PageType, score: Double) { classify(probabilities: probabilities(features)) }

    /// ``classify(_:)`` for features by name.
    public func classify(_ features: [String: Double]) -> (type: PageType, score: Double) { classify(probabilities: probabilities(features)) }

    /// Bias plus each named feature's weights, before the softmax.
    private func scores(_ features: [String: Double]) -> [Double] {
        var scores = bias
        for (name, value) in features {
            guard let row = weights[name] else { continue }
            for type in scores.indices { scores[type] += row[type] * value }
        }
        return scores
    }

    private func classify(probabilities: [Double]) -> (type: PageType, score: Double) {
        if probabilities[0] >= articleThreshold { return (.article, probabilities[0]) }
        let best = probabilities.indices.dropFirst().max { probabilities[$0] < probabilities[$1] }!
        return (PageType.allCases[best], probabilities[best])
    }

    static func softmax(_ scores: [Double]) -> [Double] {
        let top = scores.max() ?? 0
        let exponentials = scores.map { exp($0 - top) }
        let sum = exponentials.reduce(0, +)
        return exponentials.map { $0 / sum }
    }

    // MARK: Stored form

    /// A model file that cannot be read, with its path.
    public struct ModelError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The model as JSON: `{"types": [...], "bias": [...], "article_threshold": t, "structure_suffices": s,
    /// "weights": {"name": [...]}}`.
    public func serialized() throws -> Data {
        let object: [String: Any] = [
            "types": PageType.allCases.map(\.rawValue), "bias": bias, "article_threshold": articleThreshold,
            "structure_suffices": structureSuffices, "weights": weights,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Read with ``JSONReader``: Foundation's JSONSerialization boxes each of the model's numbers and took
    /// longer than cleaning a page to load it (docs/BENCHMARKS.md, "Page types").
    init(serialized data: Data, path: String) throws(ModelError) {
        var types: [String] = [], bias: [Double] = [], threshold: Double?, structureSuffices = 2.0, weights: [String: [Double]] = [:]
        let numbers = { (reader: inout JSONReader) throws(JSONReadError) -> [Double] in
            try reader.array { (number: inout JSONReader) throws(JSONReadError) in try number.double() }
        }
        var reader = JSONReader([UInt8](data))
        do {
            try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
                switch key {
                case "types": types = try member.strings()
                case "bias": bias = try numbers(&member)
                case "article_threshold": threshold = try member.double()
                case "structure_suffices": structureSuffices = try member.double()
                case "weights": try member.object { (row: inout JSONReader, name: String) throws(JSONReadError) in weights[name] = try numbers(&row) }
                default: try member.skipValue()
                }
            }
        } catch {
            throw ModelError(description: "\(path): not a page-type model (\(error); retrain with `make train-pagetype`)")
        }
        guard types == PageType.allCases.map(\.rawValue), bias.count == types.count, let threshold,
              weights.values.allSatisfy({ $0.count == types.count })
        else { throw ModelError(description: "\(path): not a page-type model (retrain with `make train-pagetype`)") }
        self.init(weights: weights, bias: bias, articleThreshold: threshold, structureSuffices: structureSuffices)
    }

    /// Where the shipped model is looked for: `PRESSLINE_PAGETYPE_MODEL`, else the resource bundle SwiftPM puts
    /// beside the executable.
    public static var modelPath: String {
        if let path = ProcessInfo.processInfo.environment["PRESSLINE_PAGETYPE_MODEL"] { return path }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("Pressline_PresslineClean.resources/pagetype-model.json").path
    }

    /// The model shipped with Pressline, loaded once; a missing or damaged file is an error that names the path.
    public static let shipped: Result<PageTypeModel, ModelError> = {
        guard let data = FileManager.default.contents(atPath: modelPath) else {
            return .failure(ModelError(description: "\(modelPath): the page-type model is missing (reinstall, or set PRESSLINE_PAGETYPE_MODEL)"))
        }
        return Result { () throws(ModelError) -> PageTypeModel in try PageTypeModel(serialized: data, path: modelPath) }
    }()
}
