import Foundation
import PresslineCore
import PresslineWire

/// A job as the journal holds it.
public struct JournaledJob: Sendable, Equatable {
    public var seq: Int64
    public var id: JobID
    public var kind: Input.Kind
    public var name: String?
    public var trace: String
    public var depth: Int
    public var payload: Data
    public var attempts: Int
}

/// Writes the queue gathers during one loop turn and commits at once.
public struct JournalBatch {
    /// A newly accepted job.
    public struct Insert {
        public var id: JobID
        public var kind: Input.Kind
        public var name: String?
        public var trace: String
        public var payload: Data
        /// Links away from a pushed page (0 for what was pushed).
        public var depth: Int
        public init(id: JobID, kind: Input.Kind, name: String?, trace: String, payload: Data, depth: Int = 0) {
            self.id = id
            self.kind = kind
            self.name = name
            self.trace = trace
            self.payload = payload
            self.depth = depth
        }
    }

    /// A job that reached a final state.
    public struct Outcome {
        public var id: JobID
        public var state: JobReport.State
        public var article: String?
        public var stage: StageName?
        public var error: String?
        public var attempts: Int
        public init(id: JobID, state: JobReport.State, article: String? = nil, stage: StageName? = nil, error: String? = nil, attempts: Int) {
            self.id = id
            self.state = state
            self.article = article
            self.stage = stage
            self.error = error
            self.attempts = attempts
        }
    }

    /// A URL of a finished page other than the one pushed: journaled as a done job of its own, so that a push
    /// of it is taken as a resend.
    public struct Alias {
        public var id: JobID
        public var url: String
        public var article: String?
        public init(id: JobID, url: String, article: String?) {
            (self.id, self.url, self.article) = (id, url, article)
        }
    }

    public var inserts: [Insert] = []
    public var aliases: [Alias] = []
    public var outcomes: [Outcome] = []
    /// Failed or dead jobs sent back to pending.
    public var retries: [JobID] = []

    public init() {}

    /// True when there is nothing to write.
    public var isEmpty: Bool { inserts.isEmpty && outcomes.isEmpty && retries.isEmpty && aliases.isEmpty }

    /// This batch's writes, then `later`'s.
    public func followed(by later: JournalBatch) -> JournalBatch {
        var both = self
        both.inserts += later.inserts
        both.outcomes += later.outcomes
        both.retries += later.retries
        both.aliases += later.aliases
        return both
    }
}

