import Foundation
import PresslineCore
import PresslineWire

/// What the scheduler holds and what it answers with.
extension Scheduler {
    /// A job inside the pipeline.
    struct Job {
        let id: JobID
        let trace: String
        let name: String?
        /// The stage the job waits for or is being processed at.
        var stage: StageName
        /// The stage's input: an encoded ``Document``.
        var payload: Data
        /// Tries used so far (failed or expired leases).
        var failures: Int
        /// Links away from a pushed page: what the job's own links would be followed at, plus one.
        var depth = 0
        /// Other URLs of the job's page (normal forms), journaled as done with it (``Scheduler/addAliases(_:to:)``).
        var aliases: Set<String> = []
        /// The host a URL job is fetched from: its fetch waits for the host's turn (``HostPoliteness``).
        var host: String?
        var holder: WorkerID?
        var deadline: Double = .infinity
        var notBefore: Double = 0
    }

    /// A connected stage worker.
    struct Worker {
        let stage: StageName
        var credit: Int
        var holding: Set<JobID> = []
        var lastSeen: Double
        var draining = false
        var free: Int { draining ? 0 : max(0, credit - holding.count) }
    }

    /// A WORK message to send.
    struct Dispatch: Equatable {
        let worker: WorkerID
        let job: JobID
        let stage: StageName
        let attempt: Int
        let trace: String
        let payload: Data
    }

    /// What became of a job after an event.
    enum Outcome: Equatable {
        /// The job moved on to `stage`.
        case advanced(job: JobID, stage: StageName)
        /// The job finished the pipeline.
        case done(job: JobID, article: String?, attempts: Int)
        /// The job will be tried again at its stage after a backoff.
        case retrying(job: JobID, stage: StageName, attempt: Int, reason: String)
        /// The job failed permanently or ran out of attempts.
        case final(job: JobID, state: JobReport.State, stage: StageName, reason: String, attempts: Int)
        /// The stage is unavailable (its disk is full); the job waits there without using an attempt.
        case waiting(job: JobID, stage: StageName, reason: String)
        /// A result for a job the scheduler no longer holds there (a replay raced it); ignored.
        case stale(job: JobID)
    }
}
