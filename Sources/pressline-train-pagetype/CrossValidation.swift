import Foundation
import PresslineClean

/// Cross-validation over sites: each fold holds every page of its sites, so a fold's figures say what the
/// model does on sites it never saw — as `check` will.
struct CrossValidation {
    let examples: [PageTypeTrainer.Example]
    let fold: [Int]
    let folds: Int

    init(examples: [PageTypeTrainer.Example], folds: Int) {
        self.examples = examples
        self.folds = folds
        fold = examples.map { Int(Self.stableHash($0.site) % UInt64(folds)) }
    }

    /// FNV-1a of `text`: the same folds and draws of sites on every run and machine, where Swift's own hash is
    /// seeded anew in each process.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// Each page's article probability from the model trained on the other folds.
    func outOfFoldArticleProbabilities(_ trainer: PageTypeTrainer) -> [Double] {
        var probabilities = [Double](repeating: 0, count: examples.count)
        for held in 0..<folds {
            let model = trainer.train(examples.indices.filter { fold[$0] != held }.map { examples[$0] })
            for index in examples.indices where fold[index] == held {
                probabilities[index] = model.articleProbability(examples[index].features)
            }
        }
        return probabilities
    }

    /// The lowest article probability from a page's structure, body and byline alone at which reading its words
    /// changes no tune page's type (a step of 0.01 from 0.5; above 1 when none is safe): words cost most of what
    /// typing a page costs, and most articles are plain without them.
    static func structureSuffices(_ model: PageTypeModel, on examples: [PageTypeTrainer.Example]) -> Double {
        let pages = examples.map { example in
            (alone: structuralProbability(model, example),
             article: model.articleProbability(example.features) >= model.articleThreshold)
        }
        let lowestSafe = (50...100).first { step in
            pages.allSatisfy { $0.alone < Double(step) / 100 || $0.article }
        }
        return lowestSafe.map { Double($0) / 100 } ?? 2
    }

    /// The article probability of a page from everything but its words, as the clean stage first scores it.
    private static func structuralProbability(_ model: PageTypeModel, _ example: PageTypeTrainer.Example) -> Double {
        model.articleProbability(example.features.filter { !$0.key.hasPrefix("w:") })
    }

    /// How many of `examples` the model types without their words, and how many of those it would type otherwise.
    static func typedByStructure(_ model: PageTypeModel, _ examples: [PageTypeTrainer.Example]) -> String {
        let skipped = examples.filter { structuralProbability(model, $0) >= model.structureSuffices }
        let moved = skipped.filter { model.articleProbability($0.features) < model.articleThreshold }
        return "\(skipped.count) of \(examples.count) (\(moved.count) typed otherwise with them)"
    }

    /// The highest cut that keeps `recall` of the articles: losing an article costs more than keeping a
    /// listing among them, which a reader skips.
    static func threshold(_ probabilities: [Double], truth: [Bool], recall: Double) -> Double {
        var best = 0.05
        for step in 5...95 {
            let threshold = Double(step) / 100
            if Figures(probabilities: probabilities, truth: truth, threshold: threshold).recall >= recall { best = threshold }
        }
        return best
    }

    static func report(_ name: String, probabilities: [Double], truth: [Bool], threshold: Double) -> String {
        let figures = Figures(probabilities: probabilities, truth: truth, threshold: threshold)
        return String(format: "%@: %d pages, article-or-not accuracy %.3f, article precision %.3f, recall %.3f",
                      name, truth.count, figures.accuracy, figures.precision, figures.recall)
    }

    /// The shares of the articles at which ``precisionCurve(_:probabilities:truth:)`` reads precision: around the
    /// recall the shipped threshold keeps.
    static let recallLevels = [0.95, 0.96, 0.97, 0.98]

    /// Article precision where the cut keeps each of ``recallLevels`` of the articles: how well the model ranks
    /// pages, apart from where one threshold falls (a cut moves with a single article at the edge; the curve does not).
    static func precisionCurve(_ name: String, probabilities: [Double], truth: [Bool]) -> String {
        "\(name): article precision " + describe(precisions(probabilities: probabilities, truth: truth))
    }

    /// "0.939 at 0.95, 0.932 at 0.96, …": precisions at ``recallLevels``, in their order.
    static func describe(_ precisions: [Double]) -> String {
        zip(precisions, recallLevels).map { String(format: "%.3f at %.2f", $0, $1) }.joined(separator: ", ")
    }

    /// The article precision at each of ``recallLevels``, in order.
    static func precisions(probabilities: [Double], truth: [Bool]) -> [Double] {
        let articles = zip(probabilities, truth).filter(\.1).map(\.0).sorted(by: >)
        return recallLevels.map { recall in
            let cut = articles.isEmpty ? 1 : articles[min(articles.count, Int((recall * Double(articles.count)).rounded(.up))) - 1]
            return Figures(probabilities: probabilities, truth: truth, threshold: cut).precision
        }
    }

    struct Figures {
        var accuracy = 0.0, precision = 0.0, recall = 0.0

        init(probabilities: [Double], truth: [Bool], threshold: Double) {
            var truePositives = 0, falsePositives = 0, falseNegatives = 0, correct = 0
            for (probability, isArticle) in zip(probabilities, truth) {
                let said = probability >= threshold
                if said == isArticle { correct += 1 }
                if said && isArticle { truePositives += 1 }
                if said && !isArticle { falsePositives += 1 }
                if !said && isArticle { falseNegatives += 1 }
            }
            accuracy = Double(correct) / Double(max(1, truth.count))
            precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
            recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        }
    }
}
