import Foundation
import Logging
import PresslineCore
import PresslineWire
import ZeroMQ
import PresslineRuntime

/// The `pressline-queue` process: journals submissions, hands jobs to stage
/// workers, routes each result to the next stage and replays what is lost.
///
/// Sockets (both bound, both ROUTER):
/// - `queue.submit`: clients send SUBMIT, STATUS, JOBS; one reply each.
/// - `queue.work`: stage workers send READY, RESULT, DONE, FAILED, HEARTBEAT, DISCONNECT; the queue sends WORK and HEARTBEAT.
///
/// ```swift
/// let server = try QueueServer(pipeline: config, dataDirectory: "pressline-data")
/// try server.run(until: ShutdownSignal.install())
/// ```
public final class QueueServer {
    let pipeline: PipelineConfig
    let journal: Journal
    /// Commits `batch` on a thread of its own while the loop goes on.
    let journalWriter: JournalWriter
    /// The group commit: the batch being gathered, the one being committed, the requests waiting on them.
    var commits = GroupCommit()
    let logger: Logger
    let context: Context
    let clients: Socket
    let workers: Socket
    var scheduler: Scheduler
    /// Where admission stands in the journal.
    var cursor = JournalCursor()
    /// Accepted jobs not yet final (admission control).
    var unfinished: UnfinishedJobs
    var malformed = 0
    let startedAt = monotonicSeconds()
    var heartbeat = Every(WireProtocol.heartbeatInterval)
    var rates = RateWindow()
    /// The Prometheus endpoint (a STREAM socket), when `queue.metrics` is set.
    let metricsSocket: Socket?
    /// Partial HTTP requests by connection.
    var metricsRequests = MetricsRequests()
    /// The allow-list of client keys, when `queue.curve_authorized_keys` is set.
    let zap: ZAPHandler?
    /// Standing problems are repeated in the log this often, so an operator tailing it sees them.
    var problemLog = Every(10)
    /// This pipeline's name on the wire; READY from a worker of another pipeline is refused.
    let pipelineID: String
    /// Held while the queue runs: one queue per data directory.
    private let dataDirectoryLock: FileLock

    /// Opens the journal in `dataDirectory` and binds both sockets.
    public init(pipeline: PipelineConfig, dataDirectory: String, logger: Logger = Logger(label: "pressline-queue")) throws {
        self.pipeline = pipeline
        self.logger = logger
        pipelineID = pipeline.id(dataDirectory: dataDirectory)
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        dataDirectoryLock = try Self.lock(dataDirectory)
        journal = try Journal(path: (dataDirectory as NSString).appendingPathComponent("queue.db"))
        scheduler = Scheduler(pipeline: pipeline)
        unfinished = UnfinishedJobs(limit: pipeline.queue.maxUnfinished, count: try journal.pendingCount())
        context = try Context()
        journalWriter = try JournalWriter(journal: journal, context: context, logger: logger)
        clients = try Socket(context, type: .router)
        workers = try Socket(context, type: .router)
        for socket in [clients, workers] {
            try socket.setOption(.maxMessageSize, WireProtocol.maxMessageBytes)
            try socket.setOption(.routerMandatory, 1)
            try socket.setOption(.linger, 500)
            try socket.setOption(.sendHighWaterMark, 100_000)
            try socket.setOption(.receiveHighWaterMark, 100_000)
        }
        // The ZAP handler must be bound before any CURVE peer can connect.
        if let path = pipeline.queue.curveAuthorizedKeys {
            zap = try ZAPHandler(context: context, authorized: KeyFile.readList(path), logger: logger)
        } else {
            zap = nil
        }
        if let keyFile = pipeline.queue.curveSecretKey {
            let secret = try KeyFile.read(keyFile)
            for socket in [clients, workers] { try socket.makeCurveServer(secretKey: secret) }
        }
        try Self.bind(clients, pipeline.queue.submit)
        try Self.bind(workers, pipeline.queue.work)
        if let endpoint = pipeline.queue.metrics {
            let socket = try Socket(context, type: .stream)
            try socket.setOption(.linger, 0)
            try Self.bind(socket, endpoint)
            metricsSocket = socket
        } else {
            metricsSocket = nil
        }
        logger.info("queue listening", metadata: [
            "submit": "\(clients.lastEndpoint)", "work": "\(workers.lastEndpoint)", "metrics": "\(metricsSocket?.lastEndpoint ?? "off")",
            "unfinished": "\(unfinished.count)", "window": "\(pipeline.queue.window)",
            "curve": "\(pipeline.queue.curveSecretKey == nil ? "off" : zap == nil ? "on" : "on, allow-list")",
        ])
    }

