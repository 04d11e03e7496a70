/// Constants of the Pressline wire protocol (docs/PROTOCOL.md).
///
/// Every message is multipart: `[header, payload?]`, where header is a small
/// JSON object (``Header``) and payload is JSON whose shape the type names; or a
/// batch of such envelopes on the work socket (``Envelope/frames(of:)``).
public enum WireProtocol {
    /// The protocol version carried in every header as `v`; a peer rejects others.
    public static let version = 1
    /// Largest message a socket accepts, in bytes (ZMQ_MAXMSGSIZE): a 32 MiB page
    /// plus its envelope. Larger input is refused at push time with a clear error.
    public static let maxMessageBytes = 40 << 20
    /// Largest input a client may submit, in bytes.
    public static let maxSubmitBytes = 32 << 20
    /// Most envelopes a batch carries, and most payload bytes: beyond them a batch saves little and
    /// holds a whole batch's memory in every hop.
    public static let maxBatchEnvelopes = 64
    public static let maxBatchBytes = 8 << 20
    /// Seconds between heartbeats, both directions.
    public static let heartbeatInterval = 1.0
    /// Missed heartbeats before a peer is taken for dead.
    public static let heartbeatLiveness = 3.0

    /// Whether the `count`-th dropped message is logged: the first hundred, then every thousandth,
    /// so a peer sending garbage fills the counters, not the disk.
    public static func logsDroppedMessage(_ count: Int) -> Bool { count <= 100 || count % 1000 == 0 }
}

/// The message types. Clients use the submit socket; stage workers the work socket.
public enum MessageType: String, Sendable, CaseIterable {
    /// client → queue: one article to process; payload ``Input``.
    case submit = "SUBMIT"
    /// queue → client: the SUBMIT is durably journaled.
    case accepted = "ACCEPTED"
    /// queue → client: the SUBMIT or request was refused; `error` says why, `retry` whether to try again.
    case rejected = "REJECTED"
    /// client → queue: ask for counters; the reply carries a ``QueueStatus`` payload.
    case status = "STATUS"
    /// client → queue: ask what became of jobs; payload `[job id]`, reply payload `[JobReport]`.
    case jobs = "JOBS"
    /// client → queue: list failed and dead jobs, newest first; payload the most to list (a JSON number),
    /// reply (also FAILURES) payload `[JobReport]` with each job's stage and last error.
    case failures = "FAILURES"
    /// client → queue: send failed and dead jobs back to pending; payload `[job id]`, empty for all.
    /// The reply (also RETRY) carries the ids that were sent back.
    case retry = "RETRY"
    /// worker → queue: the worker serves `stage` and can hold `credit` jobs at once.
    case ready = "READY"
    /// queue → worker: a job to run; payload ``Document``.
    case work = "WORK"
    /// worker → queue: the stage's output; payload ``Document`` for the next stage.
    case result = "RESULT"
    /// worker → queue: the job reached the end of the pipeline (the store committed it).
    case done = "DONE"
    /// worker → queue: the stage could not process the job; `error`, `permanent` or `unavailable`.
    case failed = "FAILED"
    /// both ways, once a second: the sender is alive.
    case heartbeat = "HEARTBEAT"
    /// worker → queue: the worker is draining and will take no more work.
    case disconnect = "DISCONNECT"
}
