import Foundation
import PresslineCore
import PresslineWire

/// The queue's in-memory state: jobs inside the pipeline, the workers and
/// what each holds. Pure: no sockets, no clock, no disk; the server feeds it
/// events with the time, and performs the actions it returns.
///
/// ```swift
/// var scheduler = Scheduler(pipeline: config)
/// scheduler.admit(job, now: t)
/// scheduler.workerReady(id, stage: "clean", credit: 1, now: t)
/// for dispatch in scheduler.dispatch(now: t) { send WORK … }
/// ```
struct Scheduler {
    typealias WorkerID = Data

    let pipeline: PipelineConfig
    private(set) var jobs: [JobID: Job] = [:]
    private(set) var workers: [WorkerID: Worker] = [:]
    private var ready: [StageName: FIFO<JobID>] = [:]
    /// Fetch jobs of known hosts wait here rather than in `ready`.
    private(set) var politeness: HostPoliteness
    private var delayed: [JobID] = []
    /// No lease ends before this (a lower bound kept on dispatch), so most turns skip the scan for expired leases.
    private var earliestLease: Double = .infinity
    /// Per stage: jobs finished and jobs failed since start.
    private(set) var processed: [StageName: Int] = [:]
    private(set) var failures: [StageName: Int] = [:]
    /// Stages whose workers report they cannot work (disk full), with the first reason and since when.
    private(set) var unavailable: [StageName: (reason: String, since: Double)] = [:]

    /// The longest rest a host may ask for: a server cannot park its jobs for a day.
    static let longestRest = 3600.0

    init(pipeline: PipelineConfig) {
        self.pipeline = pipeline
        politeness = HostPoliteness(concurrency: Int(pipeline.number("fetch.per_host_concurrency", default: 1)),
                                    delay: pipeline.number("fetch.per_host_delay", default: 1))
    }

    /// Jobs inside the pipeline.
    var activeCount: Int { jobs.count }
    /// Room for more jobs under the window.
    var room: Int { max(0, pipeline.queue.window - jobs.count) }

    /// Brings a journaled job into the pipeline at its entry stage.
    mutating func admit(id: JobID, trace: String, name: String?, kind: Input.Kind, payload: Data, failures: Int, depth: Int = 0,
                        host: String? = nil) {
        guard jobs[id] == nil else { return }
        let stage = pipeline.entry[kind] ?? pipeline.stages[0]
        jobs[id] = Job(id: id, trace: trace, name: name, stage: stage, payload: payload, failures: failures, depth: depth, host: host)
        makeReady(id, at: stage)
        assert(verifyInvariants())
    }

    /// `urls` name the same page as `job` (a redirect's end, a canonical URL).
    mutating func addAliases(_ urls: [String], to job: JobID) {
        jobs[job]?.aliases.formUnion(urls)
    }

    /// Whether `id` is inside the pipeline.
    func holds(_ id: JobID) -> Bool { jobs[id] != nil }

    /// Registers a worker, or updates its credit; a heartbeat from an unknown worker (after a queue restart) lands here too.
    mutating func workerReady(_ id: WorkerID, stage: StageName, credit: Int, now: Double) {
        if var worker = workers[id], worker.stage == stage {
            worker.credit = credit
            worker.lastSeen = now
            workers[id] = worker
        } else {
            if workers[id] != nil { _ = removeWorker(id, reason: "changed stage", now: now) }
            workers[id] = Worker(stage: stage, credit: credit, lastSeen: now)
        }
    }

    /// Notes that `id` is alive.
    mutating func seen(_ id: WorkerID, now: Double) {
        workers[id]?.lastSeen = now
    }

    /// Whether the worker is known.
    func knows(_ id: WorkerID) -> Bool { workers[id] != nil }

    /// The worker will take no more work; it keeps what it holds until it answers.
    mutating func workerDraining(_ id: WorkerID) {
        workers[id]?.draining = true
        if workers[id]?.holding.isEmpty == true { workers[id] = nil }
    }

