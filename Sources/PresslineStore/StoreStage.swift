import Foundation
import PresslineCore

/// The pipeline's sink: saves each document's record and answers DONE once committed.
public struct StoreStage: Stage {
    public let name = StageName.store
    /// Documents committed in one transaction: fewer fsyncs under load.
    public let batchLimit: Int
    private let store: ArticleStore

    /// - Parameters:
    ///   - store: the database to write.
    ///   - batchLimit: the most documents per transaction.
    public init(store: ArticleStore, batchLimit: Int = 64) {
        self.store = store
        self.batchLimit = batchLimit
    }

    public func process(_ batch: [Document]) -> [Result<StageOutput, StageFailure>] {
        var records: [ArticleRecord] = []
        var outcomes: [Result<StageOutput, StageFailure>?] = batch.map { document in
            guard let record = document.record else {
                return .failure(.permanent("the document reached the store without a record (was the clean stage skipped?)"))
            }
            records.append(record)
            return nil
        }
        do {
            try store.save(records)
        } catch {
            // Nothing committed, so everything is retried. A full disk is the store's problem, not the
            // articles': they wait without using attempts, and the queue reports the store unavailable.
            let failure: StageFailure = switch error {
            case .unavailable: .unavailable("\(error)")
            case .rejected: .transient("\(error)")
            }
            return outcomes.map { $0 ?? .failure(failure) }
        }
        var next = records.makeIterator()
        for index in outcomes.indices where outcomes[index] == nil {
            outcomes[index] = .success(.done(article: next.next()!.id))
        }
        return outcomes.map { $0! }
    }
}
