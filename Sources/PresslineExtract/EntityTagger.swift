import Foundation
import PresslineCore

/// A statistical named-entity tagger: an averaged perceptron over hashed features
/// (``TaggerFeatures``), decoding a sentence left to right into BIO tags.
///
/// Trained by `pressline-train-ner` on UNER English-EWT and GUM (docs/MODELS.md); the
/// model ships as a resource and is loaded once.
///
/// ```swift
/// let tags = EntityTagger.shipped?.tag(["NATO", "chief", "Mark", "Rutte", "said"])   // [B-ORG, O, B-PERSON, I-PERSON, O]
/// ```
public struct EntityTagger: Sendable {
    /// The tag set: O, then B- and I- for each entity type.
    public enum Tag: Int, CaseIterable, Sendable {
        case outside, beginPerson, insidePerson, beginOrg, insideOrg, beginLoc, insideLoc, beginDate, insideDate

        /// "B-PERSON" as in the training files.
        public init?(label: String) {
            guard let tag = Self.allCases.first(where: { $0.label == label }) else { return nil }
            self = tag
        }

        public var label: String {
            switch self {
            case .outside: "O"
            case .beginPerson: "B-PERSON"
            case .insidePerson: "I-PERSON"
            case .beginOrg: "B-ORG"
            case .insideOrg: "I-ORG"
            case .beginLoc: "B-LOC"
            case .insideLoc: "I-LOC"
            case .beginDate: "B-DATE"
            case .insideDate: "I-DATE"
            }
        }

        /// PERSON, ORG, LOC or DATE; nil for O.
        public var entityType: String? {
            switch self {
            case .outside: nil
            case .beginPerson, .insidePerson: "PERSON"
            case .beginOrg, .insideOrg: "ORG"
            case .beginLoc, .insideLoc: "LOC"
            case .beginDate, .insideDate: "DATE"
            }
        }

        /// The B- or I- tag of `type`.
        static func of(type: EntityType, inside: Bool) -> Tag {
            switch type {
            case .person: inside ? .insidePerson : .beginPerson
            case .org: inside ? .insideOrg : .beginOrg
            case .loc: inside ? .insideLoc : .beginLoc
            case .date: inside ? .insideDate : .beginDate
            }
        }

        var isInside: Bool { self == .insidePerson || self == .insideOrg || self == .insideLoc || self == .insideDate }

        /// An I- tag continues only an entity of its own type: "O I-ORG" is not a valid sequence.
        func mayFollow(_ previous: Tag) -> Bool { !isInside || previous.entityType == entityType }
    }

    static let classes = Tag.allCases.count
    /// Weights, `buckets × classes`, row-major by bucket.
    let weights: [Float]
    let buckets: Int

    init(weights: [Float], buckets: Int) {
        self.weights = weights
        self.buckets = buckets
    }

    /// Where the shipped model is looked for: `PRESSLINE_NER_MODEL`, else the resource bundle SwiftPM
    /// puts beside the executable. (Not `Bundle.module`, which ends the process when the bundle is missing.)
    public static var modelPath: String {
        if let path = ProcessInfo.processInfo.environment["PRESSLINE_NER_MODEL"] { return path }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("Pressline_PresslineExtract.resources/ner-model.bin").path
    }

    /// The model shipped with Pressline, loaded once; a missing or damaged file is an error that names the path.
    public static let shipped: Result<EntityTagger, ModelError> = {
        guard let data = FileManager.default.contents(atPath: modelPath) else { return .failure(.missing(modelPath)) }
        return Result { () throws(ModelError) -> EntityTagger in try EntityTagger(serialized: data) }
    }()