    /// Hands ready jobs to workers with free credit, the freest worker first.
    mutating func dispatch(now: Double) -> [Dispatch] {
        promoteDelayed(now: now)
        var out: [Dispatch] = []
        for stage in pipeline.stages {
            var queue = ready[stage] ?? FIFO()
            let polite = stage == .fetch
            guard !queue.isEmpty || polite && politeness.waiting > 0 else { continue }
            var candidates = workers.filter { $0.value.stage == stage && $0.value.free > 0 }.map(\.key)
            while !candidates.isEmpty {
                // Jobs without a host (files, inline pages) first; then each host's, as it may be asked.
                let taken = queue.pop().map { (job: $0, host: String?.none) } ?? (polite ? politeness.next(now: now).map { ($0.job, $0.host) } : nil)
                guard let (jobID, host) = taken else { break }
                candidates.sort { workers[$0]!.free > workers[$1]!.free }
                let workerID = candidates[0]
                guard var job = jobs[jobID], job.stage == stage, job.holder == nil else {
                    if let host { politeness.cancelled(host: host) }
                    continue
                }
                job.holder = workerID
                job.deadline = now + pipeline.queue.leaseSeconds
                earliestLease = min(earliestLease, job.deadline)
                jobs[jobID] = job
                workers[workerID]!.holding.insert(jobID)
                if workers[workerID]!.free == 0 { candidates.removeFirst() }
                out.append(Dispatch(worker: workerID, job: jobID, stage: stage, attempt: job.failures + 1,
                                    trace: job.trace, payload: job.payload))
            }
            ready[stage] = queue
        }
        assert(verifyInvariants())
        return out
    }

    /// A worker finished `job` at `stage`; `payload` is the next stage's input, or nil when the worker reported DONE.
    /// `rest`: seconds the job's host asked between requests (robots.txt `Crawl-delay`).
    mutating func completed(_ jobID: JobID, stage: StageName, by workerID: WorkerID, payload: Data?, article: String?, now: Double,
                            rest: Double? = nil) -> Outcome {
        workers[workerID]?.holding.remove(jobID)
        releaseIfDrained(workerID)
        // Only the holder may answer: a late answer after a lease ran out, or a peer that never held
        // the job, must not move it on (the job is replayed instead, which at-least-once allows).
        guard var job = jobs[jobID], job.stage == stage, job.holder == workerID else { return .stale(job: jobID) }
        release(&job, now: now)
        restHost(of: job, for: rest, now: now)
        processed[stage, default: 0] += 1
        unavailable[stage] = nil
        if let payload, let next = pipeline.nextStage(after: stage) {
            job.stage = next
            job.payload = payload
            jobs[jobID] = job
            makeReady(jobID, at: next)
            assert(verifyInvariants())
            return .advanced(job: jobID, stage: next)
        }
        jobs[jobID] = nil
        assert(verifyInvariants())
        return .done(job: jobID, article: article, attempts: job.failures + 1)
    }

    /// A worker could not process `job`.
    /// `rest`: seconds the job's host asked to be left alone (429/503 `Retry-After`): its other jobs wait too.
    mutating func failed(_ jobID: JobID, stage: StageName, by workerID: WorkerID, reason: String, kind: StageFailure.Kind, now: Double,
                         rest: Double? = nil) -> Outcome {
        workers[workerID]?.holding.remove(jobID)
        releaseIfDrained(workerID)
        guard var job = jobs[jobID], job.stage == stage, job.holder == workerID else { return .stale(job: jobID) }
        guard kind != .unavailable else {
            // The stage cannot work (its disk is full): the job waits without losing an attempt, and the
            // stage is reported as unavailable until one of its workers finishes a job again.
            if unavailable[stage] == nil { unavailable[stage] = (reason, now) }
            release(&job, now: now)
            job.notBefore = now + max(1, pipeline.queue.backoffSeconds)
            jobs[jobID] = job
            delayed.append(jobID)
            return .waiting(job: jobID, stage: stage, reason: reason)
        }
        failures[stage, default: 0] += 1
        restHost(of: job, for: rest, now: now)
        return retryOrFinish(jobID, reason: reason, permanent: kind == .permanent, now: now)
    }

    /// Leases past their deadline and workers silent for too long: their jobs go back with attempt + 1.
    mutating func expire(now: Double, liveness: Double) -> [Outcome] {
        var outcomes: [Outcome] = []
        for (workerID, worker) in workers where now - worker.lastSeen > liveness {
            outcomes += removeWorker(workerID, reason: "worker stopped answering heartbeats", now: now)
        }
        guard now >= earliestLease else { return outcomes }
        // Sorted for a deterministic order, but only the expired: every job on every turn would be sorted
        // for nothing.
        let expired = jobs.compactMap { id, job in job.holder != nil && job.deadline <= now ? id : nil }
        earliestLease = jobs.values.reduce(.infinity) { $1.holder != nil && $1.deadline > now ? min($0, $1.deadline) : $0 }
        for jobID in expired.sorted() {
            guard let job = jobs[jobID], let holder = job.holder else { continue }
            workers[holder]?.holding.remove(jobID)
            failures[job.stage, default: 0] += 1
            outcomes.append(retryOrFinish(jobID, reason: "lease of \(Int(pipeline.queue.leaseSeconds)) s expired at \(job.stage)",
                                          permanent: false, now: now))
        }
        return outcomes
    }

