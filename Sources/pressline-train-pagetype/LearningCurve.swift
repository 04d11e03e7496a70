import Foundation
import PresslineClean

/// How check precision grows with the number of tune sites trained on: whether more labelled pages would move
/// the figure more than another feature (docs/BENCHMARKS.md, "Page types", "Where it stands").
struct LearningCurve {
    /// The shares of tune's sites each point trains on; the last point is the whole half.
    static let shares = [0.25, 0.5, 0.75, 1.0]

    let tune: [PageTypeTrainer.Example]
    let check: [PageTypeTrainer.Example]
    /// Draws of sites per share below 1: one draw of a quarter of the sites says more about which sites were drawn
    /// than about how many.
    let draws: Int

    /// One line per share: check's article precision at ``CrossValidation/recallLevels``, averaged over the
    /// draws, and its seven-type accuracy with `articleThreshold` as the article cut.
    func report(_ trainer: PageTypeTrainer, articleThreshold: Double) -> [String] {
        let truth = check.map { $0.type == .article }
        return Self.shares.map { share in
            let runs = (share < 1 ? 0..<draws : 0..<1).compactMap { draw -> (precisions: [Double], accuracy: Double)? in
                let pages = sample(share, draw: draw)
                guard !pages.isEmpty else { return nil }
                let model = trainer.train(pages, articleThreshold: articleThreshold)
                let probabilities = check.map { model.articleProbability($0.features) }
                let correct = check.filter { model.classify($0.features).type == $0.type }.count
                return (CrossValidation.precisions(probabilities: probabilities, truth: truth),
                        Double(correct) / Double(max(1, check.count)))
            }
            guard !runs.isEmpty else { return String(format: "%3.0f %% of tune's sites: no draw holds a site", share * 100) }
            let precisions = CrossValidation.recallLevels.indices.map { level in
                runs.map { $0.precisions[level] }.reduce(0, +) / Double(runs.count)
            }
            let accuracy = runs.map(\.accuracy).reduce(0, +) / Double(runs.count)
            return String(format: "%3.0f %% of tune's sites (%d %@): check article precision ", share * 100, runs.count, runs.count == 1 ? "draw" : "draws")
                + CrossValidation.describe(precisions)
                + String(format: "; seven-type accuracy %.3f", accuracy)
        }
    }

    /// The tune pages of about `share` of its sites, chosen by a hash of the draw and the site: the same sites on
    /// every run and machine.
    private func sample(_ share: Double, draw: Int) -> [PageTypeTrainer.Example] {
        guard share < 1 else { return tune }
        return tune.filter { Double(CrossValidation.stableHash("\(draw):\($0.site)") % 1000) / 1000 < share }
    }
}
