import ArgumentParser
import Foundation
import PresslineClean
import Synchronization

/// Trains the page-type model shipped in Sources/PresslineClean/Resources/pagetype-model.json (docs/MODELS.md).
@main
struct TrainPageType: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pressline-train-pagetype",
        abstract: "Train the page-type model on WCXB's tune half and report both halves.",
        discussion: """
            Reads GOLD (wcxb-dev's gold.jsonl: doc, url, domain, half, page_type) and each page from
            PAGES/<doc>.html (`make train-pagetype` unpacks them). Trains on the pages whose half is `tune`,
            choosing the highest article threshold that keeps --article-recall of tune's articles in 5-fold
            cross-validation over its sites; prints accuracy and
            article precision and recall on tune (cross-validated) and check, and the precision where the
            cut would keep 95 to 98 % of the articles, then writes the model.
            Check is reported, never used to choose anything.
            """)

    @Argument(help: "wcxb-dev's gold.jsonl.") var gold: String
    @Argument(help: "A folder with the pages as <doc>.html.") var pages: String
    @Option(help: "Where to write the model.") var output = "Sources/PresslineClean/Resources/pagetype-model.json"
    @Option(help: "Keep a declared type (ld:, md:, og:) only when this many tune sites have it.") var minSites = 3
    @Option(help: "Keep a word of the text (w:) only when pages of this many tune sites use it.") var minWordSites = 20
    @Option(help: "L2 penalty.") var penalty = 1e-3
    @Option(help: "The article recall the threshold keeps, cross-validated on tune.") var articleRecall = 0.97
    @Option(help: "Also write each page's features, one JSON line per page (for studying them).") var dumpFeatures: String?
    @Option(help: ArgumentHelp("Also print check's precision when trained on a quarter, half and three quarters of tune's sites, over this many draws of them (each draw trains a model).", valueName: "draws"))
    var learningCurve: Int?

    func validate() throws {
        if let learningCurve, learningCurve < 1 { throw ValidationError("--learning-curve takes a number of draws of 1 or more") }
    }

    func run() throws {
        let labelled = try Self.readGold(gold)
        FileHandle.standardError.write(Data("reading \(labelled.count) pages…\n".utf8))
        let examples = Self.features(of: labelled, pages: pages)
        if let dumpFeatures { try Self.dump(examples, to: dumpFeatures) }
        let tune = examples.filter { $0.half == "tune" }.map(\.example)
        let check = examples.filter { $0.half == "check" }.map(\.example)
        let trainer = PageTypeTrainer(minSites: minSites, minWordSites: minWordSites, penalty: penalty)

        let folds = CrossValidation(examples: tune, folds: 5)
        let outOfFold = folds.outOfFoldArticleProbabilities(trainer)
        let tuneTruth = tune.map { $0.type == .article }, checkTruth = check.map { $0.type == .article }
        let threshold = CrossValidation.threshold(outOfFold, truth: tuneTruth, recall: articleRecall)
        let trained = trainer.train(tune, articleThreshold: threshold)
        let model = trained.readingWords(below: CrossValidation.structureSuffices(trained, on: tune))
        print(String(format: "article threshold %.3f (chosen on tune, cross-validated)", threshold))
        print(String(format: "words read below an article probability of %.2f from the rest (no tune page's type moves); ", model.structureSuffices)
              + "pages typed without their words: tune \(CrossValidation.typedByStructure(model, tune)), check \(CrossValidation.typedByStructure(model, check))")
        let checkProbabilities = check.map { model.articleProbability($0.features) }
        print(CrossValidation.report("tune (5-fold, by site)", probabilities: outOfFold, truth: tuneTruth, threshold: threshold))
        print(CrossValidation.report("check", probabilities: checkProbabilities, truth: checkTruth, threshold: threshold))
        print(CrossValidation.precisionCurve("tune (5-fold, by site)", probabilities: outOfFold, truth: tuneTruth))
        print(CrossValidation.precisionCurve("check", probabilities: checkProbabilities, truth: checkTruth))
        if let learningCurve {
            LearningCurve(tune: tune, check: check, draws: learningCurve)
                .report(trainer, articleThreshold: threshold).forEach { print($0) }
        }
        try model.serialized().write(to: URL(fileURLWithPath: output))
        print("wrote \(output)")
    }

    static func dump(_ examples: [(half: String, example: PageTypeTrainer.Example)], to path: String) throws {
        var lines = Data()
        for (half, example) in examples {
            let object: [String: Any] = ["half": half, "site": example.site, "type": example.type.rawValue, "features": example.features]
            lines.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            lines.append(UInt8(ascii: "\n"))
        }
        try lines.write(to: URL(fileURLWithPath: path))
    }

    struct Labelled {
        var doc: String, url: String?, site: String, half: String, type: PageType
    }

    static func readGold(_ path: String) throws -> [Labelled] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let doc = object["doc"] as? String, let half = object["half"] as? String,
                  let type = (object["page_type"] as? String).flatMap(PageType.init(rawValue:)) else {
                throw ValidationError("\(path): a line without doc, half or a known page_type")
            }
            return Labelled(doc: doc, url: object["url"] as? String, site: object["domain"] as? String ?? doc, half: half, type: type)
        }
    }

    /// Each page's features, read on every core.
    static func features(of labelled: [Labelled], pages: String) -> [(half: String, example: PageTypeTrainer.Example)] {
        let results = Mutex([[String: Double]?](repeating: nil, count: labelled.count))
        DispatchQueue.concurrentPerform(iterations: labelled.count) { index in
            let path = (pages as NSString).appendingPathComponent(labelled[index].doc + ".html")
            guard let data = FileManager.default.contents(atPath: path) else { return }
            let features = CleanStage.pageFeatures(html: String(decoding: data, as: UTF8.self), url: labelled[index].url)
            results.withLock { $0[index] = features }
        }
        return zip(labelled, results.withLock { $0 }).compactMap { page, features in
            features.map { (page.half, PageTypeTrainer.Example(features: $0, type: page.type, site: page.site)) }
        }
    }
}
