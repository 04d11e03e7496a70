/// One step of the pipeline: documents in, documents out. Knows nothing of sockets.
///
/// The worker runtime calls ``process(_:)`` from one processing thread at a
/// time per instance; it may block (fetch waits on the network, store on SQLite).
/// Returning a result means the stage is finished with the job: for a sink
/// (the store) it means the data is committed. Delivery is at-least-once, so a
/// stage must tolerate seeing the same document again.
public protocol Stage: Sendable {
    /// The stage's name in the pipeline file: `fetch`, `clean`, `extract`, `store`.
    var name: StageName { get }
    /// How many documents the runtime may hand over at once (the store batches commits).
    var batchLimit: Int { get }
    /// Processes a batch, returning one outcome per document, in order.
    func process(_ batch: [Document]) -> [Result<StageOutput, StageFailure>]
}

/// A stage that handles one document at a time.
public protocol DocumentStage: Stage {
    /// Processes one document.
    func process(_ document: Document) throws(StageFailure) -> StageOutput
}

extension DocumentStage {
    public var batchLimit: Int { 1 }

    public func process(_ batch: [Document]) -> [Result<StageOutput, StageFailure>] {
        batch.map { document in
            Result { () throws(StageFailure) -> StageOutput in try process(document) }
        }
    }
}

/// What a stage made of a job.
public enum StageOutput: Sendable, Equatable {
    /// Hand this document to the next stage.
    case next(Document)
    /// Hand this document on, and fetch `links` as new jobs (the stories a listing page links to): the
    /// worker sends them with its RESULT and the queue journals each URL it has not seen.
    case nextFollowing(Document, links: [String])
    /// The job is complete (a sink committed it); `article` is the stored id.
    case done(article: String)
}

/// A stage could not process a job. FAILED carries it on the wire.
public struct StageFailure: Error, CustomStringConvertible, Sendable, Equatable {
    /// Whose fault it was, which decides what the queue does next.
    public enum Kind: String, Sendable, Equatable {
        /// Retrying cannot help (404, not an article, malformed input): the job is marked failed at once.
        case permanent
        /// The job may pass on another try (timeout, 503): retried with backoff, using up an attempt.
        case transient
        /// The stage's own resource failed (disk full, database unwritable), not the job: the job waits
        /// and is retried without using up an attempt, so a full disk never dead-letters good articles.
        case unavailable
    }

    /// A sentence for operators: what failed and where.
    public let reason: String
    public let kind: Kind
    /// Seconds the source asked to be left alone (HTTP 429 or 503 with `Retry-After`): the queue rests the host.
    public let retryAfter: Double?

    init(reason: String, kind: Kind, retryAfter: Double? = nil) {
        self.reason = reason
        self.kind = kind
        self.retryAfter = retryAfter
    }

    /// A failure retrying cannot fix (404, not an article, malformed input).
    public static func permanent(_ reason: String) -> StageFailure { StageFailure(reason: reason, kind: .permanent) }
    /// A failure that may pass (timeout, 503); `retryAfter` when the source said how long to wait.
    public static func transient(_ reason: String, retryAfter: Double? = nil) -> StageFailure {
        StageFailure(reason: reason, kind: .transient, retryAfter: retryAfter)
    }
    /// The stage cannot work at all for now (disk full); the job is not at fault.
    public static func unavailable(_ reason: String) -> StageFailure { StageFailure(reason: reason, kind: .unavailable) }

    public var description: String { "\(kind.rawValue): \(reason)" }
}
