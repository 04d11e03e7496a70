import Foundation
import Logging
import PresslineCore
import PresslineWire
import ZeroMQ
import PresslineRuntime

/// Runs a ``Stage`` as a queue worker: connects a DEALER to the queue's work
/// endpoint, announces its stage and credit, processes WORK on `concurrency`
/// threads and sends back RESULT, DONE or FAILED.
///
/// The socket thread never runs stage code, so heartbeats flow while a long
/// job is in hand. On shutdown the worker says DISCONNECT, finishes the jobs it
/// holds, sends their answers and returns.
///
/// ```swift
/// let runtime = try WorkerRuntime(stage: CleanStage(), endpoint: "tcp://127.0.0.1:5571", concurrency: 1)
/// try runtime.run(until: ShutdownSignal.install())
/// ```
// Processing threads share only immutable state, the thread-safe context and the locked channel.
public final class WorkerRuntime: @unchecked Sendable {
    private let stage: any Stage
    private let endpoint: String
    private let concurrency: Int
    /// Jobs held ready beyond those being processed: they hide the round trip to the queue, and let work
    /// and answers travel in batches.
    private let prefetch: Int
    /// The queue's CURVE public key, when the queue requires CURVE.
    private let serverKey: String?
    /// This worker's own CURVE key pair, for a queue with an allow-list of client keys.
    private let clientKey: CurveKeyPair?
    /// The pipeline this worker belongs to, announced in READY so that another pipeline's queue turns it away.
    private let pipelineID: String?
    /// Set when the queue turned this worker away as another pipeline's.
    private var refusal: String?
    private let logger: Logger
    private let context: Context
    private let channel = JobChannel()
    private let resultsEndpoint = "inproc://results-\(UUID().uuidString)"
    /// Seconds a drain may take before the worker exits anyway; the queue replays what is left.
    public let drainDeadline = 60.0

    /// - Parameters:
    ///   - stage: the stage logic.
    ///   - endpoint: the queue's work endpoint.
    ///   - concurrency: processing threads; the credit announced is threads × the stage's batch limit + `prefetch`.
    ///   - prefetch: jobs held ready beyond those being processed; a stage that works in batches holds at least one
    ///     whole batch ready, so that its next batch is full when the last one is done.
    ///   - serverKey: the queue's CURVE public key, for a queue that requires CURVE.
    ///   - clientKey: this worker's key pair, for a queue that lets in listed client keys only.
    ///   - pipelineID: the pipeline the worker belongs to (``PipelineConfig/id(dataDirectory:)``).
    public init(stage: any Stage, endpoint: String, concurrency: Int, prefetch: Int, serverKey: String? = nil,
                clientKey: CurveKeyPair? = nil, pipelineID: String? = nil, logger: Logger) throws {
        self.pipelineID = pipelineID
        // With fewer ready than a batch, the store's next transaction holds only what came back in the meantime:
        // smaller commits, each an fsync (`bench/pipeline.py` shows the rate).
        self.prefetch = max(0, prefetch, stage.batchLimit > 1 ? stage.batchLimit : 0)
        self.stage = stage
        self.serverKey = serverKey
        self.clientKey = clientKey
        self.endpoint = endpoint
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.context = try Context()
    }

    /// Serves until `shutdown` is requested, then drains and returns.
    public func run(until shutdown: ShutdownSignal) throws {
        let queue = try Socket(context, type: .dealer)
        try queue.setOption(.routingID, "\(stage.name)-\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UInt16.random(in: 0...UInt16.max))")
        try queue.setOption(.maxMessageSize, WireProtocol.maxMessageBytes)
        try queue.setOption(.linger, 2000)
        try queue.setOption(.reconnectInterval, 200)
        // A send blocks while no connection to the queue is up (the queue is down, or a CURVE
        // handshake keeps failing): bound it, so heartbeats, answers and a drain never hang.
        try queue.setOption(.sendTimeout, 1000)
        if let serverKey { try queue.makeCurveClient(serverKey: serverKey, keyPair: clientKey) }
        try queue.connect(endpoint)
        let results = try Socket(context, type: .pull)
        try results.bind(resultsEndpoint)

        for index in 0..<concurrency {
            let thread = Thread { [self] in processLoop() }
            thread.name = "\(stage.name)-\(index)"
            thread.start()
        }
        try send(queue, Header(.ready, stage: stage.name))
        logger.info("worker started", metadata: ["stage": "\(stage.name)", "queue": "\(endpoint)", "concurrency": "\(concurrency)"])

        var lastSent = monotonicSeconds()
        var drainStarted: Double?
        var malformed = 0
        while true {
            if let refusal { throw WorkerRefused(reason: refusal) }
            let now = monotonicSeconds()
            if drainStarted == nil && shutdown.requested {
                drainStarted = now
                try send(queue, Header(.disconnect, stage: stage.name))
                channel.close()
                logger.info("draining", metadata: ["outstanding": "\(channel.outstanding)"])
            }
            if let started = drainStarted, channel.outstanding == 0 || now - started > drainDeadline {
                while let frames = try results.receiveNow() { try deliver(frames, to: queue) }
                break
            }
            let readable = try Poller.poll([queue, results], timeout: 100)
            if readable[0] {
                while let frames = try queue.receiveNow() {
                    let errors: [any Error]
                    do { errors = try handle(frames, draining: drainStarted != nil) } catch { errors = [error] }
                    for error in errors {
                        malformed += 1
                        if WireProtocol.logsDroppedMessage(malformed) {
                            logger.warning("dropped message from queue", metadata: ["error": "\(error)", "dropped_total": "\(malformed)"])
                        }
                    }
                }
            }
            if readable[1] {
                while let frames = try results.receiveNow() {
                    try deliver(frames, to: queue)
                    lastSent = monotonicSeconds()
                }
            }
            if monotonicSeconds() - lastSent >= WireProtocol.heartbeatInterval {
                try send(queue, Header(.heartbeat, stage: stage.name))
                lastSent = monotonicSeconds()
            }
        }
        logger.info("worker stopped", metadata: ["stage": "\(stage.name)", "unfinished": "\(channel.outstanding)"])
        results.close()
        queue.close()
        // A thread stuck in a job past the drain deadline still has its socket open, and terminating
        // the context would wait for it for ever: leave that to process exit (the queue replays the job).
        if channel.outstanding == 0 { context.terminate() }
    }

