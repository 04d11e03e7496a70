import Foundation
import PresslineCore
import PresslineRuntime
import PresslineWire
import ZeroMQ
import PresslineJSON

/// A client of the queue's submit socket (DEALER): SUBMIT with a window of
/// requests in flight, STATUS and JOBS requests.
public final class QueueClient {
    public let endpoint: String
    public let timeout: Double
    private let context: Context
    private let socket: Socket

    /// Why a request got no good answer.
    public enum Failure: Error, CustomStringConvertible {
        case noAnswer(String, Double)
        case rejected(String)

        public var description: String {
            switch self {
            case .noAnswer(let endpoint, let seconds):
                "no answer from the queue at \(endpoint) within \(Int(seconds)) s; is it running (`pressline up`)? Pass --queue to use another endpoint"
            case .rejected(let reason): "the queue refused the request: \(reason)"
            }
        }
    }

    public init(endpoint: String, timeout: Double, serverKey: String? = nil, clientKey: CurveKeyPair? = nil) throws {
        self.endpoint = endpoint
        self.timeout = timeout
        context = try Context()
        socket = try Socket(context, type: .dealer)
        try socket.setOption(.linger, 0)
        // A send blocks while no connection is up (a dead queue, a CURVE handshake that fails): bound it.
        try socket.setOption(.sendTimeout, Int(timeout * 1000))
        try socket.setOption(.maxMessageSize, WireProtocol.maxMessageBytes)
        if let serverKey { try socket.makeCurveClient(serverKey: serverKey, keyPair: clientKey) }
        try socket.connect(endpoint)
    }

    deinit {
        socket.close()
        context.terminate()
    }

    /// Sends one request and waits for its reply.
    public func request(_ envelope: Envelope) throws -> Envelope {
        try send(envelope.frames())
        let deadline = monotonicSeconds() + timeout
        while monotonicSeconds() < deadline {
            guard let frames = try socket.receive(timeout: Int((deadline - monotonicSeconds()) * 1000) + 1) else { continue }
            // A late answer to a SUBMIT (plain or batch) is not this request's.
            guard let reply = try Envelope.parseAll(frames[...]).compactMap({ try? $0.get() }).first(where: { $0.header.type != .accepted })
            else { continue }
            if reply.header.type == .rejected { throw Failure.rejected(reply.header.error ?? "no reason given") }
            return reply
        }
        throw Failure.noAnswer(endpoint, timeout)
    }

    /// The queue's counters.
    public func status() throws -> QueueStatus {
        try request(Envelope(Header(.status))).decodePayload(QueueStatus.self)
    }

    /// What became of `jobs`.
    /// Failed and dead jobs, newest first, with their stage and last error.
    public func failures(limit: Int) throws -> [JobReport] {
        let reply = try request(Envelope(Header(.failures), payload: try JSON.encoder.encode(limit)))
        return try reply.decodePayload([JobReport].self)
    }

    public func reports(_ jobs: [JobID]) throws -> [JobReport] {
        var out: [JobReport] = []
        for start in stride(from: 0, to: jobs.count, by: 500) {
            let chunk = Array(jobs[start..<min(jobs.count, start + 500)])
            out += try request(Envelope(Header(.jobs), payload: JSON.encoder.encode(chunk))).decodePayload([JobReport].self)
        }
        return out
    }

    /// Submits every SUBMIT payload `next` yields (``PayloadAttachment/submission(_:)``) under its job id, keeping
    /// up to `window` requests in flight: payloads are taken only as room opens, so a long push holds a window of
    /// articles in memory, not all of them.
    /// A refusal that may pass (a full queue, a journal that cannot be written) is resent after a
    /// growing pause, and so is a request whose reply was lost; a job id makes every resend idempotent.
    /// Returns the rejection reason per job id for inputs the queue refused for good. `stalled` is called
    /// every few seconds while submissions wait unanswered (the queue holds them while its journal cannot be
    /// written), so that the caller can say why.
    /// Seconds without an ACCEPTED before ``submit(_:window:progress:stalled:)`` calls `stalled`.
    public static let stallSeconds = 3.0