    /// Serves until `shutdown` is requested, then commits what it holds and closes.
    public func run(until shutdown: ShutdownSignal) throws {
        while !shutdown.requested {
            let now = monotonicSeconds()
            let timeout = Int(max(0, min(0.1, scheduler.nextDeadline() - now)) * 1000)
            let optional = [metricsSocket, zap?.socket].compactMap { $0 }
            let readable = try Poller.poll([clients, workers, journalWriter.socket] + optional, timeout: timeout)
            if readable[2], let result = journalWriter.finish() { finishCommit(result) }
            if readable[0] { try drain(clients, limit: 2_000, handle: handleClient) }
            if readable[1] { try drain(workers, limit: 10_000, handle: handleWorker) }
            for (socket, ready) in zip(optional, readable.dropFirst(3)) where ready {
                if socket === metricsSocket { try drain(socket, limit: 100, handle: handleMetrics) } else { try zap?.answer() }
            }
            try turn(now: monotonicSeconds())
        }
        if let result = journalWriter.finishWaiting() { finishCommit(result) }
        journalWriter.stop()
        try journal.commit(commits.batch)
        logger.info("queue stopping", metadata: ["active": "\(scheduler.activeCount)"])
        clients.close()
        workers.close()
        metricsSocket?.close()
        zap?.socket.close()
        context.terminate()
    }

    /// One turn after reading: expire, start a commit, admit, dispatch.
    func turn(now: Double) throws {
        for outcome in scheduler.expire(now: now, liveness: WireProtocol.heartbeatInterval * WireProtocol.heartbeatLiveness) {
            record(outcome)
        }
        startCommit(now: now)
        try admit()
        send(scheduler.dispatch(now: now), now: now)
        if heartbeat.due(now) {
            heartbeatWorkers(now: now)
            rates.sample(scheduler.processed, at: now)
            logProblems(now: now)
        }
    }

    /// Starts committing the gathered batch on the journal's thread, unless a commit is in hand (the batch then
    /// waits for it: commits group themselves); answers what may be answered now (``GroupCommit/next(now:)``).
    private func startCommit(now: Double) {
        switch commits.next(now: now) {
        case .wait: break
        case .answer(let replies, let batchingClients): answer(replies, batchingClients: batchingClients)
        case .answerReads(let replies): for reply in replies { answer(route: reply.route, request: reply.envelope) }
        case .commit(let batch): journalWriter.start(batch)
        }
    }

    /// Takes the result of the commit in hand: its requests are answered and its new jobs admitted. A failed
    /// commit keeps its batch for the next try, and new articles are refused meanwhile.
    func finishCommit(_ result: Result<[Int: Int64], any Error>) {
        switch commits.finish(result) {
        case nil: break
        case .committed(let done, let fresh, let recovered)?:
            // A client resending a job id after a lost reply was counted twice in `unfinished`.
            unfinished.close(done.batch.inserts.count - fresh.count)
            if recovered { logger.notice("journal writable again; taking new articles") }
            if !done.batch.retries.isEmpty {
                cursor.rewind(toStart: true)
            } else {
                admitFresh(done.batch.inserts, positions: fresh)
            }
            answer(done.replies, batchingClients: done.batchingClients)
        case .failed(let reads, let first)?:
            if first {
                logger.error("journal write failed; refusing new articles until it succeeds", metadata: ["error": "\(commits.journalError ?? "")"])
            }
            for reply in reads { answer(route: reply.route, request: reply.envelope) }
        }
    }

