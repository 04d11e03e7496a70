import PresslineCore

/// What the queue reports to STATUS: counts per job state and per stage.
public struct QueueStatus: Codable, Sendable, Equatable {
    /// One stage's live figures.
    public struct StageFigures: Codable, Sendable, Equatable {
        public var stage: StageName
        /// Jobs waiting for a worker of this stage.
        public var waiting: Int
        /// Jobs a worker of this stage holds now.
        public var inFlight: Int
        /// Workers connected and alive.
        public var workers: Int
        /// Jobs this stage finished since the queue started.
        public var processed: Int
        /// Jobs this stage reported FAILED, or whose lease ran out, since start.
        public var failures: Int
        /// Jobs per second over the last few seconds.
        public var rate: Double
        /// Why the stage cannot work now (its workers report their disk full), when it cannot.
        public var unavailable: String?

        public init(stage: StageName, waiting: Int = 0, inFlight: Int = 0, workers: Int = 0, processed: Int = 0,
                    failures: Int = 0, rate: Double = 0) {
            self.stage = stage
            self.waiting = waiting
            self.inFlight = inFlight
            self.workers = workers
            self.processed = processed
            self.failures = failures
            self.rate = rate
        }
    }

    /// Jobs accepted but not yet inside the pipeline.
    public var pending: Int
    /// Jobs inside the pipeline (between entry and store).
    public var active: Int
    public var done: Int
    /// Jobs a stage refused permanently.
    public var failed: Int
    /// Jobs that used up their attempts.
    public var dead: Int
    /// Per-stage figures in pipeline order.
    public var stages: [StageFigures]
    /// Messages dropped as malformed, wrongly versioned or unexpected, since start.
    public var malformed: Int
    /// Seconds since the queue started.
    public var uptime: Double
    /// Why the queue takes no new articles now (its journal cannot be written), when it does not.
    public var journalError: String?

    /// Problems an operator must act on, one sentence each; empty when all is well.
    public var alerts: [String] {
        (journalError.map { ["journal: \($0); new articles are refused until it can be written again"] } ?? [])
            + stages.compactMap { stage in stage.unavailable.map { "\(stage.stage): \($0); its jobs wait without using attempts" } }
    }

    public init(pending: Int, active: Int, done: Int, failed: Int, dead: Int, stages: [StageFigures], malformed: Int, uptime: Double) {
        self.pending = pending
        self.active = active
        self.done = done
        self.failed = failed
        self.dead = dead
        self.stages = stages
        self.malformed = malformed
        self.uptime = uptime
    }
}

/// What became of one job, as JOBS reports it.
public struct JobReport: Codable, Sendable, Equatable {
    /// Job states in the journal.
    public enum State: String, Codable, Sendable {
        case pending, active, done, failed, dead, unknown
        /// True when the job will not change any more.
        public var isFinal: Bool { self == .done || self == .failed || self == .dead || self == .unknown }
    }

    public var job: JobID
    public var state: State
    /// The stored article's id (done).
    public var article: String?
    /// The stage that failed and why (failed, dead).
    public var stage: StageName?
    public var error: String?
    public var attempts: Int?
    /// What was pushed (a path or URL).
    public var name: String?

    public init(job: JobID, state: State, article: String? = nil, stage: StageName? = nil, error: String? = nil,
                attempts: Int? = nil, name: String? = nil) {
        self.job = job
        self.state = state
        self.article = article
        self.stage = stage
        self.error = error
        self.attempts = attempts
        self.name = name
    }
}