    public func submit(_ next: () -> (job: JobID, payload: Data)?, window: Int = 256, progress: (Int) -> Void,
                stalled: () -> Void = {}) throws -> [JobID: String] {
        var lastRefusal: String?
        var lastProgress = monotonicSeconds()
        var exhausted = false
        var inFlight: [JobID: (payload: Data, resendAt: Double)] = [:]
        var refused: [JobID: String] = [:]
        var accepted = 0
        var lastAnswer = monotonicSeconds()
        var backoff = 0.05
        var nextResendCheck = monotonicSeconds()
        while !exhausted || !inFlight.isEmpty {
            // New inputs go out in batches: one message and one wake-up of the queue for many articles.
            var outgoing: [Envelope] = []
            while !exhausted && inFlight.count < window {
                guard let item = next() else { exhausted = true; break }
                outgoing.append(Self.submission(item.job, item.payload))
                inFlight[item.job] = (item.payload, monotonicSeconds() + timeout / 2)
            }
            try send(outgoing)
            if let frames = try socket.receive(timeout: 100) {
                lastAnswer = monotonicSeconds()
                for case .success(let reply) in try Envelope.parseAll(frames[...]) {
                    guard let job = reply.header.job, let entry = inFlight[job] else { continue }
                    switch reply.header.type {
                    case .accepted:
                        inFlight[job] = nil
                        accepted += 1
                        lastProgress = monotonicSeconds()
                        backoff = 0.05
                        progress(accepted)
                    case .rejected where reply.header.retry == true:
                        // Only this job waits; the pause grows while refusals go on. The reason is shown when it
                        // changes (a full journal disk would otherwise look like a hang).
                        inFlight[job] = (entry.payload, monotonicSeconds() + backoff)
                        backoff = min(2, backoff * 1.5)
                        let reason = reply.header.error ?? "the queue is busy"
                        if reason != lastRefusal {
                            lastRefusal = reason
                            FileHandle.standardError.write(Data("waiting: the queue says \(reason); retrying\n".utf8))
                        }
                    case .rejected:
                        refused[job] = reply.header.error ?? "refused"
                        inFlight[job] = nil
                    default:
                        break
                    }
                }
            } else if monotonicSeconds() - lastAnswer > timeout {
                throw Failure.noAnswer(endpoint, timeout)
            }
            if !inFlight.isEmpty && monotonicSeconds() - lastProgress > Self.stallSeconds {
                lastProgress = monotonicSeconds()
                stalled()
            }
            // Resend what is due: a refusal's pause is over, or a reply was lost (the queue restarted).
            // Looked for now and then, not after every answer: the scan covers the whole window.
            let now = monotonicSeconds()
            guard now >= nextResendCheck else { continue }
            nextResendCheck = now + 0.05
            var due: [Envelope] = []
            for (job, entry) in inFlight where entry.resendAt <= now {
                due.append(Self.submission(job, entry.payload))
                inFlight[job] = (entry.payload, now + timeout / 2)
            }
            try send(due)
        }
        return refused
    }

    private static func submission(_ job: JobID, _ payload: Data) -> Envelope {
        Envelope(Header(.submit, job: job), payload: payload)
    }

    /// Sends `envelopes` in batches (``WireProtocol/maxBatchEnvelopes``).
    private func send(_ envelopes: [Envelope]) throws {
        for batch in Envelope.batches(envelopes) { try send(Envelope.frames(of: batch)) }
    }

    /// Sends frames; a send that times out means nobody is there to take it.
    private func send(_ frames: [Data]) throws {
        do { try socket.send(frames) } catch where error.isWouldBlock {
            throw Failure.noAnswer(endpoint, timeout)
        }
    }
}