    /// Tags one sentence's tokens; `hints` are what ``CapitalizationHints`` says of each. A word's features
    /// come from the process's ``WordFeatureCache``: an article repeats its words, and news its vocabulary.
    public func tag(_ tokens: [String], hints: [Tag]) -> [Tag] {
        let words = zip(tokens, hints).map { text, hint in TaggerFeatures.Word(WordFeatureCache.shared.features(of: text), hint: hint) }
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: Self.classes)
        var tags: [Tag] = []
        tags.reserveCapacity(tokens.count)
        for index in words.indices {
            TaggerFeatures.staticFeatures(words, at: index, into: &features)
            let previous = tags.last ?? .outside, beforePrevious = tags.count >= 2 ? tags[tags.count - 2] : .outside
            TaggerFeatures.historyFeatures(previous: previous.rawValue, beforePrevious: beforePrevious.rawValue, word: words[index], into: &features)
            Self.score(features, table: weights, buckets: buckets, into: &scores)
            tags.append(Self.best(scores, after: previous))
        }
        return tags
    }

    /// Sums each tag's weights over `features`.
    static func score(_ features: [UInt64], table weights: [Float], buckets: Int, into scores: inout [Float]) {
        // Eight classes in one vector and the ninth beside it: the same additions in the same order per
        // class as a plain loop (so the same floats), without per-element bounds checks.
        assert(Self.classes == 9, "the scorer is laid out for nine tags")
        var lanes = SIMD8<Float>(repeating: 0)
        var ninth: Float = 0
        // A power-of-two bucket count (the shipped model's 2^18) takes a mask, not a 64-bit division per feature.
        let mask: UInt64? = buckets > 0 && buckets & (buckets - 1) == 0 ? UInt64(buckets - 1) : nil
        weights.withUnsafeBufferPointer { table in
            let base = table.baseAddress!
            for feature in features {
                let bucket = mask.map { feature & $0 } ?? feature % UInt64(buckets)
                let row = base + Int(bucket) * Self.classes
                lanes += SIMD8<Float>(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])
                ninth += row[8]
            }
        }
        for tag in 0..<8 { scores[tag] = lanes[tag] }
        scores[8] = ninth
    }

    /// The best-scoring tag that may follow `previous`.
    static func best(_ scores: [Float], after previous: Tag) -> Tag {
        var best = Tag.outside, bestScore = -Float.infinity
        for tag in Tag.allCases where tag.mayFollow(previous) && scores[tag.rawValue] > bestScore {
            best = tag
            bestScore = scores[tag.rawValue]
        }
        return best
    }

    /// The rules' hints for a sentence known only as tokens (training data): the tokens are
    /// laid out with single spaces, as the rules need offsets.
    public static func hints(for tokens: [String]) -> [Tag] {
        var laidOut: [Token] = []
        var offset = 0
        for text in tokens {
            let length = text.unicodeScalars.count
            laidOut.append(Token(text: text, start: offset, end: offset + length))
            offset += length + 1
        }
        return CapitalizationHints().hints(laidOut, text: Array(tokens.joined(separator: " ").unicodeScalars))
    }

    // MARK: - Serialisation

    private static let magic = Data("PNER1".utf8)

    /// The model file: "PNER1", bucket count (UInt32), scale (Float32), then Int16 weights, little-endian.
    /// Quantising to 16 bits halves the file and costs nothing measurable in F1.
    public func serialized() -> Data {
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 ? largest / Float(Int16.max) : 1
        var data = Self.magic
        withUnsafeBytes(of: UInt32(buckets).littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: scale.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        var quantized = weights.map { Int16((($0 / scale).rounded()).clamped(to: -32767...32767)).littleEndian }
        quantized.withUnsafeMutableBytes { data.append(contentsOf: $0) }
        return data
    }

    /// Reads a model written by ``serialized()``.
    public init(serialized data: Data) throws(ModelError) {
        let header = Self.magic.count + 8
        guard data.count > header, data.prefix(Self.magic.count) == Self.magic else { throw .notAModel }
        let (buckets, weights): (Int, [Float]?) = data.withUnsafeBytes { raw in
            let buckets = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: Self.magic.count, as: UInt32.self)))
            let scale = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: Self.magic.count + 4, as: UInt32.self)))
            let count = buckets * Self.classes
            guard raw.count == header + count * 2 else { return (buckets, nil) }
            return (buckets, [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer[index] = Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: header + index * 2, as: Int16.self))) * scale
                }
                initialized = count
            })
        }
        guard let weights else { throw .truncated }
        self.init(weights: weights, buckets: buckets)
    }

    /// Why a model file cannot be used.
    public enum ModelError: Error, CustomStringConvertible {
        case missing(String), notAModel, truncated

        public var description: String {
            switch self {
            case .missing(let path): "the entity tagger's model is missing at \(path); build with `swift build` (it ships as a resource) or set PRESSLINE_NER_MODEL"
            case .notAModel: "the entity tagger's model file is not a Pressline model"
            case .truncated: "the entity tagger's model file is truncated"
            }
        }
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
