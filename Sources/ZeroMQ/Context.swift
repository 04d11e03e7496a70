import CZeroMQ

/// A libzmq context: owns the I/O threads that carry every socket made from it.
///
/// A context is thread-safe; its sockets are not. Close every socket before
/// `terminate()`, which otherwise waits for their linger to run out.
///
/// ```swift
/// let context = try Context()
/// let socket = try Socket(context, type: .dealer)
/// ```
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private var terminated = false

    /// Creates a context with `ioThreads` I/O threads (libzmq's guide: one per gigabyte a second).
    public init(ioThreads: Int32 = 1) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError(operation: "zmq_ctx_new") }
        self.handle = handle
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
    }

    /// Shuts the context down; blocks until every socket is closed. Idempotent.
    public func terminate() {
        guard !terminated else { return }
        terminated = true
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit { terminate() }
}