    /// Drops a worker; what it held is retried.
    mutating func removeWorker(_ workerID: WorkerID, reason: String, now: Double) -> [Outcome] {
        guard let worker = workers.removeValue(forKey: workerID) else { return [] }
        return worker.holding.sorted().compactMap { jobID in
            guard let job = jobs[jobID], job.holder == workerID else { return nil }
            failures[job.stage, default: 0] += 1
            return retryOrFinish(jobID, reason: "\(reason) while holding the job at \(job.stage)", permanent: false, now: now)
        }
    }

    /// The soonest time something is due (a lease, a backoff), for the poll timeout.
    func nextDeadline() -> Double {
        delayed.reduce(min(earliestLease, politeness.nextDue())) { soonest, id in min(soonest, jobs[id]?.notBefore ?? .infinity) }
    }

    /// Per-stage figures for STATUS.
    func figures() -> [QueueStatus.StageFigures] {
        pipeline.stages.map { stage in
            let held = jobs.values.filter { $0.stage == stage }
            let inFlight = held.filter { $0.holder != nil }.count
            return QueueStatus.StageFigures(
                stage: stage, waiting: held.count - inFlight, inFlight: inFlight,
                workers: workers.values.filter { $0.stage == stage }.count,
                processed: processed[stage] ?? 0, failures: failures[stage] ?? 0)
        }
    }

    // MARK: - Private

    private mutating func retryOrFinish(_ jobID: JobID, reason: String, permanent: Bool, now: Double) -> Outcome {
        guard var job = jobs[jobID] else { return .stale(job: jobID) }
        release(&job, now: now)
        job.failures += 1
        if permanent || job.failures >= pipeline.queue.maxAttempts {
            jobs[jobID] = nil
            assert(verifyInvariants())
            return .final(job: jobID, state: permanent ? .failed : .dead, stage: job.stage, reason: reason, attempts: job.failures)
        }
        // Exponential backoff: a job that fails fast must not spin the workers.
        job.notBefore = now + pipeline.queue.backoffSeconds * pow(2, Double(job.failures - 1))
        jobs[jobID] = job
        delayed.append(jobID)
        assert(verifyInvariants())
        return .retrying(job: jobID, stage: job.stage, attempt: job.failures + 1, reason: reason)
    }

    private mutating func release(_ job: inout Job, now: Double) {
        if job.holder != nil, job.stage == .fetch, let host = job.host { politeness.finished(host: host, now: now) }
        job.holder = nil
        job.deadline = .infinity
    }

    /// The job's host asked to be left alone for `seconds` (at most ``longestRest``): its fetch jobs wait.
    private mutating func restHost(of job: Job, for seconds: Double?, now: Double) {
        guard let seconds, job.stage == .fetch, let host = job.host else { return }
        politeness.rest(host: host, until: now + min(seconds, Self.longestRest))
    }

    /// Puts a job in line at `stage`: a fetch job with a host in its host's queue, any other in the stage's.
    private mutating func makeReady(_ jobID: JobID, at stage: StageName) {
        if stage == .fetch, let host = jobs[jobID]?.host {
            politeness.enqueue(jobID, host: host)
        } else {
            ready[stage, default: FIFO()].push(jobID)
        }
    }

    private mutating func releaseIfDrained(_ workerID: WorkerID) {
        if let worker = workers[workerID], worker.draining, worker.holding.isEmpty { workers[workerID] = nil }
    }

    private mutating func promoteDelayed(now: Double) {
        guard !delayed.isEmpty else { return }
        var waiting: [JobID] = []
        for jobID in delayed {
            guard var job = jobs[jobID], job.holder == nil else { continue }
            if job.notBefore <= now {
                job.notBefore = 0
                jobs[jobID] = job
                makeReady(jobID, at: job.stage)
            } else {
                waiting.append(jobID)
            }
        }
        delayed = waiting
    }

    private func verifyInvariants() -> Bool {
        for (workerID, worker) in workers {
            for jobID in worker.holding where jobs[jobID] != nil && jobs[jobID]!.holder != workerID { return false }
        }
        return jobs.count <= pipeline.queue.window + pipeline.stages.count
    }
}
