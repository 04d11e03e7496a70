import Foundation
import PresslineCore
import ZeroMQ

/// A client of the queue's submit socket (DEALER): SUBMIT with a window of
/// requests in flight, STATUS and JOBS requests.
final class QueueClient {
    let endpoint: String
    let timeout: Double
    private let context: Context
    private let socket: Socket

    /// Why a request got no good answer.
    enum Failure: Error, CustomStringConvertible {
        case noAnswer(String, Double)
        case rejected(String)

        var description: String {
            switch self {
            case .noAnswer(let endpoint, let seconds):
                "no answer from the queue at \(endpoint) within \(Int(seconds)) s; is it running (`pressline up`)? Pass --queue to use another endpoint"
            case .rejected(let reason): "the queue refused the request: \(reason)"
            }
        }
    }

    init(endpoint: String, timeout: Double, serverKey: String? = nil) throws {
        self.endpoint = endpoint
        self.timeout = timeout
        context = try Context()
        socket = try Socket(context, type: .dealer)
        try socket.setOption(.linger, 0)
        // A send blocks while no connection is up (a dead queue, a CURVE handshake that fails): bound it.
        try socket.setOption(.sendTimeout, Int(timeout * 1000))
        try socket.setOption(.maxMessageSize, WireProtocol.maxMessageBytes)
        if let serverKey { try socket.makeCurveClient(serverKey: serverKey) }
        try socket.connect(endpoint)
    }

    deinit {
        socket.close()
        context.terminate()
    }

    /// Sends one request and waits for its reply.
    func request(_ envelope: Envelope) throws -> Envelope {
        try send(envelope.frames())
        let deadline = monotonicSeconds() + timeout
        while monotonicSeconds() < deadline {
            guard let frames = try socket.receive(timeout: Int((deadline - monotonicSeconds()) * 1000) + 1) else { continue }
            let reply = try Envelope.parse(frames[...])
            if reply.header.type == .rejected { throw Failure.rejected(reply.header.error ?? "no reason given") }
            return reply
        }
        throw Failure.noAnswer(endpoint, timeout)
    }

    /// The queue's counters.
    func status() throws -> QueueStatus {
        try request(Envelope(Header(.status))).decodePayload(QueueStatus.self)
    }

    /// What became of `jobs`.
    func reports(_ jobs: [String]) throws -> [JobReport] {
        var out: [JobReport] = []
        for start in stride(from: 0, to: jobs.count, by: 500) {
            let chunk = Array(jobs[start..<min(jobs.count, start + 500)])
            out += try request(Envelope(Header(.jobs), payload: JSON.encoder.encode(chunk))).decodePayload([JobReport].self)
        }
        return out
    }

    /// Submits every input under its job id, keeping up to `window` requests in flight.
    /// A full queue (REJECTED with retry) or a lost reply is retried; a job id makes the retry idempotent.
    /// Returns the rejection reason per job id for inputs the queue refused for good.
    func submit(_ items: [(job: String, input: Input)], window: Int = 64, progress: (Int) -> Void) throws -> [String: String] {
        var waiting = items[...]
        var inFlight: [String: (input: Input, sentAt: Double)] = [:]
        var refused: [String: String] = [:]
        var accepted = 0
        var lastAnswer = monotonicSeconds()
        var backoff = 0.05
        while !waiting.isEmpty || !inFlight.isEmpty {
            while inFlight.count < window, let item = waiting.popFirst() {
                try send(item.job, item.input)
                inFlight[item.job] = (item.input, monotonicSeconds())
            }
            guard let frames = try socket.receive(timeout: 200) else {
                if monotonicSeconds() - lastAnswer > timeout { throw Failure.noAnswer(endpoint, timeout) }
                // Replies can be lost when the queue restarts: resend what waited too long.
                for (job, entry) in inFlight where monotonicSeconds() - entry.sentAt > timeout / 2 {
                    try send(job, entry.input)
                    inFlight[job] = (entry.input, monotonicSeconds())
                }
                continue
            }
            lastAnswer = monotonicSeconds()
            let reply = try Envelope.parse(frames[...])
            guard let job = reply.header.job else { continue }
            switch reply.header.type {
            case .accepted:
                guard inFlight.removeValue(forKey: job) != nil else { continue }
                accepted += 1
                backoff = 0.05
                progress(accepted)
            case .rejected where reply.header.retry == true:
                // The queue is full: slow down, then resend everything in flight.
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(2, backoff * 2)
                for (id, entry) in inFlight { try send(id, entry.input); inFlight[id] = (entry.input, monotonicSeconds()) }
            case .rejected:
                refused[job] = reply.header.error ?? "refused"
                inFlight[job] = nil
            default:
                continue
            }
        }
        return refused
    }

    private func send(_ job: String, _ input: Input) throws {
        try send(Envelope(Header(.submit, job: job), payload: JSON.encoder.encode(input)).frames())
    }

    /// Sends frames; a send that times out means nobody is there to take it.
    private func send(_ frames: [Data]) throws {
        do { try socket.send(frames) } catch where error.isWouldBlock {
            throw Failure.noAnswer(endpoint, timeout)
        }
    }
}