    /// Answers requests whose writes are durable. Clients that sent SUBMITs in batches get their ACCEPTED
    /// answers in batches, in order.
    private func answer(_ replies: [GroupCommit.Reply], batchingClients: Set<Data>) {
        var accepted: [GroupCommit.Reply] = []
        for reply in replies {
            if reply.envelope.header.type == .accepted, batchingClients.contains(reply.route[0]) {
                accepted.append(reply)
            } else {
                answer(route: reply.route, request: reply.envelope)
            }
        }
        for (_, answers) in accepted.groupedInOrder(by: { $0.route[0] }) {
            for batch in Envelope.batches(answers.map(\.envelope)) { send(answers[0].route, batch) }
        }
    }

    /// Repeats standing problems in the log (``problemLog``), so an operator tailing it sees them.
    private func logProblems(now: Double) {
        // Cheap tests first: the full status reads the journal's counts.
        guard commits.journalError != nil || !scheduler.unavailable.isEmpty, problemLog.due(now) else { return }
        for alert in currentStatus().alerts { logger.error("pipeline blocked", metadata: ["problem": "\(alert)"]) }
    }

    private func heartbeatWorkers(now: Double) {
        guard let frames = try? Envelope(Header(.heartbeat)).frames() else { return }
        for id in scheduler.workers.keys {
            do { try workers.send([id] + frames, dontWait: true) } catch {
                for outcome in scheduler.removeWorker(id, reason: "heartbeat undeliverable", now: now) { record(outcome) }
            }
        }
    }

    /// Applies a scheduler outcome to the journal batch and the logs.
    func record(_ outcome: Scheduler.Outcome) {
        switch outcome {
        case .advanced, .stale:
            break
        case .waiting(let job, let stage, let reason):
            logger.debug("job waits for its stage to become available", metadata: ["job": "\(job)", "stage": "\(stage)", "reason": "\(reason)"])
        case .done(let job, let article, let attempts):
            unfinished.close()
            commits.batch.outcomes.append(.init(id: job, state: .done, article: article, attempts: attempts))
            logger.debug("job done", metadata: ["job": "\(job)", "article": "\(article ?? "-")"])
        case .retrying(let job, let stage, let attempt, let reason):
            logger.notice("job will be retried", metadata: ["job": "\(job)", "stage": "\(stage)", "attempt": "\(attempt)", "reason": "\(reason)"])
        case .final(let job, let state, let stage, let reason, let attempts):
            unfinished.close()
            commits.batch.outcomes.append(.init(id: job, state: state, stage: stage, error: reason, attempts: attempts))
            logger.warning("job \(state.rawValue)", metadata: ["job": "\(job)", "stage": "\(stage)", "attempts": "\(attempts)", "reason": "\(reason)"])
        }
    }

    /// Reads up to `limit` waiting messages from `socket` without blocking.
    private func drain(_ socket: Socket, limit: Int, handle: ([Data]) throws -> Void) throws {
        for _ in 0..<limit {
            guard let frames = try socket.receiveNow() else { return }
            try handle(frames)
        }
    }

    /// Counts and logs a message that breaks the protocol; the sender is named by its routing id.
    func reject(_ error: any Error, from route: Data?, socket: String) {
        malformed += 1
        guard WireProtocol.logsDroppedMessage(malformed) else { return }
        logger.warning("dropped message", metadata: ["socket": "\(socket)", "peer": "\(route.map(peer) ?? "?")", "error": "\(error)",
                                                     "dropped_total": "\(malformed)"])
    }

    /// A readable name for a routing id.
    func peer(_ id: Data) -> String {
        if let text = String(data: id, encoding: .utf8), text.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\0" }) { return text }
        return id.map { String(format: "%02x", $0) }.joined()
    }
}