    /// Takes the jobs of a message (plain or batch) into the channel; returns the envelopes that broke the protocol.
    private func handle(_ frames: [Data], draining: Bool) throws(ProtocolError) -> [ProtocolError] {
        var jobs: [ReceivedJob] = []
        var errors: [ProtocolError] = []
        for parsed in try Envelope.parseAll(frames[...]) {
            do throws(ProtocolError) {
                let envelope = try parsed.get()
                switch envelope.header.type {
                case .work:
                    guard envelope.header.job != nil, envelope.header.stage == stage.name else {
                        throw ProtocolError.malformed("WORK for stage '\(envelope.header.stage ?? "")' at a \(stage.name) worker")
                    }
                    jobs.append(ReceivedJob(header: envelope.header, payload: envelope.payload))
                case .heartbeat:
                    break
                case .rejected where envelope.header.pipeline != nil:
                    refusal = envelope.header.error ?? "the queue serves pipeline \(envelope.header.pipeline ?? "")"
                default:
                    throw ProtocolError.unexpected(envelope.header.type)
                }
            } catch {
                errors.append(error)
            }
        }
        // A WORK that crossed our DISCONNECT is not taken: the queue's lease replays it.
        if !draining && !jobs.isEmpty { channel.put(jobs) }
        return errors
    }

    private func send(_ socket: Socket, _ header: Header) throws {
        var header = header
        header.credit = concurrency * stage.batchLimit + prefetch
        header.pipeline = pipelineID
        try deliver(Envelope(header).frames(), to: socket)
    }

    private var undelivered = 0

    /// Sends to the queue; a send that times out is dropped with a warning: the queue is
    /// unreachable, and it replays whatever this worker could not answer.
    private func deliver(_ frames: [Data], to socket: Socket) throws {
        do {
            try socket.send(frames)
        } catch {
            guard error.isWouldBlock else { throw error }
            undelivered += 1
            guard WireProtocol.logsDroppedMessage(undelivered) else { return }
            let count = undelivered
            logger.warning("queue unreachable; message dropped (the queue replays unanswered jobs)",
                           metadata: ["queue": "\(endpoint)", "undelivered_total": "\(count)"])
        }
    }

    /// One processing thread: take jobs, run the stage, push answers to the socket thread — gathered while
    /// more jobs are at hand, so they travel to the queue in batches, and handed over before the thread waits
    /// for work, so no answer is held while it sleeps (another thread may have taken the job it expected).
    private func processLoop() {
        let push: Socket
        do {
            push = try Socket(context, type: .push)
            try push.connect(resultsEndpoint)
        } catch let error as ZMQError where error.isTerminated {
            // A stop that came before this thread got going: nothing was handed to it, nothing is lost.
            return
        } catch {
            ThreadFailure.exit(logger, thread: "a \(stage.name) processing thread", error)
        }
        defer { push.close() }
        var answers: [Envelope] = []
        var bytes = 0
        func handOver() {
            guard !answers.isEmpty else { return }
            do { try push.send(Envelope.frames(of: answers)) } catch { logger.error("cannot hand over answers", metadata: ["error": "\(error)"]) }
            // Counted as finished only once handed over: a drain waits for them.
            channel.finished(answers.count)
            answers.removeAll(keepingCapacity: true)
            bytes = 0
        }
        while true {
            var jobs = channel.take(limit: stage.batchLimit, waiting: false)
            if jobs?.isEmpty == true {
                handOver()
                jobs = channel.take(limit: stage.batchLimit)
            }
            guard let jobs else { break }
            for answer in StageInvocation.run(stage, on: jobs) {
                answers.append(answer)
                bytes += answer.payload?.count ?? 0
            }
            if answers.count >= WireProtocol.maxBatchEnvelopes || bytes >= WireProtocol.maxBatchBytes { handOver() }
        }
        handOver()
    }
}

/// The queue turned this worker away: it serves another pipeline. Running on would take that pipeline's jobs.
public struct WorkerRefused: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "the queue refused this worker: \(reason)" }
}
